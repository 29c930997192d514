import { LIBRARY } from '../core/context.js'
import type { MetricPoint, SendResult } from '../delivery/types.js'
import { warnOnce } from '../lib/warn.js'
import type { MetricsExporter } from './createMetrics.js'

/** An OTLP `AnyValue` as the kit writes it. */
export interface OtlpAnyValue {
  stringValue?: string
  boolValue?: boolean
  /** int64, as a decimal string (the OTLP/JSON form). */
  intValue?: string
  doubleValue?: number
}

/** An OTLP attribute. */
export interface OtlpKeyValue {
  key: string
  value: OtlpAnyValue
}

/** A point of an OTLP `sum` or `gauge`. */
export interface OtlpNumberDataPoint {
  attributes: OtlpKeyValue[]
  startTimeUnixNano: string
  timeUnixNano: string
  asInt?: string
  asDouble?: number
}

/** A point of an OTLP explicit-bucket `histogram`. */
export interface OtlpHistogramDataPoint {
  attributes: OtlpKeyValue[]
  startTimeUnixNano: string
  timeUnixNano: string
  count: string
  sum: number
  min: number
  max: number
  bucketCounts: string[]
  explicitBounds: number[]
}

/** An OTLP metric with one of `sum`, `gauge` or `histogram`, in delta temporality. */
export interface OtlpMetric {
  name: string
  unit: string
  sum?: { aggregationTemporality: 1; isMonotonic: true; dataPoints: OtlpNumberDataPoint[] }
  gauge?: { dataPoints: OtlpNumberDataPoint[] }
  histogram?: { aggregationTemporality: 1; dataPoints: OtlpHistogramDataPoint[] }
}

/** The body of an OTLP/HTTP JSON metrics export (`ExportMetricsServiceRequest`). */
export interface OtlpMetricsRequest {
  resourceMetrics: {
    resource: { attributes: OtlpKeyValue[] }
    scopeMetrics: { scope: { name: string; version: string }; metrics: OtlpMetric[] }[]
  }[]
}

/** Resource attributes describing the app, e.g. `{ 'service.name': 'shop-web' }`. */
export type OtlpResource = Record<string, string | number | boolean>

/** Options of `otlpMetricsExporter`. */
export interface OtlpMetricsExporterOptions {
  /** The collector's metrics endpoint, e.g. `https://otel.example.com/v1/metrics`. */
  url: string
  /** Extra request headers (authentication). Content-Type is always `application/json`. */
  headers?: Record<string, string>
  /** Resource attributes; `service.name` defaults to `unknown_service`. */
  resource?: OtlpResource
  /** Milliseconds before a request is abandoned (default 10,000). */
  timeoutMs?: number
  /** The fetch to use (default `globalThis.fetch`, looked up at send time). */
  fetch?: typeof fetch
}

// keepalive requests share a 64 KB budget per page
const KEEPALIVE_LIMIT = 60_000

/** Nanoseconds since the epoch of an ISO-8601 time, as the decimal string OTLP/JSON uses for fixed64. */
function unixNano(iso: string): string {
  const ms = Date.parse(iso)
  return Number.isFinite(ms) && ms > 0 ? `${ms}000000` : '0'
}

function anyValue(value: string | number | boolean): OtlpAnyValue {
  if (typeof value === 'string') return { stringValue: value }
  if (typeof value === 'boolean') return { boolValue: value }
  return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value }
}

function attributes(values: Record<string, string | number | boolean>): OtlpKeyValue[] {
  return Object.keys(values).map((key) => ({ key, value: anyValue(values[key]!) }))
}

/** The UCUM unit of a `[namespace].[metric].[unit]` name. */
function unitOf(name: string): string {
  const unit = name.slice(name.lastIndexOf('.') + 1)
  switch (unit) {
    case 'ms':
    case 's':
    case 'us':
    case 'ns':
      return unit
    case 'seconds':
      return 's'
    case 'bytes':
      return 'By'
    case 'percent':
      return '%'
    case 'count':
    case 'score':
    case 'ratio':
      return '1'
    default:
      return `{${unit}}`
  }
}

