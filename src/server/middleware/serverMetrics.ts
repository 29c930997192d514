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
  /** Request durations by route template, method and status class (histogram). */
  requestDuration: 'http.server.duration.ms',
  /** Requests in flight when the interval closed (gauge). */
  activeRequests: 'http.server.active',
  /** Errors by route, method and error type (counter). */
  requestErrors: 'http.server.errors',
  /** Median event-loop delay over the interval (gauge). */
  eventLoopDelayP50: 'process.event_loop.delay.p50.ms',
  /** 99th percentile of the event-loop delay (gauge). */
  eventLoopDelayP99: 'process.event_loop.delay.p99.ms',
  /** Largest event-loop delay (gauge). */
  eventLoopDelayMax: 'process.event_loop.delay.max.ms',
  /** V8 heap in use, in bytes (gauge). */
  heapUsed: 'process.memory.heap_used.bytes',
  /** V8 heap allocated, in bytes (gauge). */
  heapTotal: 'process.memory.heap_total.bytes',
  /** Resident set size, in bytes (gauge). */
  rss: 'process.memory.rss.bytes',
  /** CPU time over wall time; 1 is one core busy (gauge). */
  cpu: 'process.cpu.utilization.ratio',
  /** Items waiting in a queue, by `queue` (gauge). */
  queueDepth: 'queue.depth.count',
  /** Age of a queue's oldest waiting item, in milliseconds (gauge). */
  queueLag: 'queue.lag.ms',
} as const

/**
 * Tag keys of the request and `timed` metrics. `status_class` is `1xx`…`5xx`; `route` is the route
 * template (`/orders/:id`), or `unmatched` when no route matched, never the raw path; `error_type` is
 * the thrown error's name (`TypeError`, `TimeoutError`) or `http_<status>` for a 5xx answer.
 */
export const SERVER_METRIC_TAGS = {
  /** The route template, e.g. `/orders/:id`, or `unmatched`. */
  route: 'route',
  /** The HTTP method. */
  method: 'method',
  /** `1xx`…`5xx`. */
  statusClass: 'status_class',
  /** The thrown error's name, or `http_<status>` for a 5xx answer. */
  errorType: 'error_type',
  /** `success` or `error`, on `timed` histograms. */
  outcome: 'outcome',
  /** The queue's name, on queue metrics. */
  queue: 'queue',
} as const
