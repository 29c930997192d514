import type { Meta, StoryObj } from '@storybook/react-vite'
import { memo, useRef } from 'react'
import { AnalyticsProvider, TrackedButton, usePageView, useTrack } from '../src/react.js'
import { withEventLog } from './support/EventLog.js'

const Counter = memo(function Counter({ label }: { label: string }) {
  const renders = useRef(0)
  renders.current++
  const track = useTrack()
  return (
    <p className="ik-actions">
      <button type="button" onClick={() => track('counter_clicked', { label })}>
        Track from {label}
      </button>
      <small>rendered {renders.current}×</small>
    </p>
  )
})

function Shop() {
  usePageView({ page_type: 'home' })
  return (
    <div>
      <p>
        The provider's context value never changes identity, so tracking re-renders nothing: click as often as
        you like, the render counts stay at 1.
      </p>
      <Counter label="header" />
      <Counter label="footer" />
      <TrackedButton event="hero_cta_clicked" type="button" className="ik-primary">
        Shop now
      </TrackedButton>
    </div>
  )
}

/**
 * `<AnalyticsProvider client={analytics}>` makes the client available to every hook and tracked
 * component below it. Here the client is a `createTestAnalytics()` client, so every event shows in the
 * log instead of being sent. `usePageView` tracked `page_viewed` once on mount.
 */
const meta = {
  title: 'Components/AnalyticsProvider',
  component: AnalyticsProvider,
  decorators: [withEventLog()],
  // the event log frame provides its own test client to the story's shop
  argTypes: { client: { control: false }, children: { control: false } },
  render: () => <Shop />,
} satisfies Meta<typeof AnalyticsProvider>

export default meta
// typed by the component, not the meta: its required `client` comes from the frame, not from args
type Story = StoryObj<typeof AnalyticsProvider>

/** Click the buttons: every event reaches the log, and the render counts stay at 1. */
export const ZeroRerenders: Story = {}

/** With consent pending, events are held in memory until the user decides. */
export const ConsentPending: Story = { parameters: { eventLog: { client: { consent: 'pending' } } } }
