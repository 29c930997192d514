import type { Meta, StoryObj } from '@storybook/react-vite'
import { TrackedLink } from '../src/react.js'
import { withEventLog } from './support/EventLog.js'

/**
 * An `<a>` that tracks an event when followed, including a middle-click that opens a new tab. The event
 * is queued synchronously inside the click, so a navigation that unloads the page does not lose it:
 * delivery sends the queue with `sendBeacon` when the page goes away.
 */
const meta = {
  title: 'Components/TrackedLink',
  component: TrackedLink,
  decorators: [withEventLog()],
  args: {
    event: 'docs_link_clicked',
    properties: { placement: 'header' },
    href: 'https://example.org/docs',
    target: '_blank',
    rel: 'noopener noreferrer',
    children: 'Read the docs',
  },
  // every other prop is the <a>'s own, passed through unchanged
  argTypes: {
    children: { description: "The link's content.", control: 'text' },
    href: { description: 'Where the link goes, as on an `<a>`.', control: 'text' },
    target: { description: '`_blank` opens a new tab; the event is tracked either way.', control: 'text' },
    rel: { description: 'Passed to the `<a>`, like every other prop.', control: 'text' },
    onClick: { description: 'Your handler, called after the event was tracked.', control: false },
  },
} satisfies Meta<typeof TrackedLink>

export default meta
type Story = StoryObj<typeof meta>

/** Opens in a new tab; the log shows `docs_link_clicked`. Middle-click counts too, right-click does not. */
export const NewTab: Story = {}

/**
 * A same-tab link; here your own `onClick` prevents the navigation so the story stays on screen, and
 * shows that it is called after the event was tracked.
 */
export const SameTabWithOwnHandler: Story = {
  args: {
    event: 'product_link_clicked',
    properties: { product_id: 'sku_123' },
    href: '/products/sku_123',
    target: undefined,
    children: 'Trail running shoes',
    onClick: (e) => e.preventDefault(),
  },
}
