import type { Meta, StoryObj } from '@storybook/react-vite'
import { ExperimentView } from '../../src/dashboard.js'
import { experimentFlatFixture, experimentSrmFixture } from './fixtures.js'
import { withQueryApi } from './withQueryApi.js'

const meta = {
  title: 'Dashboard/ExperimentView',
  component: ExperimentView,
  decorators: [withQueryApi()],
  args: { experimentKey: 'new_checkout_flow', metric: 'checkout_completed', value: 'order_value' },
} satisfies Meta<typeof ExperimentView>
export default meta
type Story = StoryObj<typeof meta>

/** New Checkout Flow, day 7 of 14: treatment +10% conversion (p<0.05). */
export const SignificantWin: Story = {}

/** Too few units to tell: said plainly, with an interval that includes no change. */
export const NotSignificant: Story = {
  decorators: [
    withQueryApi({
      answer: (r) => (r === 'experiment' ? { status: 200, body: experimentFlatFixture } : undefined),
    }),
  ],
}

/** The split does not match the plan: a warning comes before the numbers. */
export const SampleRatioMismatch: Story = {
  decorators: [
    withQueryApi({
      answer: (r) => (r === 'experiment' ? { status: 200, body: experimentSrmFixture } : undefined),
    }),
  ],
}
