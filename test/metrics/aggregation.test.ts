import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import {
  type AnalyticsOptions,
  createAnalytics,
  DEFAULT_BOUNDS,
  type MetricPoint,
  memoryTransport,
  withMetrics,
} from '../../src/index.js'

const T0 = new Date('2026-11-28T10:00:00.000Z')

function setup(options: AnalyticsOptions = {}) {
  const transport = memoryTransport()
  const analytics = createAnalytics({ metrics: withMetrics(), transport, storage: false, ...options })
  const points = (name?: string): MetricPoint[] =>
    transport.batches.flatMap((b) => b.metrics ?? []).filter((p) => name === undefined || p.name === name)
  return { analytics, transport, points, metrics: analytics.metrics }
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('aggregation', () => {
  test('a counter incremented 10,000 times is sent as one point holding the sum', async () => {
    const { analytics, points, metrics } = setup()
    for (let i = 0; i < 10_000; i++) metrics.increment('app.clicks.count')
    metrics.increment('app.clicks.count', 5)
    await analytics.flush()
    expect(points('app.clicks.count')).toEqual([
      expect.objectContaining({ type: 'counter', value: 10_005, tags: {} }),
    ])
  })

  test('each tag set is its own series; tag order and number-vs-string spelling do not matter', async () => {
    const { analytics, points, metrics } = setup()
    metrics.increment('api.requests.count', 1, { method: 'GET', status: 200 })
    metrics.increment('api.requests.count', 1, { status: '200', method: 'GET' })
    metrics.increment('api.requests.count', 1, { method: 'POST', status: 200, note: undefined })
    await analytics.flush()
    const sent = points('api.requests.count')
    expect(sent).toHaveLength(2)
    expect(sent).toContainEqual(expect.objectContaining({ tags: { method: 'GET', status: '200' }, value: 2 }))
    expect(sent).toContainEqual(
      expect.objectContaining({ tags: { method: 'POST', status: '200' }, value: 1 }),
    )
  })

  test('a gauge sends the last value of the interval', async () => {
    const { analytics, points, metrics } = setup()
    metrics.gauge('cart.items.count', 3)
    metrics.gauge('cart.items.count', -1)
    metrics.gauge('cart.items.count', 7)
    await analytics.flush()
    expect(points('cart.items.count')).toEqual([expect.objectContaining({ type: 'gauge', value: 7 })])
  })

  test('a histogram keeps count, sum, min, max and the bounds it was bucketed with', async () => {
    const { analytics, points, metrics } = setup()
    for (const v of [12, 480, 3, 3, 7501]) metrics.histogram('api.latency.ms', v)
    await analytics.flush()
    const [point] = points('api.latency.ms')
    expect(point).toMatchObject({ type: 'histogram', count: 5, sum: 7999, min: 3, max: 7501 })
    expect(point?.bounds).toEqual([...DEFAULT_BOUNDS])
    expect(point?.buckets).toHaveLength(DEFAULT_BOUNDS.length + 1)
  })

  test('values on a bound fall in that bound’s bucket, above it in the next, above the last in the overflow bucket', async () => {
    const { analytics, points, metrics } = setup()
    // OpenTelemetry explicit buckets: (-inf, 0], (0, 5], (5, 10], … (7500, 10000], (10000, +inf)
    for (const v of [0, 5, 5.0001, 10, 10000, 10000.5, 1e9]) metrics.histogram('page.render.ms', v)
    await analytics.flush()
    const buckets = points('page.render.ms')[0]?.buckets ?? []
    const expected = new Array(16).fill(0)
    expected[0] = 1 // 0
    expected[1] = 1 // 5
    expected[2] = 2 // 5.0001, 10
    expected[14] = 1 // 10000
    expected[15] = 2 // 10000.5, 1e9
    expect(buckets).toEqual(expected)
  })

  test('bounds can be set per histogram by option or at run time; the option wins', async () => {
    const { analytics, points, metrics } = setup({
      metrics: withMetrics({ bounds: [1, 2], histogramBounds: { 'cart.size.items': [1, 5, 10] } }),
    })
    metrics.setHistogramBounds('cart.size.items', [100])
    metrics.setHistogramBounds('search.results.count', [0, 10, 100])
    metrics.histogram('cart.size.items', 6)
    metrics.histogram('search.results.count', 10)
    metrics.histogram('other.thing.ms', 2)
    await analytics.flush()
    expect(points('cart.size.items')[0]).toMatchObject({ bounds: [1, 5, 10], buckets: [0, 0, 1, 0] })
    expect(points('search.results.count')[0]).toMatchObject({ bounds: [0, 10, 100], buckets: [0, 1, 0, 0] })
    expect(points('other.thing.ms')[0]).toMatchObject({ bounds: [1, 2], buckets: [0, 1, 0] })
  })

  test('startTimer records the elapsed milliseconds once, with start and end tags merged', async () => {
    const { analytics, points, metrics } = setup()
    const timer = metrics.startTimer('checkout.step.ms', { step: 'payment' })
    vi.advanceTimersByTime(250)
    expect(timer.end({ outcome: 'paid' })).toBe(250)
    vi.advanceTimersByTime(100)
    expect(timer.end()).toBe(250)
    await analytics.flush()
    expect(points('checkout.step.ms')).toEqual([
      expect.objectContaining({ tags: { step: 'payment', outcome: 'paid' }, count: 1, sum: 250 }),
    ])
  })

  test('points carry the interval as ISO times and a unique id', async () => {
    const { analytics, points, metrics } = setup()
    metrics.increment('app.clicks.count')
    vi.advanceTimersByTime(1_500)
    metrics.increment('app.clicks.count')
    await analytics.flush()
    const [point] = points('app.clicks.count')
    expect(point).toMatchObject({ start: '2026-11-28T10:00:00.000Z', end: '2026-11-28T10:00:01.500Z' })
    expect(point?.id).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('bad input', () => {
  test('NaN, strings, infinities, negative increments and bad names are dropped, counted and never throw', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { analytics, points, metrics } = setup()
    const loose = metrics as unknown as Record<string, (...args: unknown[]) => void>
    expect(() => {
      metrics.increment('app.clicks.count', Number.NaN)
      loose.increment!('app.clicks.count', '3')
      metrics.increment('app.clicks.count', -1)
      metrics.histogram('api.latency.ms', Number.POSITIVE_INFINITY)
      metrics.histogram('api.latency.ms', -5)
      loose.gauge!(42, 1)
      loose.gauge!('', 1)
      loose.histogram!(undefined)
      loose.increment!('app.clicks.count', 1, 'not-an-object')
    }).not.toThrow()
    expect(metrics.stats().dropped).toEqual({ invalid_value: 5, invalid_name: 3 })
    await analytics.flush()
    // the tags were unusable but the value was fine
    expect(points('app.clicks.count')).toEqual([expect.objectContaining({ value: 1, tags: {} })])
    const dropped = points('kit.metrics_dropped.count')
    expect(dropped).toContainEqual(expect.objectContaining({ tags: { reason: 'invalid_value' }, value: 5 }))
    expect(dropped).toContainEqual(expect.objectContaining({ tags: { reason: 'invalid_name' }, value: 3 }))
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('[instrumentkit]'))
  })

  test('tags that throw, objects as tag values and a broken clock never reach the app', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { analytics, points, metrics } = setup()
    const hostile = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('getter')
      },
    })
    expect(() => metrics.increment('app.clicks.count', 1, hostile)).not.toThrow()
    metrics.increment('app.views.count', 1, { page: { nested: true } as never, ok: 'yes' })
    await analytics.flush()
    expect(metrics.stats().dropped.internal_error).toBe(1)
    expect(points('app.views.count')).toEqual([expect.objectContaining({ tags: { ok: 'yes' } })])
  })

  test('naming: warn keeps the value and warns once, strict drops it, off is silent', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const warnMode = setup()
    warnMode.metrics.increment('BadName', 1)
    warnMode.metrics.increment('BadName', 1)
    await warnMode.analytics.flush()
    expect(warnMode.points('BadName')).toEqual([expect.objectContaining({ value: 2 })])
    expect(warn.mock.calls.filter(([m]) => String(m).includes('"BadName"'))).toHaveLength(1)

    const strict = setup({ naming: 'strict' })
    strict.metrics.increment('AlsoBad', 1)
    await strict.analytics.flush()
    expect(strict.points('AlsoBad')).toEqual([])
    expect(strict.metrics.stats().dropped.naming).toBe(1)

    warn.mockClear()
    const off = setup({ naming: 'off' })
    off.metrics.increment('StillBad', 1)
    expect(warn).not.toHaveBeenCalled()
  })

  test('one name cannot be two kinds of metric in an interval', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { analytics, points, metrics } = setup()
    metrics.increment('app.items.count', 2)
    metrics.gauge('app.items.count', 9)
    await analytics.flush()
    expect(points('app.items.count')).toEqual([expect.objectContaining({ type: 'counter', value: 2 })])
    expect(metrics.stats().dropped.type_conflict).toBe(1)
  })
})

