// Segment: analytics-next loaded with its defaults (settings answered by the fake CDN).
import { AnalyticsBrowser } from '@segment/analytics-next'
import { defineAdapter } from './defineAdapter.jsx'

let analytics

defineAdapter({
  async init() {
    const [instance] = await AnalyticsBrowser.load({ writeKey: 'bench_write_key' })
    analytics = instance
  },
  track: (name, properties) => {
    analytics.track(name, properties)
  },
})
