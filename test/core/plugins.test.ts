import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import {
  createAnalytics,
  defineExperiment,
  experimentsOf,
  memoryTransport,
  metricsOf,
  withExperiments,
  withMetrics,
} from '../../src/index.js'

const checkout = defineExperiment({ key: 'checkout_flow', variations: ['control', 'one_page'] })

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00.000Z') })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('metrics and experiments are opt-in', () => {
  test('a client made without them has neither, and sends no metric points', async () => {
    const transport = memoryTransport()
    const analytics = createAnalytics({ transport, storage: false })
    expect('metrics' in analytics).toBe(false)
    expect('experiments' in analytics).toBe(false)
    analytics.track('order_placed')
    await analytics.flush()
    expect(transport.batches).toHaveLength(1)
    expect(transport.batches[0]).not.toHaveProperty('metrics')
  })

  test('given as options, they are on the client and are what metricsOf and experimentsOf return', () => {
    const analytics = createAnalytics({
      storage: false,
      metrics: withMetrics({ health: false }),
      experiments: withExperiments({ overrides: { checkout_flow: 'one_page' } }),
    })
    expect(metricsOf(analytics)).toBe(analytics.metrics)
    expect(experimentsOf(analytics)).toBe(analytics.experiments)
    expect(analytics.experiments.assign(checkout)).toMatchObject({
      variation: 'one_page',
      reason: 'override',
    })
  })

  test('metricsOf installs default metrics once per client, flushed and closed with it', async () => {
    const transport = memoryTransport()
    const analytics = createAnalytics({ transport, storage: false })
    const metrics = metricsOf(analytics)
    expect(metricsOf(analytics)).toBe(metrics)
    expect('metrics' in analytics).toBe(false)
    metrics.increment('cart.adds.count', 2)
    await analytics.flush()
    const sent = transport.batches.flatMap((b) => b.metrics ?? []).filter((p) => p.name === 'cart.adds.count')
    expect(sent.map((p) => p.value)).toEqual([2])
    await analytics.shutdown()
    metrics.increment('cart.adds.count')
    expect(metrics.stats().dropped.client_closed).toBe(1)
  })

  test('experimentsOf installs default experiments once per client; assignments reach later events', async () => {
    const transport = memoryTransport()
    const analytics = createAnalytics({ transport, storage: false, anonymousId: 'anon_1' })
    const experiments = experimentsOf(analytics)
    expect(experimentsOf(analytics)).toBe(experiments)
    const { variation } = experiments.assign(checkout)
    analytics.track('checkout_completed')
    await analytics.flush()
    const event = transport.batches[0]?.events.find((e) => e.event_name === 'checkout_completed')
    expect(event?.context.experiments).toEqual({ checkout_flow: variation })
  })

  test('the URLs of metric exporters count among the client’s endpoints only once metrics are given', () => {
    const exporter = {
      name: 'otlp',
      url: 'https://otel.example.com/v1/metrics',
      export: async () => ({ ok: true }),
    }
    const without = createAnalytics({ storage: false, transport: memoryTransport() })
    expect(without.internals.endpoints()).not.toContain(exporter.url)
    const withExporter = createAnalytics({ storage: false, metrics: withMetrics({ exporters: [exporter] }) })
    expect(withExporter.internals.endpoints()).toContain(exporter.url)
  })
})