describe('cardinality', () => {
  test('tag sets beyond the per-metric bound fold into one overflow series, and are counted', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { analytics, points, metrics } = setup({ metrics: withMetrics({ maxSeriesPerMetric: 3 }) })
    for (let user = 0; user < 10_000; user++) metrics.increment('api.calls.count', 1, { user })
    metrics.histogram('api.latency.ms', 10, { user: 'a' })
    await analytics.flush()
    const series = points('api.calls.count')
    expect(series).toHaveLength(4)
    expect(series.find((p) => p.tags.overflow === 'true')?.value).toBe(9_997)
    expect(series.reduce((sum, p) => sum + (p.value ?? 0), 0)).toBe(10_000)
    expect(metrics.stats().overflowed).toBe(9_997)
    expect(points('kit.metrics_overflow.count')[0]?.value).toBe(9_997)
  })

  test('metric names beyond the per-interval bound are dropped as too_many_metrics', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { analytics, points, metrics } = setup({ metrics: withMetrics({ maxMetrics: 5, health: false }) })
    for (let i = 0; i < 50; i++) metrics.increment(`app.metric_${i}.count`)
    await analytics.flush()
    expect(points()).toHaveLength(5)
    expect(metrics.stats().dropped.too_many_metrics).toBe(45)
  })
})

