import { createAnalytics, fetchTransport } from 'instrumentkit'

// A path on the app's own origin: Vite forwards it to the collector (see vite.config.ts).
export const analytics = createAnalytics({
  transport: fetchTransport({ url: '/api/analytics/batch' }),
})
