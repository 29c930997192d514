import type { Meta, StoryObj } from '@storybook/react-vite'
import { BusinessView } from '../../src/dashboard.js'
import { withQueryApi } from './withQueryApi.js'

const meta = {
  title: 'Dashboard/BusinessView',
  component: BusinessView,
  decorators: [withQueryApi()],
} satisfies Meta<typeof BusinessView>
export default meta
type Story = StoryObj<typeof meta>

/** Signups up 20%, conversions down 8% against yesterday, revenue, DAU/WAU/MAU and two weeks of days. */
export const Default: Story = {}
