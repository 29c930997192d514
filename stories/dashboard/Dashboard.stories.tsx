import type { Meta, StoryObj } from '@storybook/react-vite'
import { Dashboard } from '../../src/dashboard.js'
import { fixtureFetch } from './fixtures.js'

const api = fixtureFetch()

const meta = {
  title: 'Dashboard/Dashboard',
  component: Dashboard,
  args: {
    fetch: api.fetch,
    refreshMs: 0,
    experiment: { metric: 'checkout_completed', value: 'order_value' },
  },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Dashboard>
export default meta
type Story = StoryObj<typeof meta>

/** Every view behind one navigation, with the date range and auto-refresh controls. */
export const Default: Story = {}

/** Opened on an experiment, as a link to `#/experiments/new_checkout_flow` does in the hosted app. */
export const OnAnExperiment: Story = { args: { initialRoute: 'experiments/new_checkout_flow' } }
