export type {
  Analytics,
  AnalyticsInternals,
  AnalyticsOptions,
  AnalyticsState,
  EventName,
  EventSchemas,
  Middleware,
  PropertiesOf,
  TrackOptions,
} from './core/createAnalytics.js'
export { createAnalytics } from './core/createAnalytics.js'
export type { NamingMode } from './core/naming.js'
export { checkEventName, checkMetricName } from './core/naming.js'
export type { PrivacyOptions } from './core/privacy.js'
export type { SamplingOptions } from './core/sampling.js'
export type { StandardSchemaV1 } from './core/standardSchema.js'
export type {
  AnalyticsEvent,
  Consent,
  DropReason,
  EventContext,
  JsonValue,
  Ledger,
  OutcomeListener,
  PipelineOutcome,
  Properties,
  Stage,
} from './core/types.js'
export type { DeliveryOptions } from './delivery/createDelivery.js'
export type { MemoryTransport } from './delivery/memoryTransport.js'
export { memoryTransport } from './delivery/memoryTransport.js'
export type { Batch, MetricPoint, SendResult, Transport } from './delivery/types.js'
export type { StorageLike } from './lib/storage.js'
