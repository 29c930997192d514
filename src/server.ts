/**
 * The server half: the collector (one Web-standard handler with Node, Express, Hono and Next.js
 * mounts), its stores (DuckDB, ClickHouse, memory), the reports the dashboard reads, request
 * metrics middleware, and server-side tracking that shares the browser's identity.
 *
 * @example
 * import { createServer } from 'node:http'
 * import { createCollector, duckdbStore, toNodeHandler } from 'instrumentkit/server'
 *
 * const collector = createCollector({ store: duckdbStore({ path: '.instrumentkit/events.duckdb' }) })
 * createServer(toNodeHandler(collector)).listen(8787)
 *
 * @module instrumentkit/server
 */
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
export type { ServeDashboardOptions } from './server/dashboardAssets.js'
export { serveDashboard } from './server/dashboardAssets.js'
export type { WithMetrics } from './server/middleware/createRequestRecorder.js'
export type {
  ExpressRequestMetrics,
  ExpressRequestMetricsOptions,
  NodeRequestLike,
} from './server/middleware/expressRequestMetrics.js'
export { expressRequestMetrics } from './server/middleware/expressRequestMetrics.js'
export type { HonoContextLike } from './server/middleware/honoRequestMetrics.js'
export { honoRequestMetrics } from './server/middleware/honoRequestMetrics.js'
export { SERVER_METRIC_TAGS, SERVER_METRICS } from './server/middleware/serverMetrics.js'
export { withRequestMetrics } from './server/middleware/withRequestMetrics.js'
export type { ReportContext, ReportedExperiment } from './server/reports/runReport.js'
export { REPORTS, ReportParamError, runReport } from './server/reports/runReport.js'
export type {
  BusinessDay,
  BusinessParams,
  BusinessReport,
  DayComparison,
  DependencyHealth,
  ErrorGroup,
  ExperimentParams,
  ExperimentReport,
  ExperimentStatus,
  ExperimentSummary,
  ExperimentsParams,
  ExperimentsReport,
  ExperimentVariant,
  FunnelGroup,
  FunnelParams,
  FunnelReport,
  FunnelStep,
  LatencyPercentiles,
  OverviewParams,
  OverviewReport,
  QualityParams,
  QualityReport,
  RangeParams,
  ReportEnvelope,
  ReportName,
  ReportParamsByName,
  ReportRange,
  ReportResults,
  RetentionCohort,
  RetentionParams,
  RetentionReport,
  RouteStats,
  WebVitalStat,
} from './server/reports/types.js'
export type { ClickhouseStoreOptions } from './server/stores/clickhouseStore.js'
export { clickhouseStore } from './server/stores/clickhouseStore.js'
export type { DuckdbStoreOptions } from './server/stores/duckdbStore.js'
export { duckdbStore } from './server/stores/duckdbStore.js'
export type { MemoryStore } from './server/stores/memoryStore.js'
export { memoryStore } from './server/stores/memoryStore.js'
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
export type { InstrumentProcessOptions } from './server/tracking/instrumentProcess.js'
export { instrumentProcess } from './server/tracking/instrumentProcess.js'
export type { InstrumentQueueOptions, QueueReporter } from './server/tracking/instrumentQueue.js'
export { instrumentQueue } from './server/tracking/instrumentQueue.js'
export type { BrowserIdentity, RequestWithCookies } from './server/tracking/readIdentity.js'
export { readIdentity } from './server/tracking/readIdentity.js'
export { timed } from './server/tracking/timed.js'
