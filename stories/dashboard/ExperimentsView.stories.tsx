import type { Meta, StoryObj } from '@storybook/react-vite'
import { ExperimentsView } from '../../src/dashboard.js'
import { withQueryApi } from './withQueryApi.js'

const meta = {
  title: 'Dashboard/ExperimentsView',
  component: ExperimentsView,
  decorators: [withQueryApi()],
} satisfies Meta<typeof ExperimentsView>
export default meta
type Story = StoryObj<typeof meta>

/** Two experiments: one as planned, one with a sample ratio mismatch. */
export const Default: Story = {}

/** Nothing exposed yet. */
export const Empty: Story = {
  decorators: [
    withQueryApi({
      answer: (r) =>
        r === 'experiments'
          ? {
              status: 200,
              body: {
                report: 'experiments',
                generated_at: '2026-12-07T12:00:00.000Z',
                range: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-07T12:00:00.000Z' },
                experiments: [],
              },
            }
          : undefined,
    }),
  ],
}
