import type { Meta, StoryObj } from '@storybook/react-vite'
import { FunnelView } from '../../src/dashboard.js'
import { withQueryApi } from './withQueryApi.js'

const meta = {
  title: 'Dashboard/FunnelView',
  component: FunnelView,
  decorators: [withQueryApi()],
  args: { steps: ['page_viewed', 'signup_completed', 'trial_started', 'checkout_completed'], within: 86_400 },
} satisfies Meta<typeof FunnelView>
export default meta
type Story = StoryObj<typeof meta>

/** Homepage → Signup → Trial → Purchase: 100% → 12% → 45% → 23%. */
export const Default: Story = {}

/** A step name the query API refuses: its 400 message is shown. */
export const BadStep: Story = {
  args: { steps: ['page_viewed', 'Signup Completed'] },
  decorators: [
    withQueryApi({
      answer: (report) =>
        report === 'funnel'
          ? { status: 400, body: { error: 'steps: "Signup Completed" is not an event name', param: 'steps' } }
          : undefined,
    }),
  ],
}
