import type { Meta, StoryObj } from '@storybook/react-vite'
import { RetentionView } from '../../src/dashboard.js'
import { withQueryApi } from './withQueryApi.js'

const meta = {
  title: 'Dashboard/RetentionView',
  component: RetentionView,
  decorators: [withQueryApi()],
  args: { period: 'day' },
} satisfies Meta<typeof RetentionView>
export default meta
type Story = StoryObj<typeof meta>

/** Three daily cohorts; periods that have not begun are left empty. */
export const Default: Story = {}
