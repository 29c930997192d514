import { metricsOf } from '../../../src/index.js'
import { useAnalytics } from '../../../src/react.js'

/** Shown as the section heading on the features page. */
export const title = 'Devtools: every event and what the pipeline did with it'

/**
 * Buttons that each make the pipeline do something different, to be watched in the devtools panel
 * (the ◈ button in the bottom-right corner, mounted beside the shop in main.tsx).
 */
export function DevtoolsFeature() {
  const analytics = useAnalytics()
  return (
    <div>
      <p>
        The devtools open from the ◈ instrumentkit button at the bottom right. Open them, then press these and
        watch the
        <strong> Events</strong> tab: each event shows its outcome (queued, sent, retrying, dropped and why)
        and, when you open its row, the properties as they were sent.
      </p>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <button
          type="button"
          onClick={() =>
            analytics.track('newsletter_subscribed', { email: 'ada@example.com', phone: '+1 415 555 0100' })
          }
        >
          Subscribe with an email and a phone (hashed, redacted)
        </button>
        <button type="button" onClick={() => analytics.track('product_viewed', { product_id: -1 })}>
          A product view with bad properties (dropped: invalid)
        </button>
        <button
          type="button"
          onClick={() => {
            for (let i = 0; i < 20; i++) analytics.track('product_card_hovered', { product_id: 1 + (i % 5) })
          }}
        >
          Hover 20 cards (sampled at 25%, per visitor)
        </button>
        <button
          type="button"
          onClick={() =>
            metricsOf(analytics).histogram('demo.latency.ms', Math.round(50 + Math.random() * 450))
          }
        >
          Record a latency (Metrics tab)
        </button>
      </div>
      <ul className="hint">
        <li>
          <strong>Delivery</strong>: the queue, each batch with its status and retries (try the failure lab
          with the collector down), and the ledger: tracked = delivered + dropped + pending.
        </li>
        <li>
          <strong>Experiments</strong>: the checkout test's variation, why this visitor got it, whether it was
          exposed, and a control that forces a variation (shown, never counted).
        </li>
        <li>
          <strong>Consent &amp; identity</strong>: deny consent and every later event is dropped; grant it
          again; reset the ids as on logout.
        </li>
      </ul>
      <p className="hint">
        <code>AnalyticsDevtools</code> renders nothing in a production build and its code is left out of the
        bundle; use <code>AnalyticsDevtoolsPanel</code> to ship it on purpose.
      </p>
    </div>
  )
}
