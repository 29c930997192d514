import { useEffect, useState } from 'react'
import {
  AnalyticsErrorBoundary,
  createAnalyticsHooks,
  TrackedForm,
  TrackingScope,
} from '../../../src/react.js'
import { analytics } from '../analytics.js'
import { navigate } from '../router.js'

/** Shown as the section heading on the features page. */
export const title = 'React: tracked form, tracked links, impressions, error boundary'

// hooks and components typed by the shop's event catalogue: `product_seen` needs its properties
const { useExposure, TrackedLink, TrackedButton } = createAnalyticsHooks<typeof analytics>()

const LIST = 'features_demo'
const demoProducts = [
  { id: 101, name: 'Trail running shoes' },
  { id: 102, name: 'Merino base layer' },
  { id: 103, name: 'Rain shell' },
  { id: 104, name: 'Headlamp' },
  { id: 105, name: 'Trekking poles' },
  { id: 106, name: 'Water filter' },
]

function DemoCard({ id, name, position }: { id: number; name: string; position: number }) {
  const ref = useExposure('product_seen', { product_id: id, position, list: LIST })
  return (
    <li ref={ref} className="card" style={{ minHeight: 90 }}>
      <strong>{name}</strong>
      <span className="tag">#{id}</span>
    </li>
  )
}

/** Which demo cards have counted as seen, read from the pipeline like the collector panel does. */
function useSeenIds(): number[] {
  const [seen, setSeen] = useState<number[]>([])
  useEffect(
    () =>
      analytics.subscribe((o) => {
        if (o.type !== 'queued' || o.event.event_name !== 'product_seen') return
        const { list, product_id } = o.event.properties
        if (list === LIST && typeof product_id === 'number') setSeen((ids) => [...ids, product_id])
      }),
    [],
  )
  return seen
}

function Fragile() {
  const [broken, setBroken] = useState(false)
  if (broken) throw new Error('the recommendations widget failed')
  return (
    <button type="button" onClick={() => setBroken(true)}>
      Break this widget
    </button>
  )
}

/**
 * The React bindings on the playground's own client: a `TrackedForm` (started, submitted, abandoned),
 * `TrackedLink`s to this origin and to another one (the click survives the navigation), product
 * impressions with `useExposure`, all under a `TrackingScope`, and an `AnalyticsErrorBoundary`.
 */
export function ReactFeature() {
  const seen = useSeenIds()
  const [subscribed, setSubscribed] = useState(false)
  return (
    <TrackingScope properties={{ placement: 'features_page' }}>
      <h3>Impressions</h3>
      <p className="hint">
        Each card tracks <code>product_seen</code> once it has been at least half on screen for a second. Seen
        so far: {seen.length === 0 ? 'none' : seen.map((id) => `#${id}`).join(', ')}.
      </p>
      <ul style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8, padding: 0 }}>
        {demoProducts.map((p, i) => (
          <DemoCard key={p.id} {...p} position={i} />
        ))}
      </ul>

      <h3>Tracked form</h3>
      <p className="hint">
        Typing starts it (<code>newsletter_form_started</code>); submitting sends{' '}
        <code>newsletter_form_submitted</code> with <code>duration_ms</code>; leaving the page after starting
        sends <code>newsletter_form_abandoned</code> with the last field used. Values are never read.
      </p>
      {subscribed ? (
        <p className="callout">
          Subscribed.{' '}
          <button type="button" onClick={() => setSubscribed(false)}>
            Show the form again
          </button>
        </p>
      ) : (
        <TrackedForm
          name="newsletter"
          event="newsletter_form"
          className="form"
          aria-label="Newsletter"
          onSubmit={(e) => {
            e.preventDefault()
            setSubscribed(true)
          }}
        >
          <label>
            Email <input name="email" type="email" required />
          </label>
          <label className="check">
            <input name="weekly" type="checkbox" />
            Weekly digest
          </label>
          <button type="submit" className="primary">
            Subscribe
          </button>
        </TrackedForm>
      )}

      <h3>Tracked links and buttons</h3>
      <p>
        <TrackedLink
          href="/cart"
          event="cart_link_clicked"
          onClick={(e) => {
            // same origin: the shop's router navigates without a reload
            e.preventDefault()
            navigate('/cart')
          }}
        >
          Go to the cart
        </TrackedLink>{' '}
        ·{' '}
        <TrackedLink
          href="https://example.org/"
          event="outbound_link_clicked"
          properties={{ to: 'example.org' }}
        >
          Leave for example.org
        </TrackedLink>{' '}
        (another origin, same tab: the event is queued in the click and sent by the page-exit beacon)
      </p>
      <p>
        <TrackedButton type="button" event="newsletter_opened" properties={{ source: 'features' }}>
          A tracked button
        </TrackedButton>
      </p>

      <h3>Error boundary</h3>
      <AnalyticsErrorBoundary
        properties={{ widget: 'recommendations' }}
        fallback={({ reset }) => (
          <p className="callout">
            The widget failed and <code>error_occurred</code> was tracked.{' '}
            <button type="button" onClick={reset}>
              Try again
            </button>
          </p>
        )}
      >
        <Fragile />
      </AnalyticsErrorBoundary>
    </TrackingScope>
  )
}
