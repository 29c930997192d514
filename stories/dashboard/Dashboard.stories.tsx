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
  // props Dashboard takes from DashboardProviderProps, which react-docgen cannot follow through Omit<>
  argTypes: {
    fetch: {
      description:
        'A fetch to use instead of the global one (to add headers, or in tests); here the report fixtures.',
      control: false,
    },
    refreshMs: {
      description: 'Milliseconds between background refreshes (default 60,000; 0 turns auto-refresh off).',
      control: { type: 'number', min: 0, step: 1_000 },
    },
  },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Dashboard>
export default meta
type Story = StoryObj<typeof meta>

/** Every view behind one navigation, with the date range and auto-refresh controls. */
export const Default: Story = {}

/** Opened on an experiment, as a link to `#/experiments/new_checkout_flow` does in the hosted app. */
export const OnAnExperiment: Story = { args: { initialRoute: 'experiments/new_checkout_flow' } }
