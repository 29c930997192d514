/**
 * The browser client: `createAnalytics` and its pipeline (naming, validation, sampling, privacy,
 * consent), the event catalogue, delivery and transports, opt-in metrics (`withMetrics`) and
 * experiments (`withExperiments`). The React bindings of `instrumentkit/react` are re-exported here too.
 *
 * @example
 * import { createAnalytics, fetchTransport, standardEvents } from 'instrumentkit'
 * import { z } from 'zod'
 *
 * const analytics = createAnalytics({
 *   transport: fetchTransport({ url: '/api/analytics/batch' }),
 *   events: { ...standardEvents, plan_selected: z.object({ plan: z.enum(['free', 'team']) }) },
 * })
 * analytics.track('plan_selected', { plan: 'team' })
 *
 * @module instrumentkit
 */
export type { SpecProperties } from './core/catalogue.js'
export { businessEvents, defineEvents, eventSchema, standardEvents } from './core/catalogue.js'
export type {
  Analytics,
  AnalyticsInternals,
  AnalyticsOptions,
  AnalyticsPlugin,
  AnalyticsState,
  ClientHooks,
  EventName,
  EventSchemas,
  InstalledPlugins,
  Middleware,
  PropertiesOf,
  TrackArgs,
  TrackOptions,
} from './core/createAnalytics.js'
export { createAnalytics } from './core/createAnalytics.js'
export type { ClientLimits, JsonLimits } from './core/jsonSafe.js'
export type { IdentityCookieOptions } from './core/keepIdentityCookie.js'
export { IDENTITY_COOKIE, keepIdentityCookie } from './core/keepIdentityCookie.js'
export type { NamingMode } from './core/naming.js'
export { checkEventName, checkMetricName } from './core/naming.js'
export type { PrivacyOptions, PrivacyResult } from './core/privacy.js'
export { REDACTED } from './core/privacy.js'
export type { SampleDecision, SamplingOptions } from './core/sampling.js'
export type { StandardSchemaV1 } from './core/standardSchema.js'
export type {
  AnalyticsEvent,
  Consent,
  DropReason,
  EventContext,
  JsonValue,
  Ledger,
  OutcomeListener,
  PageContext,
  PipelineOutcome,
  Properties,
  Stage,
  UserAgentData,
} from './core/types.js'
export { beaconTransport } from './delivery/beaconTransport.js'
export type { ConsoleLike } from './delivery/consoleTransport.js'
export { consoleTransport } from './delivery/consoleTransport.js'
export type { BatchOptions, DeliveryOptions } from './delivery/createDelivery.js'
export type { PersistenceOptions } from './delivery/createPersistentQueue.js'
export type { FetchTransportOptions } from './delivery/fetchTransport.js'
export { fetchTransport } from './delivery/fetchTransport.js'
export type { MemoryTransport } from './delivery/memoryTransport.js'
export { memoryTransport } from './delivery/memoryTransport.js'
export type { RetryOptions } from './delivery/retryPolicy.js'
export { isRetryableStatus, parseRetryAfter } from './delivery/retryPolicy.js'
export type { SegmentBatch, SegmentMessage } from './delivery/segmentTransport.js'
export { segmentTransport, toSegmentBatch } from './delivery/segmentTransport.js'
export type { Batch, MetricPoint, SendResult, Timers, Transport } from './delivery/types.js'
export type {
  AnalyzeExperimentInput,
  ExperimentAnalysis,
  VariantAnalysis,
  VariantCounts,
} from './experiments/analyzeExperiment.js'
export { analyzeExperiment } from './experiments/analyzeExperiment.js'
export type {
  Experiments,
  ExperimentsOptions,
  ExperimentsSnapshot,
} from './experiments/createExperiments.js'
export type {
  Assignment,
  AssignmentReason,
  ExperimentDefinition,
  ExperimentUnit,
} from './experiments/defineExperiment.js'
export { defineExperiment } from './experiments/defineExperiment.js'
export type { BucketRange } from './experiments/getBucketRanges.js'
export { chooseVariation, getBucketRanges, getEqualWeights } from './experiments/getBucketRanges.js'
export { getQueryStringOverride } from './experiments/getQueryStringOverride.js'
export { hash } from './experiments/hash.js'
export type { Namespace } from './experiments/inNamespace.js'
export { inNamespace } from './experiments/inNamespace.js'
export { experimentsOf, withExperiments } from './experiments/withExperiments.js'
export { sha256 } from './lib/sha256.js'
export type { StorageLike } from './lib/storage.js'
export { collapseEndpoint } from './metrics/collapseEndpoint.js'
export type {
  MetricDropReason,
  Metrics,
  MetricsExporter,
  MetricsOptions,
  MetricsStats,
  MetricTags,
  MetricTimer,
} from './metrics/createMetrics.js'
export { DEFAULT_BOUNDS } from './metrics/histogramBounds.js'
export type { InstrumentEngagementOptions } from './metrics/instrumentEngagement.js'
export { ENGAGEMENT_METRICS, instrumentEngagement } from './metrics/instrumentEngagement.js'
export type { InstrumentErrorsOptions } from './metrics/instrumentErrors.js'
export { ERROR_METRICS, instrumentErrors } from './metrics/instrumentErrors.js'
export type { InstrumentFetchOptions } from './metrics/instrumentFetch.js'
export { FETCH_METRICS, instrumentFetch } from './metrics/instrumentFetch.js'
export type { InstrumentWebVitalsOptions } from './metrics/instrumentWebVitals.js'
export { instrumentWebVitals, WEB_VITALS_METRICS } from './metrics/instrumentWebVitals.js'
export { KIT_HEALTH_METRICS } from './metrics/kitHealth.js'
export type {
  OtlpAnyValue,
  OtlpHistogramDataPoint,
  OtlpKeyValue,
  OtlpMetric,
  OtlpMetricsExporterOptions,
  OtlpMetricsRequest,
  OtlpNumberDataPoint,
  OtlpResource,
} from './metrics/otlpMetricsExporter.js'
export { otlpMetricsExporter, toOtlpMetrics } from './metrics/otlpMetricsExporter.js'
export { metricsOf, withMetrics } from './metrics/withMetrics.js'
