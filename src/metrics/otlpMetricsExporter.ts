import { LIBRARY } from '../core/context.js'
import type { MetricPoint, SendResult } from '../delivery/types.js'
import { warnOnce } from '../lib/warn.js'
import type { MetricsExporter } from './createMetrics.js'

/** An OTLP `AnyValue` as the kit writes it. */
export interface OtlpAnyValue {
  /** A string value. */
  stringValue?: string
  /** A boolean value. */
  boolValue?: boolean
  /** int64, as a decimal string (the OTLP/JSON form). */
  intValue?: string
  /** A floating-point value. */
  doubleValue?: number
}

/** An OTLP attribute. */
export interface OtlpKeyValue {
  /** The attribute's name, e.g. `endpoint` or `service.name`. */
  key: string
  /** Its value. */
  value: OtlpAnyValue
}

/** A point of an OTLP `sum` or `gauge`. */
export interface OtlpNumberDataPoint {
  /** The point's tags. */
  attributes: OtlpKeyValue[]
  /** Start of the interval, in nanoseconds since the epoch, as a decimal string. */
  startTimeUnixNano: string
  /** End of the interval, in nanoseconds since the epoch, as a decimal string. */
  timeUnixNano: string
  /** An integer value, as a decimal string. */
  asInt?: string
  /** A floating-point value. */
  asDouble?: number
}

/** A point of an OTLP explicit-bucket `histogram`. */
export interface OtlpHistogramDataPoint {
  /** The point's tags. */
  attributes: OtlpKeyValue[]
  /** Start of the interval, in nanoseconds since the epoch, as a decimal string. */
  startTimeUnixNano: string
  /** End of the interval, in nanoseconds since the epoch, as a decimal string. */
  timeUnixNano: string
  /** How many values were recorded, as a decimal string. */
  count: string
  /** The sum of the values. */
  sum: number
  /** The smallest value. */
  min: number
  /** The largest value. */
  max: number
  /** Values per bucket, as decimal strings; one more than `explicitBounds`. */
  bucketCounts: string[]
  /** The buckets' upper bounds (inclusive). */
  explicitBounds: number[]
}

/** An OTLP metric with one of `sum`, `gauge` or `histogram`, in delta temporality. */
export interface OtlpMetric {
  /** The metric's name. */
  name: string
  /** Its UCUM unit, from the name's last part: `ms`, `By`, `1`, or `{requests}` for a count of things. */
  unit: string
  /** A counter. */
  sum?: {
    /** 1: delta, each point covers only its own interval. */
    aggregationTemporality: 1
    /** Always true: counters only go up. */
    isMonotonic: true
    /** One point per tag set. */
    dataPoints: OtlpNumberDataPoint[]
  }
  /** A gauge. */
  gauge?: {
    /** One point per tag set. */
    dataPoints: OtlpNumberDataPoint[]
  }
  /** A histogram. */
  histogram?: {
    /** 1: delta, each point covers only its own interval. */
    aggregationTemporality: 1
    /** One point per tag set. */
    dataPoints: OtlpHistogramDataPoint[]
  }
}

/** The body of an OTLP/HTTP JSON metrics export (`ExportMetricsServiceRequest`). */
export interface OtlpMetricsRequest {
  /** One entry: the app's resource and its metrics. */
  resourceMetrics: {
    /** Describes the app. */
    resource: {
      /** The resource attributes, such as `service.name`. */
      attributes: OtlpKeyValue[]
    }
    /** One entry: the kit's scope and the metrics of the export. */
    scopeMetrics: {
      /** The instrumentation scope: the kit. */
      scope: {
        /** `instrumentkit`. */
        name: string
        /** The kit's version. */
        version: string
      }
      /** The metrics, one per name and type. */
      metrics: OtlpMetric[]
    }[]
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
