import type { Meta, StoryObj } from '@storybook/react-vite'
import { TrackedButton, TrackingScope } from '../src/react.js'
import { withEventLog } from './support/EventLog.js'

/**
 * A `<button>` that tracks an event on click. It renders exactly the button you would write (no wrapper,
 * every prop and the ref forwarded) and calls your `onClick` after tracking.
 */
const meta = {
  title: 'Components/TrackedButton',
  component: TrackedButton,
  decorators: [withEventLog()],
  args: {
    event: 'checkout_button_clicked',
    properties: { cart_value: 42.5, currency: 'EUR' },
    type: 'button',
    className: 'ik-primary',
    children: 'Checkout',
  },
  // every other prop is the <button>'s own, passed through unchanged
  argTypes: {
    children: { description: "The button's content.", control: 'text' },
    type: {
      description: '`button`, `submit` or `reset`, as on a `<button>`.',
      control: 'inline-radio',
      options: ['button', 'submit', 'reset'],
    },
    className: { description: 'Passed to the `<button>`, like every other prop.', control: 'text' },
    disabled: {
      description: 'A disabled button cannot be clicked, so it tracks nothing.',
      control: 'boolean',
    },
  },
} satisfies Meta<typeof TrackedButton>

export default meta
type Story = StoryObj<typeof meta>

/** Click it: `checkout_button_clicked` appears in the log with its properties. */
export const Default: Story = {}

/** The enclosing `TrackingScope` adds its properties; the button's own win on the same key. */
export const InsideAScope: Story = {
  render: (args) => (
    <TrackingScope properties={{ page: 'cart', currency: 'USD' }}>
      <TrackedButton {...args} />
    </TrackingScope>
  ),
}

/** A disabled button cannot be clicked, so nothing is tracked. */
export const Disabled: Story = { args: { disabled: true } }

/** Names that break the `[object]_[action]` rule are dropped when the client's naming mode is strict. */
export const BadNameInStrictMode: Story = {
  args: { event: 'ClickedCheckout', children: 'Badly named' },
  parameters: { eventLog: { client: { naming: 'strict' } } },
}

/** Properties that look like PII are redacted by the privacy stage before anything is queued. */
export const PiiIsRedacted: Story = {
  args: {
    event: 'newsletter_button_clicked',
    properties: { email: 'jane@example.com', placement: 'footer' },
    children: 'Subscribe',
  },
}
