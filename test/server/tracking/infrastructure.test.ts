import { afterEach, describe, expect, it, vi } from 'vitest'
import { instrumentProcess, instrumentQueue, SERVER_METRICS, timed } from '../../../src/server.js'
import { metricsOnTheWire } from '../support/metricsOnTheWire.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('timed', () => {
  it('records the duration with outcome success, and returns what the function returned', async () => {
    const { analytics, wire } = metricsOnTheWire()
    const rows = await timed(analytics, 'db.query.ms', async () => [1, 2, 3], { table: 'orders' })
    const sum = analytics.timed('pricing.compute.ms', () => 40 + 2)
    expect(rows).toEqual([1, 2, 3])
    expect(sum).toBe(42)
    const points = await wire()
    expect(points.filter((p) => p.name === 'db.query.ms')).toMatchObject([
      { type: 'histogram', count: 1, tags: { table: 'orders', outcome: 'success' } },
    ])
    expect(points.filter((p) => p.name === 'pricing.compute.ms')).toMatchObject([
      { type: 'histogram', count: 1, tags: { outcome: 'success' } },
    ])
    expect(points.some((p) => p.name.endsWith('.errors'))).toBe(false)
  })

  it('records a failure with outcome error, counts it by error type, and rethrows the same error', async () => {
    const { analytics, wire } = metricsOnTheWire()
    const timeout = Object.assign(new Error('took too long'), { name: 'TimeoutError' })
    await expect(
      analytics.timed('payments_api.charge.ms', () => Promise.reject(timeout), { provider: 'stripe' }),
    ).rejects.toBe(timeout)
    expect(() =>
      timed(analytics, 'db.query.ms', () => {
        throw new TypeError('bad sql')
      }),
    ).toThrow('bad sql')
    const points = await wire()
    const pick = (name: string) =>
      points.filter((p) => p.name === name).map((p) => ({ tags: p.tags, n: p.count ?? p.value }))
    expect(pick('payments_api.charge.ms')).toEqual([{ tags: { provider: 'stripe', outcome: 'error' }, n: 1 }])
    expect(pick('payments_api.charge.errors')).toEqual([
      { tags: { provider: 'stripe', error_type: 'TimeoutError' }, n: 1 },
    ])
    expect(pick('db.query.errors')).toEqual([{ tags: { error_type: 'TypeError' }, n: 1 }])
  })
})

describe('process and queue gauges', () => {
  it('samples event-loop delay, heap, RSS and CPU on its interval', async () => {
    const { analytics, wire } = metricsOnTheWire()
    const stop = instrumentProcess(analytics, { intervalMs: 100 })
    // keep the loop busy for a moment so the delay histogram has samples
    const until = performance.now() + 30
    while (performance.now() < until) {}
    await vi.waitFor(
      () => {
        const names = new Set(analytics.metrics.peek().map((p) => p.name))
        expect(names).toContain(SERVER_METRICS.eventLoopDelayP99)
      },
      { timeout: 3_000, interval: 50 },
    )
    stop()
    const points = await wire()
    const value = (name: string) => points.find((p) => p.name === name)?.value
    expect(value(SERVER_METRICS.eventLoopDelayP50)).toBeGreaterThan(0)
    expect(value(SERVER_METRICS.eventLoopDelayP99)!).toBeGreaterThanOrEqual(
      value(SERVER_METRICS.eventLoopDelayP50)!,
    )
    expect(value(SERVER_METRICS.eventLoopDelayMax)!).toBeGreaterThanOrEqual(
      value(SERVER_METRICS.eventLoopDelayP99)!,
    )
    expect(value(SERVER_METRICS.heapUsed)).toBeGreaterThan(1_000_000)
    expect(value(SERVER_METRICS.heapTotal)!).toBeGreaterThanOrEqual(value(SERVER_METRICS.heapUsed)!)
    expect(value(SERVER_METRICS.rss)!).toBeGreaterThan(value(SERVER_METRICS.heapUsed)!)
    expect(value(SERVER_METRICS.cpu)).toBeGreaterThan(0)
  })

  it('reports the depth and lag of an app queue, read on its interval, tagged with the queue name', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'))
    const { analytics, wire } = metricsOnTheWire()
    const jobs = [{ at: Date.now() - 4_000 }, { at: Date.now() - 1_000 }]
    const reporter = instrumentQueue(analytics, {
      queue: 'emails',
      depth: async () => jobs.length,
      oldestEnqueuedAt: () => jobs[0]?.at,
      intervalMs: 5_000,
    })
    await vi.advanceTimersByTimeAsync(5_000)
    const gauges = () =>
      analytics.metrics
        .peek()
        .filter((p) => p.name.startsWith('queue.'))
        .map((p) => [p.name, p.tags.queue, p.value])
    expect(gauges()).toEqual([
      [SERVER_METRICS.queueDepth, 'emails', 2],
      [SERVER_METRICS.queueLag, 'emails', 9_000],
    ])
    jobs.length = 0
    await reporter.sample()
    expect(gauges()).toEqual([
      [SERVER_METRICS.queueDepth, 'emails', 0],
      [SERVER_METRICS.queueLag, 'emails', 0],
    ])
    reporter.stop()
    vi.useRealTimers()
    const points = await wire()
    expect(points.filter((p) => p.name === SERVER_METRICS.queueDepth)).toMatchObject([
      { value: 0, tags: { queue: 'emails' } },
    ])
  })
})
