import type { Metrics } from '../../metrics/createMetrics.js'
import { SERVER_METRICS } from './serverMetrics.js'

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE'])

/** One request being measured; `end` records it once. */
export interface RequestMeasurement {
  /**
   * Records the request's duration under its route template and status, and an error when it failed:
   * `error` is what was thrown, else a 5xx status counts as `http_<status>`. Later calls do nothing.
   */
  end(route: string | undefined, status: number | 'aborted', error?: unknown): void
}

/** Measures requests into `http.server.*` metrics: what every request-metrics middleware shares. */
export interface RequestRecorder {
  start(method: string): RequestMeasurement
}

/** The metrics of a client: a server client, or a browser client made with `withMetrics()`. */
export interface WithMetrics {
  /** The client's metrics, where the request and queue metrics are recorded. */
  readonly metrics: Metrics
}

/**
 * Creates the recorder behind the request-metrics middleware: `http.server.duration.ms` by `route`,
 * `method` and `status_class`, `http.server.active` (requests in flight) and `http.server.errors` by
 * `error_type`. Methods outside the standard ones are recorded as `OTHER`, and a request no route matched
 * as `unmatched`, so that scanners cannot grow the number of series.
 */
export function createRequestRecorder(analytics: WithMetrics): RequestRecorder {
  const { metrics } = analytics
  const clock = () => performance.now()
  let active = 0
  return {
    start(rawMethod) {
      const startedAt = clock()
      const upper = typeof rawMethod === 'string' ? rawMethod.toUpperCase() : ''
      const method = METHODS.has(upper) ? upper : 'OTHER'
      metrics.gauge(SERVER_METRICS.activeRequests, ++active)
      let done = false
      return {
        end(route, status, error) {
          if (done) return
          done = true
          const ms = clock() - startedAt
          metrics.gauge(SERVER_METRICS.activeRequests, --active)
          const template = route || 'unmatched'
          const statusClass = status === 'aborted' ? 'aborted' : `${Math.floor(status / 100)}xx`
          metrics.histogram(SERVER_METRICS.requestDuration, ms, {
            route: template,
            method,
            status_class: statusClass,
          })
          const type =
            error !== undefined
              ? errorType(error)
              : status === 'aborted'
                ? 'aborted'
                : status >= 500
                  ? `http_${status}`
                  : undefined
          if (type)
            metrics.increment(SERVER_METRICS.requestErrors, 1, { route: template, method, error_type: type })
        },
      }
    },
  }
}

/** The type of a thrown value as a low-cardinality tag: the error's name (`TypeError`), else its type. */
export function errorType(error: unknown): string {
  if (error instanceof Error) return error.name || 'Error'
  if (error && typeof error === 'object') {
    const name = (error as { name?: unknown }).name
    if (typeof name === 'string' && name) return name.slice(0, 64)
  }
  return typeof error
}
