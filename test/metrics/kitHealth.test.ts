import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import {
  type AnalyticsOptions,
  createAnalytics,
  KIT_HEALTH_METRICS,
  type MetricPoint,
  memoryTransport,
  withMetrics,
} from '../../src/index.js'

function setup(options: AnalyticsOptions = {}) {
  const transport = memoryTransport()
  const analytics = createAnalytics({
    metrics: withMetrics(),
    transport,
    storage: false,
    batch: { intervalMs: 5_000 },
    ...options,
  })
  const points = (name: string): MetricPoint[] =>
    transport.batches.flatMap((b) => b.metrics ?? []).filter((p) => p.name === name)
  return { analytics, transport, points }
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00.000Z') })
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('the kit’s own health as metrics', () => {
  test('dropped events are counted by reason', async () => {
    const { analytics, points } = setup({ naming: 'strict', consent: 'granted' })
    analytics.track('BadlyNamed')
    analytics.track('AlsoBad')
    analytics.track('order_placed')
    await analytics.flush()
    await analytics.flush()
    expect(points(KIT_HEALTH_METRICS.dropped)).toEqual([
      expect.objectContaining({ type: 'counter', tags: { reason: 'naming' }, value: 2 }),
    ])
  })

  test('delivery latency runs from an event being queued to its batch being acknowledged', async () => {
    const { analytics, points } = setup()
    analytics.track('order_placed')
    await vi.advanceTimersByTimeAsync(5_000)
    analytics.track('order_shipped')
    await analytics.flush()
    const latency = points(KIT_HEALTH_METRICS.latency)
    // session_started and order_placed waited for the 5 s batch timer
    expect(latency).toEqual([
      expect.objectContaining({ type: 'histogram', count: 2, min: 5_000, max: 5_000 }),
    ])
  })

  test('retried requests are counted by status, and the queue depth follows each request', async () => {
    const { analytics, transport, points } = setup()
    const statuses = [503]
    transport.respond(() => {
      const status = statuses.shift() ?? 200
      return { ok: status === 200, status }
    })
    const depth = () =>
      [...points(KIT_HEALTH_METRICS.queueDepth), ...analytics.metrics.peek()]
        .filter((p) => p.name === KIT_HEALTH_METRICS.queueDepth)
        .at(-1)?.value
    analytics.track('order_placed')
    await analytics.flush()
    // session_started and order_placed wait for the retry
    expect(depth()).toBe(2)
    await vi.advanceTimersByTimeAsync(120_000)
    analytics.track('order_shipped')
    await analytics.flush()
    expect(points(KIT_HEALTH_METRICS.retries)).toEqual([
      expect.objectContaining({ tags: { status: '503' }, value: 1 }),
    ])
    expect(depth()).toBe(0)
  })

  test('health points never cause a request of their own: they wait for the next batch', async () => {
    const { analytics, transport, points } = setup()
    analytics.track('order_placed')
    await analytics.flush()
    const requests = transport.batches.length
    await vi.advanceTimersByTimeAsync(120_000)
    expect(transport.batches.length).toBe(requests)
    analytics.track('order_shipped')
    await analytics.flush()
    expect(points(KIT_HEALTH_METRICS.latency)).toHaveLength(1)
  })

  test('with health off, no kit metric is recorded', async () => {
    const { analytics, transport } = setup({ naming: 'strict', metrics: withMetrics({ health: false }) })
    analytics.track('BadlyNamed')
    analytics.track('order_placed')
    await analytics.flush()
    analytics.track('order_shipped')
    await analytics.flush()
    const names = transport.batches.flatMap((b) => b.metrics ?? []).map((p) => p.name)
    expect(names.filter((n) => n.startsWith('kit.'))).toEqual([])
  })
})
