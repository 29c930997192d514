import type { Meta, StoryObj } from '@storybook/react-vite'
import { QualityView } from '../../src/dashboard.js'
import { withQueryApi } from './withQueryApi.js'

const meta = {
  title: 'Dashboard/QualityView',
  component: QualityView,
  decorators: [withQueryApi()],
} satisfies Meta<typeof QualityView>
export default meta
type Story = StoryObj<typeof meta>

/** Duplicates counted once, bots left out, rejections by reason, late events, skew and client drops. */
export const Default: Story = {}

/** The collector cannot be reached: the view says where it tried. */
export const CollectorDown: Story = {
  decorators: [
    withQueryApi({
      answer: (r) => (r === 'quality' ? { status: 503, body: { error: 'store unreachable' } } : undefined),
    }),
  ],
}
