export { AnalyticsProvider, useAnalytics } from './react/AnalyticsProvider.js'
