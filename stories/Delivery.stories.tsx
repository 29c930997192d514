import type { Meta, StoryObj } from '@storybook/react-vite'
import { collectors, DeliveryDemo } from './support/DeliveryDemo.js'

/**
 * The delivery queue against a collector that fails on purpose: batching, retries with jittered backoff,
 * Retry-After, splitting a batch the collector finds too large, and probing while it cannot be reached.
 * The ledger shows that every tracked event is delivered, dropped with a reason, or still pending.
 */
const meta = {
  title: 'Delivery/Queue and retries',
  component: DeliveryDemo,
  args: { collector: 'healthy' },
  argTypes: { collector: { control: 'select', options: collectors } },
  // a new client for each collector, so a change of control starts from an empty queue
  render: (args) => <DeliveryDemo key={args.collector} {...args} />,
} satisfies Meta<typeof DeliveryDemo>
export default meta
type Story = StoryObj<typeof meta>

/** Every batch is acknowledged; the ledger has nothing pending once the batch left. */
export const Healthy: Story = {}
/** 503, 503, then 200: the same batch (same message ids) is retried with backoff. */
export const ServerErrors: Story = { args: { collector: 'server_errors' } }
/** 429 with Retry-After: the retry waits the time the collector asked for. */
export const RateLimited: Story = { args: { collector: 'rate_limited' } }
/** 413: halves until only the oversized event is refused (dropped as too_large), the rest delivered. */
export const PayloadTooLarge: Story = { args: { collector: 'too_large' } }
/**
 * Network errors, as an outage or an ad blocker causes: three quick tries, then a probe of one event every
 * 5–10 s, nothing dropped; once the collector is back, the first probe gets through and the rest follows.
 */
export const Unreachable: Story = { args: { collector: 'unreachable' } }