/**
 * Maps aggregated points to an OTLP/HTTP JSON `ExportMetricsServiceRequest`: counters as monotonic sums
 * and histograms in delta temporality, gauges as gauges, attributes as key/value lists, 64-bit integers
 * and nanosecond times as decimal strings.
 */
export function toOtlpMetrics(
  points: readonly MetricPoint[],
  resource: OtlpResource = {},
): OtlpMetricsRequest {
  const metrics = new Map<string, OtlpMetric>()
  for (const p of points) {
    const key = `${p.type}:${p.name}`
    let metric = metrics.get(key)
    if (!metric) {
      metric = { name: p.name, unit: unitOf(p.name) }
      if (p.type === 'counter') metric.sum = { aggregationTemporality: 1, isMonotonic: true, dataPoints: [] }
      else if (p.type === 'gauge') metric.gauge = { dataPoints: [] }
      else metric.histogram = { aggregationTemporality: 1, dataPoints: [] }
      metrics.set(key, metric)
    }
    const base = {
      attributes: attributes(p.tags),
      startTimeUnixNano: unixNano(p.start),
      timeUnixNano: unixNano(p.end),
    }
    if (metric.histogram) {
      metric.histogram.dataPoints.push({
        ...base,
        count: String(p.count ?? 0),
        sum: p.sum ?? 0,
        min: p.min ?? 0,
        max: p.max ?? 0,
        bucketCounts: (p.buckets ?? []).map(String),
        explicitBounds: p.bounds ?? [],
      })
    } else {
      const value = p.value ?? 0
      const point: OtlpNumberDataPoint = Number.isSafeInteger(value)
        ? { ...base, asInt: String(value) }
        : { ...base, asDouble: value }
      ;(metric.sum ?? metric.gauge)!.dataPoints.push(point)
    }
  }
  return {
    resourceMetrics: [
      {
        resource: { attributes: attributes({ 'service.name': 'unknown_service', ...resource }) },
        scopeMetrics: [
          { scope: { name: LIBRARY.name, version: LIBRARY.version }, metrics: [...metrics.values()] },
        ],
      },
    ],
  }
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(header)
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined
}

/**
 * An exporter that sends every aggregation interval to an OpenTelemetry Collector (or any OTLP/HTTP
 * receiver) as OTLP/HTTP JSON, so Prometheus, Grafana or Datadog can take the same metrics.
 *
 * @example
 * createAnalytics({
 *   metrics: withMetrics({ exporters: [otlpMetricsExporter({ url: '/otel/v1/metrics', resource: { 'service.name': 'shop-web' } })] }),
 * })
 */
export function otlpMetricsExporter(options: OtlpMetricsExporterOptions): MetricsExporter {
  const headers = { ...options.headers, 'content-type': 'application/json' }
  const getFetch = () => options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch
  const body = (points: MetricPoint[]) => JSON.stringify(toOtlpMetrics(points, options.resource))
  return {
    name: 'otlp',
    url: options.url,
    async export(points) {
      const send = getFetch()
      if (!send) return { ok: false, error: 'fetch is not available' }
      const timeout = (globalThis as { AbortSignal?: { timeout?: (ms: number) => AbortSignal } }).AbortSignal
        ?.timeout
      try {
        const response = await send(options.url, {
          method: 'POST',
          headers,
          body: body(points),
          ...(timeout && { signal: timeout(options.timeoutMs ?? 10_000) }),
        })
        const result: SendResult = { ok: response.ok, status: response.status }
        const after = retryAfter(response.headers.get('retry-after'))
        if (after !== undefined) result.retryAfterMs = after
        if (process.env.NODE_ENV !== 'production' && response.ok) {
          const text = await response.text().catch(() => '')
          if (text.includes('rejectedDataPoints'))
            warnOnce('otlp-partial', `the OTLP receiver rejected some data points: ${text.slice(0, 300)}`)
        }
        return result
      } catch (error) {
        return { ok: false, error: String(error) }
      }
    },
    exportOnExit(points) {
      const send = getFetch()
      const payload = body(points)
      if (!send || payload.length > KEEPALIVE_LIMIT) return false
      send(options.url, { method: 'POST', headers, body: payload, keepalive: true }).catch(() => {})
      return true
    },
  }
}
