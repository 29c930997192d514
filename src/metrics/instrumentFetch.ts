import type { Analytics } from '../core/createAnalytics.js'
import type { Properties } from '../core/types.js'
import { collapseEndpoint } from './collapseEndpoint.js'
import { createRateLimiter } from './createRateLimiter.js'
import { metricsOf } from './withMetrics.js'

/** Options of `instrumentFetch`. */
export interface InstrumentFetchOptions {
  /**
   * Requests left alone: a string matches that URL and everything under it (relative ones resolve
   * against the page), a RegExp is tested against the absolute URL. The kit's own endpoints (its
   * transport and metric exporters) are always left alone.
   */
  ignore?: (string | RegExp)[]
  /** The `endpoint` tag of a request (default: its path with ids collapsed, prefixed by the host for other origins). */
  endpoint?: (url: URL) => string
  /** Track `api_call_failed`, `rate_limit_exceeded` and `timeout_detected` (default true). */
  events?: boolean
  /** Events per endpoint and name, and in total, per minute (default 5 and 30); metrics count every request. */
  maxEventsPerMinute?: {
    /** Events per endpoint and event name per minute (default 5). */
    perEndpoint?: number
    /** Events in total per minute (default 30). */
    total?: number
  }
}

interface RequestInfo {
  method: string
  endpoint: string
  signal: AbortSignal | null | undefined
}

type Fetch = typeof fetch

/** Names of the metrics `instrumentFetch` records. */
export const FETCH_METRICS = {
  /** Request durations in milliseconds (histogram). */
  latency: 'api.latency.ms',
  /** Requests (counter). */
  requests: 'api.requests.count',
} as const

/**
 * Wraps `globalThis.fetch` to record `api.latency.ms` (histogram) and `api.requests.count` (counter),
 * tagged with `method`, `endpoint` (ids collapsed) and `status_class` (`2xx`…`5xx`, `network_error`,
 * `timeout`), and to track `api_call_failed` (network error or 5xx), `rate_limit_exceeded` (429) and
 * `timeout_detected` (aborted or timed out). Responses and errors reach the caller untouched.
 * Returns the function that removes the instrumentation.
 *
 * @example
 * const stop = instrumentFetch(analytics, { ignore: ['/health'] })
 */
export function instrumentFetch(analytics: Analytics, options: InstrumentFetchOptions = {}): () => void {
  const g = globalThis as { fetch?: Fetch; location?: Location }
  const original = g.fetch
  if (typeof original !== 'function') return () => {}
  const { internals } = analytics
  const metrics = metricsOf(analytics)
  const perf = (globalThis as { performance?: { now(): number } }).performance
  const clock = perf && typeof perf.now === 'function' ? () => perf.now() : internals.now
  const allow = createRateLimiter(
    {
      perKey: options.maxEventsPerMinute?.perEndpoint ?? 5,
      total: options.maxEventsPerMinute?.total ?? 30,
      windowMs: 60_000,
    },
    internals.now,
  )
  let active = true

  const base = () => g.location?.href ?? 'http://localhost/'

  const under = (url: URL, prefix: string) => {
    let p: string
    try {
      p = new URL(prefix, base()).href
    } catch {
      return false
    }
    const href = url.href
    if (!href.startsWith(p)) return false
    const next = href.charAt(p.length)
    return next === '' || next === '/' || next === '?' || next === '#' || p.endsWith('/')
  }

  const describe = (input: unknown, init: RequestInit | undefined): RequestInfo | undefined => {
    const request =
      typeof input === 'object' && input !== null && 'url' in input ? (input as Request) : undefined
    const raw = request ? request.url : String(input)
    const url = new URL(raw, base())
    for (const prefix of internals.endpoints()) if (under(url, prefix)) return undefined
    for (const rule of options.ignore ?? []) {
      if (typeof rule === 'string' ? under(url, rule) : rule.test(url.href)) return undefined
    }
    const sameOrigin = !g.location || url.origin === g.location.origin
    const endpoint = options.endpoint
      ? options.endpoint(url)
      : (sameOrigin ? '' : url.host) + collapseEndpoint(url.pathname)
    return {
      method: String(init?.method ?? request?.method ?? 'GET').toUpperCase(),
      endpoint,
      signal: init?.signal ?? request?.signal,
    }
  }

  const event = (name: string, info: RequestInfo, properties: Properties) => {
    if (options.events === false) return
    if (allow(`${name} ${info.endpoint}`)) {
      analytics.track(name, { endpoint: info.endpoint, method: info.method, ...properties })
    } else metrics.increment('kit.events_suppressed.count', 1, { event: name })
  }

  const settle = (info: RequestInfo, startedAt: number, response: Response | undefined, error: unknown) => {
    try {
      const duration_ms = Math.max(0, Math.round((clock() - startedAt) * 100) / 100)
      let statusClass: string
      if (response) {
        const status = response.status
        statusClass = `${Math.floor(status / 100)}xx`
        if (status >= 500) event('api_call_failed', info, { status, duration_ms })
        else if (status === 429) {
          const header = response.headers?.get('retry-after')
          const seconds = header ? Number(header) : Number.NaN
          const after = Number.isFinite(seconds)
            ? seconds * 1000
            : header
              ? Date.parse(header) - Date.now()
              : Number.NaN
          event('rate_limit_exceeded', info, {
            status,
            duration_ms,
            ...(Number.isFinite(after) && { retry_after_ms: Math.max(0, after) }),
          })
        }
      } else {
        const name = (error as { name?: unknown } | null)?.name
        if (info.signal?.aborted || name === 'AbortError' || name === 'TimeoutError') {
          statusClass = 'timeout'
          event('timeout_detected', info, {
            duration_ms,
            reason:
              name === 'TimeoutError' ||
              (info.signal?.reason as { name?: unknown } | undefined)?.name === 'TimeoutError'
                ? 'timeout'
                : 'abort',
          })
        } else {
          statusClass = 'network_error'
          event('api_call_failed', info, { duration_ms, error: String((error as Error)?.message ?? error) })
        }
      }
      const tags = { method: info.method, endpoint: info.endpoint, status_class: statusClass }
      metrics.histogram(FETCH_METRICS.latency, duration_ms, tags)
      metrics.increment(FETCH_METRICS.requests, 1, tags)
    } catch {
      // instrumentation must never affect the request it observes
    }
  }

  const instrumented = function fetch(this: unknown, ...args: Parameters<Fetch>): Promise<Response> {
    let info: RequestInfo | undefined
    if (active) {
      try {
        info = describe(args[0], args[1])
      } catch {
        info = undefined
      }
    }
    if (!info) return original.apply(globalThis, args)
    const request = info
    const startedAt = clock()
    let pending: Promise<Response>
    try {
      pending = original.apply(globalThis, args)
    } catch (error) {
      settle(request, startedAt, undefined, error)
      throw error
    }
    if (typeof pending?.then !== 'function') return pending
    return pending.then(
      (response) => {
        settle(request, startedAt, response, undefined)
        return response
      },
      (error: unknown) => {
        settle(request, startedAt, undefined, error)
        throw error
      },
    )
  } as Fetch
  g.fetch = instrumented

  return () => {
    active = false
    // a wrapper added after ours would be lost by restoring, so ours then stays as a pass-through
    if (g.fetch === instrumented) g.fetch = original
  }
}
