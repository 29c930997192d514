export { SERVER_METRIC_TAGS, SERVER_METRICS } from './server/middleware/serverMetrics.js'
export type {
  EventRow,
  MetricRow,
  QueryParam,
  RejectionRow,
  SchemaStatus,
  Store,
  WriteSet,
} from './server/stores/types.js'
export type { InProcessCollector } from './server/tracking/collectorTransport.js'
export { collectorTransport } from './server/tracking/collectorTransport.js'
export type {
  ServerAnalytics,
  ServerAnalyticsOptions,
  ServerExperiments,
  ServerIdentity,
  ServerProperties,
} from './server/tracking/createServerAnalytics.js'
export { createServerAnalytics } from './server/tracking/createServerAnalytics.js'
