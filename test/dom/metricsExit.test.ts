import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import {
  type Batch,
  createAnalytics,
  type MetricPoint,
  otlpMetricsExporter,
  type Transport,
  withMetrics,
} from '../../src/index.js'

let visibility: DocumentVisibilityState = 'visible'
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })

const clients: { shutdown(): Promise<void> }[] = []
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00.000Z') })
  visibility = 'visible'
})
afterEach(async () => {
  for (const c of clients.splice(0)) await c.shutdown()
  vi.useRealTimers()
})

function exitTransport() {
  const sent: Batch[] = []
  const onExit: Batch[] = []
  const transport: Transport = {
    name: 'test',
    url: '/api/analytics/batch',
    async send(batch) {
      sent.push(batch)
      return { ok: true, status: 200 }
    },
    sendOnExit(batch) {
      onExit.push(batch)
      return true
    },
  }
  const points = (batches: Batch[], name: string): MetricPoint[] =>
    batches.flatMap((b) => b.metrics ?? []).filter((p) => p.name === name)
  return { transport, sent, onExit, points }
}

describe('metrics at page exit', () => {
  test('points recorded before the page is left go out through the transport’s page-exit path, once', async () => {
    const { transport, sent, onExit, points } = exitTransport()
    const analytics = createAnalytics({ storage: false, transport, metrics: withMetrics({ health: false }) })
    clients.push(analytics)
    analytics.metrics.histogram('checkout.duration.ms', 4_200)
    window.dispatchEvent(new Event('pagehide'))
    expect(points(onExit, 'checkout.duration.ms')).toEqual([
      expect.objectContaining({ count: 1, sum: 4_200 }),
    ])
    await vi.advanceTimersByTimeAsync(60_000)
    await analytics.flush()
    expect(points(sent, 'checkout.duration.ms')).toEqual([])
    expect(points(onExit, 'checkout.duration.ms')).toHaveLength(1)
  })

  test('an event and a metric recorded just before the page is hidden both leave through the page-exit path', async () => {
    const { transport, onExit, points } = exitTransport()
    const analytics = createAnalytics({ storage: false, transport, metrics: withMetrics({ health: false }) })
    clients.push(analytics)
    analytics.track('checkout_abandoned')
    analytics.metrics.increment('checkout.abandons.count')
    visibility = 'hidden'
    document.dispatchEvent(new Event('visibilitychange'))
    window.dispatchEvent(new Event('pagehide'))
    await vi.advanceTimersByTimeAsync(0)
    // the event left once: pagehide after the hidden state hands over nothing new
    const events = onExit.flatMap((b) => b.events.map((e) => e.event_name))
    expect(events.filter((name) => name === 'checkout_abandoned')).toHaveLength(1)
    // and the point with it, counting the one increment
    const copies = points(onExit, 'checkout.abandons.count')
    expect(copies).toEqual([expect.objectContaining({ value: 1 })])
  })

  test('a page hidden and shown again does not send the points it handed over at exit a second time', async () => {
    const { transport, sent, onExit, points } = exitTransport()
    const analytics = createAnalytics({ storage: false, transport, metrics: withMetrics({ health: false }) })
    clients.push(analytics)
    analytics.track('tab_switched')
    analytics.metrics.increment('tabs.switches.count')
    visibility = 'hidden'
    document.dispatchEvent(new Event('visibilitychange'))
    await vi.advanceTimersByTimeAsync(0)
    visibility = 'visible'
    document.dispatchEvent(new Event('visibilitychange'))
    analytics.metrics.increment('tabs.switches.count')
    await analytics.flush()
    const all = [...points(onExit, 'tabs.switches.count'), ...points(sent, 'tabs.switches.count')]
    expect(all.reduce((sum, p) => sum + (p.value ?? 0), 0)).toBe(2)
  })

  test('an OTLP exporter sends what is left with a keepalive request when the page is hidden', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 200 }))
    const analytics = createAnalytics({
      storage: false,
      transport: exitTransport().transport,
      metrics: withMetrics({
        health: false,
        exporters: [
          otlpMetricsExporter({
            url: 'https://otel.example.com/v1/metrics',
            fetch: fetch as typeof globalThis.fetch,
          }),
        ],
      }),
    })
    clients.push(analytics)
    analytics.metrics.histogram('web_vitals.lcp.ms', 2_100)
    visibility = 'hidden'
    document.dispatchEvent(new Event('visibilitychange'))
    // web-vitals reports during the same visibilitychange; the exporter waits for it to finish
    analytics.metrics.histogram('web_vitals.cls.score', 0.02)
    expect(fetch).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(0)
    expect(fetch).toHaveBeenCalledTimes(1)
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(init.keepalive).toBe(true)
    const names = JSON.parse(String(init.body)).resourceMetrics[0].scopeMetrics[0].metrics.map(
      (m: { name: string }) => m.name,
    )
    expect(names.sort()).toEqual(['web_vitals.cls.score', 'web_vitals.lcp.ms'])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fetch).toHaveBeenCalledTimes(1)
  })
})
