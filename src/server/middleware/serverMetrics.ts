/**
 * Names and tags of the metrics the server-side instrumentation records, for reports and dashboards
 * that read them from `metric_points` and for apps that query them with SQL.
 *
 * | key | name | type | tags |
 * | --- | --- | --- | --- |
 * | `requestDuration` | `http.server.duration.ms` | histogram | `route` (template), `method`, `status_class` |
 * | `activeRequests` | `http.server.active` | gauge | — (requests in flight when the interval closed) |
 * | `requestErrors` | `http.server.errors` | counter | `route`, `method`, `error_type` |
 * | `eventLoopDelayP50` | `process.event_loop.delay.p50.ms` | gauge | — |
 * | `eventLoopDelayP99` | `process.event_loop.delay.p99.ms` | gauge | — |
 * | `eventLoopDelayMax` | `process.event_loop.delay.max.ms` | gauge | — |
 * | `heapUsed` | `process.memory.heap_used.bytes` | gauge | — |
 * | `heapTotal` | `process.memory.heap_total.bytes` | gauge | — |
 * | `rss` | `process.memory.rss.bytes` | gauge | — |
 * | `cpu` | `process.cpu.utilization.ratio` | gauge | — (CPU time over wall time, 1 = one core busy) |
 * | `queueDepth` | `queue.depth.count` | gauge | `queue` |
 * | `queueLag` | `queue.lag.ms` | gauge | `queue` (age of the oldest waiting item) |
 *
 * `timed(name, fn, tags)` records the histogram `name` with the caller's tags plus `outcome`
 * (`success` or `error`), and on failure counts `<name without its unit>.errors` by `error_type`.
 */
export const SERVER_METRICS = {
  requestDuration: 'http.server.duration.ms',
  activeRequests: 'http.server.active',
  requestErrors: 'http.server.errors',
  eventLoopDelayP50: 'process.event_loop.delay.p50.ms',
  eventLoopDelayP99: 'process.event_loop.delay.p99.ms',
  eventLoopDelayMax: 'process.event_loop.delay.max.ms',
  heapUsed: 'process.memory.heap_used.bytes',
  heapTotal: 'process.memory.heap_total.bytes',
  rss: 'process.memory.rss.bytes',
  cpu: 'process.cpu.utilization.ratio',
  queueDepth: 'queue.depth.count',
  queueLag: 'queue.lag.ms',
} as const

/**
 * Tag keys of the request and `timed` metrics. `status_class` is `1xx`…`5xx`; `route` is the route
 * template (`/orders/:id`), or `unmatched` when no route matched, never the raw path; `error_type` is
 * the thrown error's name (`TypeError`, `TimeoutError`) or `http_<status>` for a 5xx answer.
 */
export const SERVER_METRIC_TAGS = {
  route: 'route',
  method: 'method',
  statusClass: 'status_class',
  errorType: 'error_type',
  outcome: 'outcome',
  queue: 'queue',
} as const
