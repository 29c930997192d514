// instrumentkit without React: the client with fetch delivery.
import { createAnalytics, fetchTransport } from '../../src/index.ts'

export const analytics = createAnalytics({ transport: fetchTransport({ url: '/api/analytics/batch' }) })
analytics.track('checkout_completed', { order_value: 149.99 })
