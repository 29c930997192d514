import type { Meta, StoryObj } from '@storybook/react-vite'
import { OverviewView } from '../../src/dashboard.js'
import { fixtures } from './fixtures.js'
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
      answer: (report) =>
        report === 'overview'
          ? {
              status: 200,
              body: {
                ...fixtures.overview,
                requests: {
                  total: 0,
                  per_second: 0,
                  errors: 0,
                  error_rate: null,
                  client_errors: 0,
                  latency_ms: { p50: null, p95: null, p99: null },
                  by_route: [],
                },
                web_vitals: fixtures.overview.web_vitals.map((v) => ({
                  ...v,
                  p75: null,
                  samples: 0,
                  rating: null,
                })),
                recent_errors: [],
                service_health: { ...fixtures.overview.service_health, dependencies: [], queues: [] },
              },
            }
          : undefined,
    }),
  ],
}

/** The answer has not arrived yet. */
export const Loading: Story = { decorators: [withQueryApi({ delayMs: 3_600_000 })] }

/** The collector asks for its read token: the view asks the person for it. */
export const NeedsToken: Story = { decorators: [withQueryApi({ token: 'read-token' })] }
