export type {
  Collector,
  CollectorHealth,
  CollectorOptions,
  IngestMeta,
  IngestResult,
} from './server/collector/createCollector.js'
export { createCollector } from './server/collector/createCollector.js'
export type { DedupWindowOptions } from './server/collector/dedupWindow.js'
export type { Enrichment } from './server/collector/enrich.js'
export type { RateLimit } from './server/collector/rateLimiter.js'
export { toNodeHandler } from './server/collector/toNodeHandler.js'
export type { CataloguePolicy, EventLimits } from './server/collector/toRows.js'
export { SERVER_METRIC_TAGS, SERVER_METRICS } from './server/middleware/serverMetrics.js'
export type { ReportContext } from './server/reports/runReport.js'
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