describe('sending', () => {
  test('points ride in the same batch as events', async () => {
    const { analytics, transport, metrics } = setup()
    analytics.track('checkout_started')
    metrics.increment('checkout.starts.count')
    await analytics.flush()
    const batch = transport.batches.find((b) => b.events.length > 0)
    expect(batch?.events.map((e) => e.event_name)).toContain('checkout_started')
    expect(batch?.metrics?.map((p) => p.name)).toContain('checkout.starts.count')
  })

  test('with no events tracked, an interval’s points are sent when it ends', async () => {
    const { transport, points, metrics } = setup({ metrics: withMetrics({ intervalMs: 10_000 }) })
    metrics.increment('app.clicks.count', 3)
    await vi.advanceTimersByTimeAsync(9_999)
    expect(points()).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(points('app.clicks.count')).toEqual([expect.objectContaining({ value: 3 })])
    expect(transport.batches.at(-1)?.events).toEqual([])
  })

  test('each interval is its own point, so 100,000 increments over three intervals are three points', async () => {
    const { points, metrics } = setup({ metrics: withMetrics({ intervalMs: 1_000 }) })
    for (let interval = 0; interval < 3; interval++) {
      for (let i = 0; i < 100_000 / 4; i++) metrics.increment('app.ticks.count')
      await vi.advanceTimersByTimeAsync(1_000)
    }
    const sent = points('app.ticks.count')
    expect(sent.map((p) => p.value)).toEqual([25_000, 25_000, 25_000])
    expect(sent[1]?.start).toBe('2026-11-28T10:00:01.000Z')
  })

  test('an idle client sends nothing and keeps no timer', async () => {
    const { transport } = setup()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(transport.batches).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  test('points of a failed batch are sent with a later attempt, exactly once', async () => {
    const { analytics, transport, metrics } = setup({ metrics: withMetrics({ health: false }) })
    const statuses = [503, 503]
    const answered: number[] = []
    transport.respond(() => {
      const status = statuses.shift() ?? 200
      answered.push(status)
      return { ok: status === 200, status }
    })
    analytics.track('order_placed')
    metrics.increment('orders.placed.count', 1)
    await analytics.flush()
    metrics.increment('orders.placed.count', 1)
    await vi.advanceTimersByTimeAsync(120_000)
    await analytics.flush()
    expect(answered.slice(0, 2)).toEqual([503, 503])
    const delivered = transport.batches
      .filter((_, i) => answered[i] === 200)
      .flatMap((b) => b.metrics ?? [])
      .filter((p) => p.name === 'orders.placed.count')
    expect(new Set(delivered.map((p) => p.id)).size).toBe(delivered.length)
    expect(delivered.reduce((sum, p) => sum + (p.value ?? 0), 0)).toBe(2)
    expect(metrics.stats().pending).toBe(0)
  })

  test('points a collector refuses with a 4xx are dropped as rejected, not resent forever', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { analytics, transport, metrics } = setup({ metrics: withMetrics({ health: false }) })
    transport.respond(() => ({ ok: false, status: 400 }))
    metrics.increment('app.clicks.count')
    await analytics.flush()
    expect(metrics.stats()).toMatchObject({ pending: 0, dropped: { rejected: 1 } })
  })

  test('consent denied drops values; pending holds points until granted', async () => {
    const denied = setup({ consent: 'denied' })
    denied.metrics.increment('app.clicks.count')
    await denied.analytics.flush()
    expect(denied.points()).toEqual([])
    expect(denied.metrics.stats().dropped.consent_denied).toBe(1)

    const pending = setup({ consent: 'pending' })
    pending.metrics.increment('app.clicks.count')
    await pending.analytics.flush()
    expect(pending.points()).toEqual([])
    pending.analytics.setConsent('granted')
    await pending.analytics.flush()
    expect(pending.points('app.clicks.count')).toEqual([expect.objectContaining({ value: 1 })])
  })

  test('shutdown sends the open interval; later values are dropped as client_closed', async () => {
    const { analytics, points, metrics } = setup({ metrics: withMetrics({ health: false }) })
    metrics.gauge('app.users.count', 4)
    await analytics.shutdown()
    expect(points('app.users.count')).toEqual([expect.objectContaining({ value: 4 })])
    metrics.gauge('app.users.count', 5)
    expect(metrics.stats().dropped.client_closed).toBe(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  test('subscribe sees each closed interval; peek shows the open one', async () => {
    const { analytics, metrics } = setup()
    const seen: MetricPoint[][] = []
    const stop = metrics.subscribe((p) => seen.push(p))
    metrics.histogram('api.latency.ms', 40)
    expect(metrics.peek()).toEqual([expect.objectContaining({ name: 'api.latency.ms', count: 1 })])
    await analytics.flush()
    expect(metrics.peek()).toEqual([])
    expect(seen).toEqual([[expect.objectContaining({ name: 'api.latency.ms', count: 1 })]])
    stop()
    metrics.histogram('api.latency.ms', 40)
    await analytics.flush()
    expect(seen).toHaveLength(1)
  })

  test('with sendWithEvents false, points go only to exporters', async () => {
    const exported: MetricPoint[][] = []
    const { analytics, points, metrics } = setup({
      metrics: withMetrics({
        sendWithEvents: false,
        exporters: [
          {
            name: 'test',
            async export(p) {
              exported.push(p)
              return { ok: true, status: 200 }
            },
          },
        ],
      }),
    })
    analytics.track('page_viewed')
    metrics.increment('app.clicks.count')
    await analytics.flush()
    expect(points()).toEqual([])
    expect(exported.flat().map((p) => p.name)).toContain('app.clicks.count')
  })
})
