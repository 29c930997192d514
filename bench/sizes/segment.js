// Segment analytics-next: load and track (no React bindings exist).
import { AnalyticsBrowser } from '@segment/analytics-next'

export const analytics = AnalyticsBrowser.load({ writeKey: 'abc123' })
analytics.track('checkout_button_clicked', { cart_value: 42 })
