import type { Meta, StoryObj } from '@storybook/react-vite'
import { OverviewView } from '../../src/dashboard.js'
import { overviewEmptyFixture } from './fixtures.js'
import { withQueryApi } from './withQueryApi.js'

const meta = {
  title: 'Dashboard/OverviewView',
  component: OverviewView,
  decorators: [withQueryApi()],
} satisfies Meta<typeof OverviewView>
export default meta
type Story = StoryObj<typeof meta>

/** 1,234 requests/s, 0.12% errors, a lagging orders queue, a failing payment provider and grouped errors. */
export const Default: Story = {}

/** Nothing recorded yet: the view says which metric to record. */
export const NoRequestMetrics: Story = {
  decorators: [
    withQueryApi({
      answer: (report) => (report === 'overview' ? { status: 200, body: overviewEmptyFixture } : undefined),
    }),
  ],
}

/** The answer has not arrived yet. */
export const Loading: Story = { decorators: [withQueryApi({ delayMs: 3_600_000 })] }

/** The collector asks for its read token: the view asks the person for it. */
export const NeedsToken: Story = { decorators: [withQueryApi({ token: 'read-token' })] }
