import { createRequire } from 'node:module'
import { ValueType } from '@opentelemetry/api'
import { JsonMetricsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { AggregationTemporality, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import {
  createAnalytics,
  type MetricPoint,
  memoryTransport,
  otlpMetricsExporter,
  toOtlpMetrics,
  withMetrics,
} from '../../src/index.js'

// the OTLP protobuf definitions, as compiled by the OpenTelemetry project into its transformer package
interface ProtoType {
  fromObject(value: unknown): unknown
  encode(message: unknown): { finish(): Uint8Array }
  decode(bytes: Uint8Array): unknown
  toObject(message: unknown, options: Record<string, unknown>): unknown
}
const root = createRequire(import.meta.url)('@opentelemetry/otlp-transformer/build/src/generated/root.js')
const ExportMetricsServiceRequest: ProtoType =
  root.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest

const RESOURCE = { 'service.name': 'shop-web', 'deployment.environment': 'test' }
const BOUNDS = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000]
const LATENCIES = [0, 5, 7, 10, 120, 120, 9_999, 10_000, 12_000]

class DeltaReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA })
  }
  protected async onForceFlush() {}
  protected async onShutdown() {}
}

/** The same measurements, recorded with the official OpenTelemetry SDK and read once. */
async function officialResourceMetrics() {
  const reader = new DeltaReader()
  const provider = new MeterProvider({ resource: resourceFromAttributes(RESOURCE), readers: [reader] })
  const meter = provider.getMeter('instrumentkit', '0.1.0')
  const clicks = meter.createCounter('app.clicks.count', { unit: '1', valueType: ValueType.INT })
  clicks.add(3, { page: '/cart' })
  clicks.add(4, { page: '/cart' })
  clicks.add(1, { page: '/home' })
  const revenue = meter.createCounter('shop.revenue.usd', { unit: '{usd}', valueType: ValueType.DOUBLE })
  revenue.add(19.99)
  revenue.add(5.25)
  const latency = meter.createHistogram('api.latency.ms', {
    unit: 'ms',
    advice: { explicitBucketBoundaries: BOUNDS },
  })
  for (const v of LATENCIES) latency.record(v, { endpoint: '/api/products', method: 'GET' })
  const items = meter.createGauge('cart.items.count', { unit: '1', valueType: ValueType.INT })
  items.record(2)
  items.record(5)
  const { resourceMetrics } = await reader.collect()
  return resourceMetrics
}

/** The same measurements through instrumentkit, as the points it sends. */
async function kitPoints(): Promise<MetricPoint[]> {
  const analytics = createAnalytics({
    storage: false,
    transport: memoryTransport(),
    metrics: withMetrics({ health: false }),
  })
  const points: MetricPoint[] = []
  analytics.metrics.subscribe((p) => points.push(...p))
  const m = analytics.metrics
  m.increment('app.clicks.count', 3, { page: '/cart' })
  m.increment('app.clicks.count', 4, { page: '/cart' })
  m.increment('app.clicks.count', 1, { page: '/home' })
  m.increment('shop.revenue.usd', 19.99)
  m.increment('shop.revenue.usd', 5.25)
  for (const v of LATENCIES) m.histogram('api.latency.ms', v, { method: 'GET', endpoint: '/api/products' })
  m.gauge('cart.items.count', 2)
  m.gauge('cart.items.count', 5)
  await analytics.shutdown()
  return points
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Compares what an OTLP receiver sees, not how each encoder spells it: times, int64 spelling, key order. */
function normalize(value: Json, key = ''): Json {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalize(v, key))
    if (key === 'attributes')
      return items.sort((a, b) =>
        String((a as { key: string }).key).localeCompare((b as { key: string }).key),
      )
    if (key === 'metrics')
      return items.sort((a, b) =>
        String((a as { name: string }).name).localeCompare((b as { name: string }).name),
      )
    if (key === 'dataPoints') return items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    return items
  }
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {}
    for (const [k, v] of Object.entries(value)) {
      if (k === 'startTimeUnixNano' || k === 'timeUnixNano')
        out[k] = typeof v === 'string' && /^\d{19}$/.test(v) ? 'T' : 'T?'
      else if (k === 'description' && v === '') continue
      else if (k === 'droppedAttributesCount' && v === 0) continue
      else if (k === 'schemaUrl' && !v) continue
      else if ((k === 'asInt' || k === 'count' || k === 'intValue') && v !== null) out[k] = String(v)
      else if (k === 'bucketCounts' && Array.isArray(v)) out[k] = v.map(String)
      else out[k] = normalize(v, k)
    }
    return out
  }
  return value
}

const protoObject = (bytes: Uint8Array) =>
  ExportMetricsServiceRequest.toObject(ExportMetricsServiceRequest.decode(bytes), {
    longs: String,
    enums: Number,
    defaults: false,
  }) as Json

// protobuf has no empty repeated field: [] and absent are the same message
const withoutEmptyArrays = (value: Json): Json =>
  JSON.parse(JSON.stringify(value, (_, v) => (Array.isArray(v) && v.length === 0 ? undefined : v)))

