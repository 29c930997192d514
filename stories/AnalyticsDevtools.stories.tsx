import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { AnalyticsDevtoolsPanel, type AnalyticsDevtoolsProps } from '../src/devtools.js'
import { defineExperiment, memoryTransport, metricsOf, withMetrics } from '../src/index.js'
import { Experiment, useTrack, Variant } from '../src/react.js'
import { useStoryAnalytics, withEventLog } from './support/EventLog.js'

const checkoutFlow = defineExperiment({ key: 'checkout_flow', variations: ['control', 'one_page'] })

// one flaky collector for the Delivery story: a button makes it answer 503 until switched back
const collector = memoryTransport()
let collectorDown = false
collector.respond(() =>
  collectorDown ? { ok: false, status: 503, retryAfterMs: 3_000 } : { ok: true, status: 200 },
)

/** A few buttons, each producing a different pipeline outcome, and the devtools panel with `props`. */
function DevtoolsDemo(props: AnalyticsDevtoolsProps) {
  const analytics = useStoryAnalytics()
  const track = useTrack()
  const [down, setDown] = useState(false)
  return (
    <>
      <p>
        Each button makes the pipeline do something different. The devtools panel shows it live: the outcome
        of every event, the queue and batches, the ledger, metrics, consent and identity, and the experiments
        with a control to force a variation.
      </p>
      <div className="ik-actions">
        <button type="button" onClick={() => track('product_viewed', { product_id: 'sku_42', price: 19.99 })}>
          View a product (queued, then sent)
        </button>
        <button
          type="button"
          onClick={() => track('signup_completed', { email: 'ada@example.com', plan: 'pro' })}
        >
          Sign up with an email (redacted)
        </button>
        <button type="button" onClick={() => track('scroll_depth_reached', { depth: 75 })}>
          Scroll (sampled out: rate 0)
        </button>
        <button type="button" onClick={() => track('Bad Event Name')}>
          Badly named event (dropped in strict naming)
        </button>
        <button
          type="button"
          onClick={() => metricsOf(analytics).histogram('api.latency.ms', 80 + Math.random() * 400)}
        >
          Record an API latency (metrics tab)
        </button>
        <button
          type="button"
          onClick={() => {
            collectorDown = !down
            setDown(!down)
          }}
        >
          {down ? 'Bring the collector back' : 'Make the collector answer 503 (retries)'}
        </button>
      </div>
      <Experiment experiment={checkoutFlow}>
        <Variant name="control">
          <p>Checkout: classic, three steps</p>
        </Variant>
        <Variant name="one_page">
          <p>Checkout: one page</p>
        </Variant>
      </Experiment>
      {/* AnalyticsDevtoolsPanel, not AnalyticsDevtools: Storybook's static build is a production build */}
      <AnalyticsDevtoolsPanel {...props} />
    </>
  )
}

/**
 * The in-app devtools: every event with its pipeline outcome, the delivery queue and batches, the
 * ledger, metrics, consent and identity, and the experiments with a control to force a variation. The
 * panel is fixed to a corner of the window; the story keeps its own event log above it.
 */
const meta = {
  title: 'Devtools/AnalyticsDevtools',
  component: AnalyticsDevtoolsPanel,
  decorators: [withEventLog({ besideDevtools: true })],
  args: { initialOpen: false, position: 'bottom-right', experiments: [checkoutFlow] },
  argTypes: {
    position: { control: 'inline-radio', options: ['bottom-right', 'bottom-left', 'top-right', 'top-left'] },
    // the story's own client, from the event log frame
    client: { control: false },
    experiments: { control: false },
  },
  render: (args) => <DevtoolsDemo {...args} />,
  parameters: {
    // the panel is fixed to the window: each story gets its own frame on the docs page
    docs: { story: { inline: false, iframeHeight: 900 } },
    eventLog: {
      client: {
        transport: collector,
        naming: 'strict',
        sampling: { events: { scroll_depth_reached: 0 } },
        batch: { intervalMs: 2_000 },
        metrics: withMetrics({ intervalMs: 5_000 }),
      },
    },
  },
} satisfies Meta<typeof AnalyticsDevtoolsPanel>
export default meta
type Story = StoryObj<typeof meta>

/** The panel open: click the buttons and watch each event's outcome, then the Delivery and Experiments tabs. */
export const Open: Story = { args: { initialOpen: true } }

/** Closed, it is one toggle button (here in the bottom-left corner) and renders nothing else. */
export const Closed: Story = { args: { position: 'bottom-left' } }

/** Consent starts pending: events are held until you grant or deny it in the "Consent & identity" tab. */
export const ConsentPending: Story = {
  args: { initialOpen: true },
  parameters: {
    eventLog: {
      client: { transport: collector, consent: 'pending', batch: { intervalMs: 2_000 } },
    },
  },
}
