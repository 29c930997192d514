export { serverMetricNames, serverMetricTags } from './server/middleware/serverMetricNames.js'
export type {
  EventRow,
  MetricRow,
  QueryParam,
  RejectionRow,
  SchemaStatus,
  Store,
  WriteSet,
} from './server/stores/types.js'