describe('OTLP/HTTP JSON output', () => {
  test('matches the official OpenTelemetry JSON serializer for the same counters, histogram and gauge', async () => {
    const official = JSON.parse(
      new TextDecoder().decode(JsonMetricsSerializer.serializeRequest(await officialResourceMetrics())!),
    ) as Json
    const ours = toOtlpMetrics(await kitPoints(), RESOURCE) as unknown as Json
    expect(normalize(ours)).toEqual(normalize(official))
  })

  test('encodes to the same OTLP protobuf message as the official serializer', async () => {
    const officialBytes = ProtobufMetricsSerializer.serializeRequest(await officialResourceMetrics())!
    const ours = toOtlpMetrics(await kitPoints(), RESOURCE)
    const ourBytes = ExportMetricsServiceRequest.encode(ExportMetricsServiceRequest.fromObject(ours)).finish()
    expect(normalize(protoObject(ourBytes))).toEqual(normalize(protoObject(officialBytes)))
  })

  test('loses nothing through the protobuf JSON mapping: every field is a field of the OTLP schema', async () => {
    const ours = toOtlpMetrics(await kitPoints(), RESOURCE) as unknown as Json
    const bytes = ExportMetricsServiceRequest.encode(ExportMetricsServiceRequest.fromObject(ours)).finish()
    expect(protoObject(bytes)).toEqual(withoutEmptyArrays(ours))
  })

  test('uses delta temporality, monotonic sums, int64 and nanosecond times as decimal strings', () => {
    const body = toOtlpMetrics([
      {
        name: 'app.clicks.count',
        type: 'counter',
        tags: { page: '/cart' },
        start: '2026-11-28T10:00:00.000Z',
        end: '2026-11-28T10:00:10.000Z',
        value: 7,
      },
      {
        name: 'api.latency.ms',
        type: 'histogram',
        tags: {},
        start: '2026-11-28T10:00:00.000Z',
        end: '2026-11-28T10:00:10.000Z',
        count: 2,
        sum: 15,
        min: 5,
        max: 10,
        bounds: [5, 10],
        buckets: [1, 1, 0],
      },
    ])
    const [sum, histogram] = body.resourceMetrics[0]!.scopeMetrics[0]!.metrics
    expect(sum).toEqual({
      name: 'app.clicks.count',
      unit: '1',
      sum: {
        aggregationTemporality: 1,
        isMonotonic: true,
        dataPoints: [
          {
            attributes: [{ key: 'page', value: { stringValue: '/cart' } }],
            startTimeUnixNano: '1795860000000000000',
            timeUnixNano: '1795860010000000000',
            asInt: '7',
          },
        ],
      },
    })
    expect(histogram?.histogram).toMatchObject({
      aggregationTemporality: 1,
      dataPoints: [
        { count: '2', sum: 15, min: 5, max: 10, bucketCounts: ['1', '1', '0'], explicitBounds: [5, 10] },
      ],
    })
    expect(body.resourceMetrics[0]!.resource.attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'unknown_service' } },
    ])
  })
})

describe('otlpMetricsExporter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00.000Z') })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function setup(status: () => number) {
    const requests: { url: string; init: RequestInit }[] = []
    const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      requests.push({ url: String(url), init: init ?? {} })
      return new Response('{}', { status: status() })
    })
    const exporter = otlpMetricsExporter({
      url: 'https://otel.example.com/v1/metrics',
      headers: { authorization: 'Bearer t0ken' },
      resource: { 'service.name': 'shop-web' },
      fetch: fetch as typeof globalThis.fetch,
    })
    const analytics = createAnalytics({
      storage: false,
      transport: memoryTransport(),
      metrics: withMetrics({ exporters: [exporter], intervalMs: 10_000, health: false }),
    })
    const bodies = () =>
      requests.map((r) => JSON.parse(String(r.init.body)) as ReturnType<typeof toOtlpMetrics>)
    return { analytics, requests, bodies, exporter }
  }

  test('posts each interval as JSON with the given headers to the given URL', async () => {
    const { analytics, requests, bodies } = setup(() => 200)
    analytics.metrics.histogram('api.latency.ms', 42, { endpoint: '/api/products' })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(requests).toHaveLength(1)
    expect(requests[0]?.url).toBe('https://otel.example.com/v1/metrics')
    expect(requests[0]?.init).toMatchObject({
      method: 'POST',
      headers: { authorization: 'Bearer t0ken', 'content-type': 'application/json' },
    })
    const metric = bodies()[0]?.resourceMetrics[0]?.scopeMetrics[0]?.metrics[0]
    expect(metric).toMatchObject({
      name: 'api.latency.ms',
      unit: 'ms',
      histogram: { aggregationTemporality: 1 },
    })
  })

  test('an interval the receiver failed to take is sent again with the next, and only until it is taken', async () => {
    const statuses = [503]
    const { analytics, bodies } = setup(() => statuses.shift() ?? 200)
    analytics.metrics.increment('app.clicks.count', 2)
    await vi.advanceTimersByTimeAsync(10_000)
    analytics.metrics.increment('app.clicks.count', 3)
    await vi.advanceTimersByTimeAsync(10_000)
    await vi.advanceTimersByTimeAsync(60_000)
    const sent = bodies().map((b) =>
      b.resourceMetrics[0]!.scopeMetrics[0]!.metrics.flatMap((m) => m.sum!.dataPoints.map((p) => p.asInt)),
    )
    expect(sent).toEqual([['2'], ['2', '3']])
  })

  test('points the receiver refuses with a 400 are dropped and counted', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { analytics, requests } = setup(() => 400)
    analytics.metrics.increment('app.clicks.count')
    await analytics.flush()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(requests).toHaveLength(1)
    expect(analytics.metrics.stats().dropped.rejected).toBe(1)
  })

  test('its URL is one of the client’s own endpoints', () => {
    const { analytics } = setup(() => 200)
    expect(analytics.internals.endpoints()).toContain('https://otel.example.com/v1/metrics')
  })

  test('a network failure comes back as a failed result, never as an exception', async () => {
    const exporter = otlpMetricsExporter({
      url: 'https://otel.example.com/v1/metrics',
      fetch: (async () => {
        throw new TypeError('Failed to fetch')
      }) as typeof fetch,
    })
    await expect(exporter.export([])).resolves.toEqual({ ok: false, error: 'TypeError: Failed to fetch' })
  })
})
