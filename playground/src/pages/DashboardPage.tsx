import { Dashboard } from '../../../src/dashboard.js'

/**
 * The live store behind the shop, through the collector's query API: click through the shop in
 * another tab and watch the funnel, the checkout experiment and data quality move (it refreshes every
 * 15 seconds). The read token, when the collector has one, is asked for once per tab.
 */
export function DashboardPage() {
  return (
    <Dashboard
      title="Shop analytics"
      baseUrl="/api/analytics"
      tokenStorageKey="playground:read-token"
      refreshMs={15_000}
      funnel={{ steps: ['page_viewed', 'product_added', 'checkout_started', 'checkout_completed'] }}
      experiment={{ metric: 'checkout_completed', value: 'order_value' }}
    />
  )
}
