import type { Meta, StoryObj } from '@storybook/react-vite'
import { sha256, standardEvents } from '../src/index.js'
import { useStoryAnalytics, withEventLog } from './support/EventLog.js'
import { TrackOnce } from './support/TrackOnce.js'

/** Grants or denies consent on the story's client, releasing or discarding what it held. */
function ConsentButtons() {
  const analytics = useStoryAnalytics()
  return (
    <>
      <button type="button" onClick={() => analytics.setConsent('granted')}>
        Grant consent
      </button>
      <button type="button" onClick={() => analytics.setConsent('denied')}>
        Deny consent
      </button>
    </>
  )
}

/**
 * The core pipeline, one stage per story: every event is built, passed through consent, naming,
 * validation, sampling and privacy, and either queued or dropped with the stage's reason. The log
 * shows the outcome, the properties as they would be sent and the paths privacy changed.
 */
const meta = {
  title: 'Core/Pipeline',
  component: TrackOnce,
  decorators: [withEventLog({ client: { events: standardEvents, unknownEvents: 'allow' } })],
  args: { event: 'support_request_sent', properties: {}, label: 'Track' },
} satisfies Meta<typeof TrackOnce>

export default meta
type Story = StoryObj<typeof meta>

/**
 * PII is redacted before anything is queued: keys that name it (`email`, `first_name`) and values that
 * look like it anywhere in free text (a phone number, a card number passing Luhn).
 */
export const Redacted: Story = {
  args: {
    label: 'Send a support request',
    properties: {
      email: 'ada@example.com',
      first_name: 'Ada',
      message: 'Call me on +44 20 7946 0958 about card 4111 1111 1111 1111',
      topic: 'billing',
    },
  },
}

/**
 * PII inside a URL is found whether it is written plainly, percent-encoded (`%40`) or form-encoded (`+`
 * for a space), and only that part is replaced: the rest of the URL keeps its parameters and encoding.
 */
export const RedactedInUrls: Story = {
  args: {
    label: 'Follow a shared link',
    event: 'shared_link_opened',
    properties: {
      href: 'https://shop.example/welcome?ref=pat%40example.com&utm_source=newsletter',
      search: 'https://shop.example/search?q=call+me+at+555+123+4567&page=2',
      card: 'https://pay.example/?c=4111%201111%201111%201111&step=2',
    },
  },
}

/** With `hashKeys`, a key is sent as its SHA-256 instead: joinable across events, never readable. */
export const Hashed: Story = {
  args: {
    label: 'Sign up',
    event: 'signup_completed',
    properties: { method: 'email', email: 'ada@example.com' },
  },
  parameters: {
    eventLog: { client: { events: standardEvents, privacy: { hashKeys: ['email'], hash: sha256 } } },
  },
}

/**
 * An event that fails its schema is dropped with reason `invalid` and the issues, each with its path:
 * `checkout_completed` in the standard catalogue needs `order_id`, `order_value` and `currency`.
 */
export const DroppedInvalid: Story = {
  args: { label: 'Complete checkout (bad data)', event: 'checkout_completed', properties: { order_id: 42 } },
}

/** In strict naming mode a name that is not `[object]_[action]` snake_case is dropped. */
export const DroppedByNaming: Story = {
  args: { label: 'Track "Clicked Buy"', event: 'Clicked Buy', properties: {} },
  parameters: { eventLog: { client: { naming: 'strict' } } },
}

/** At a sampling rate of 0, an ordinary event is dropped as `sampled_out`; business events never are. */
export const SampledOut: Story = {
  args: { label: 'Hover a card', event: 'product_card_hovered', properties: { product_id: 7 } },
  parameters: { eventLog: { client: { sampling: { rate: 0 } } } },
}

/** While consent is pending, events are held in memory; granting sends them, denying discards them. */
export const HeldForConsent: Story = {
  args: { label: 'View pricing', event: 'pricing_viewed', properties: { plan: 'team' } },
  parameters: { eventLog: { client: { consent: 'pending' } } },
  render: (args) => (
    <div className="ik-actions">
      <TrackOnce {...args} />
      <ConsentButtons />
    </div>
  ),
}
