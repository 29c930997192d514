import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import {
  type AnalyticsEvent,
  createAnalytics,
  defineExperiment,
  memoryTransport,
  otlpMetricsExporter,
  type PipelineOutcome,
  withExperiments,
} from '../../../src/index.js'
import {
  createCollector,
  createServerAnalytics,
  duckdbStore,
  type Store,
  toNodeHandler,
} from '../../../src/server.js'

const servers: Server[] = []
const closers: (() => Promise<unknown>)[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
  for (const close of closers.splice(0)) await close()
})

/**
 * The real collector over real HTTP, on an in-memory DuckDB store whose first `failWrites` writes fail
 * (the collector then answers 503 with Retry-After, as for a full disk).
 */
async function realCollector(failWrites = 0) {
  const store = duckdbStore({ path: ':memory:' })
  let failures = failWrites
  const flaky: Store = {
    ...store,
    dialect: store.dialect,
    init: () => store.init(),
    write: (rows) => (failures-- > 0 ? Promise.reject(new Error('disk full')) : store.write(rows)),
    recentMessageIds: (since, limit) => store.recentMessageIds(since, limit),
    query: (sql, params) => store.query(sql, params),
    ping: () => store.ping(),
    close: () => store.close(),
  }
  const collector = createCollector({ store: flaky, onError: () => {} })
  const server = createServer(toNodeHandler(collector))
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  closers.push(() => collector.close())
  const { port } = server.address() as AddressInfo
  const events = () =>
    store.query<{ message_id: string; properties: string }>(
      'SELECT message_id, properties FROM events_unique ORDER BY timestamp_ms, seq, message_id',
    )
  const copies = async () =>
    Number((await store.query<{ n: number }>('SELECT count(*) AS n FROM events'))[0]?.n ?? 0)
  return { url: `http://127.0.0.1:${port}${collector.basePath}/batch`, events, copies }
}

const sent = (transport: ReturnType<typeof memoryTransport>): AnalyticsEvent[] =>
  transport.batches.flatMap((b) => b.events)

describe('createServerAnalytics: identity per call', () => {
  it('drops an event tracked without an identity, counts it and says why in development', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const transport = memoryTransport()
    const analytics = createServerAnalytics({ transport })
    const outcomes: PipelineOutcome[] = []
    analytics.subscribe((o) => outcomes.push(o))
    // @ts-expect-error the identity argument is required
    analytics.track('purchase_completed', { order_value: 10 })
    analytics.track('purchase_completed', { order_value: 10 }, { userId: '' } as never)
    await analytics.shutdown()
    expect(sent(transport)).toEqual([])
    expect(analytics.getState().ledger).toMatchObject({
      tracked: 2,
      droppedTotal: 2,
      dropped: { no_identity: 2 },
    })
    expect(outcomes.filter((o) => o.type === 'dropped').map((o) => o.type === 'dropped' && o.reason)).toEqual(
      ['no_identity', 'no_identity'],
    )
    expect(warn.mock.calls.flat().join(' ')).toMatch(/\[instrumentkit\].*needs an identity.*\{ userId \}/)
  })

  it('sends each event with the identity it was tracked for, never one left over from another call', async () => {
    const transport = memoryTransport()
    const analytics = createServerAnalytics({ transport })
    analytics.track('order_shipped', { order_id: 'o1' }, { userId: 'user_1' })
    analytics.track('cart_viewed', {}, { anonymousId: 'anon_2', sessionId: 'sess_2' })
    analytics.track('order_shipped', { order_id: 'o3' }, { userId: 'user_3', anonymousId: 'anon_3' })
    await analytics.shutdown()
    expect(
      sent(transport).map(({ user_id, anonymous_id, session_id, seq, context }) => ({
        user_id,
        anonymous_id,
        session_id,
        seq,
        platform: context.platform,
      })),
    ).toEqual([
      { user_id: 'user_1', anonymous_id: '', session_id: '', seq: 0, platform: 'node' },
      { user_id: null, anonymous_id: 'anon_2', session_id: 'sess_2', seq: 0, platform: 'node' },
      { user_id: 'user_3', anonymous_id: 'anon_3', session_id: '', seq: 0, platform: 'node' },
    ])
    expect(new Set(sent(transport).map((e) => e.message_id)).size).toBe(3)
  })
})

describe('createServerAnalytics: the browser pipeline', () => {
  it('validates against the catalogue, drops invalid events and infers the properties type', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const transport = memoryTransport()
    const analytics = createServerAnalytics({
      transport,
      events: { purchase_completed: z.object({ order_value: z.number(), currency: z.string() }) },
    })
    analytics.track('purchase_completed', { order_value: 5, currency: 'EUR' }, { userId: 'u1' })
    // @ts-expect-error order_value must be a number
    analytics.track('purchase_completed', { order_value: 'five', currency: 'EUR' }, { userId: 'u1' })
    await analytics.shutdown()
    expect(sent(transport).map((e) => e.properties)).toEqual([{ order_value: 5, currency: 'EUR' }])
    expect(analytics.getState().ledger.dropped).toEqual({ invalid: 1 })
  })

  it('never lets PII reach the wire: keys naming PII and PII inside values are redacted, chosen keys hashed', async () => {
    const transport = memoryTransport()
    const analytics = createServerAnalytics({ transport, privacy: { hashKeys: ['customer_ref'] } })
    analytics.track(
      'support_ticket_opened',
      {
        email: 'jane@example.com',
        note: 'call me on +44 20 7946 0958',
        customer_ref: 'C-1',
        topic: 'billing',
      },
      { userId: 'u1' },
    )
    await analytics.shutdown()
    const wire = JSON.stringify(transport.batches)
    expect(wire).not.toContain('jane@example.com')
    expect(wire).not.toContain('7946 0958')
    expect(wire).not.toContain('"C-1"')
    const [event] = sent(transport)
    expect(event?.properties).toMatchObject({ email: '[REDACTED]', topic: 'billing' })
    expect(event?.properties.customer_ref).toMatch(/^[0-9a-f]{64}$/)
  })

  it('samples by user exactly as the browser does: a user is wholly in or out, kept events say their rate', async () => {
    const transport = memoryTransport()
    const analytics = createServerAnalytics({ transport, sampling: { rate: 0.5 } })
    const browser = createAnalytics({ transport: memoryTransport(), storage: false, sampling: { rate: 0.5 } })
    const browserKept = new Set<string>()
    browser.subscribe((o) => {
      if (o.type === 'queued' && o.event.user_id) browserKept.add(o.event.user_id)
    })
    for (let i = 0; i < 200; i++) {
      analytics.track('search_performed', { q: 'a' }, { userId: `user_${i}` })
      analytics.track('filter_applied', { f: 'b' }, { userId: `user_${i}` })
      browser.identify(`user_${i}`)
    }
    await analytics.shutdown()
    await browser.shutdown()
    const events = sent(transport)
    const users = new Set(events.map((e) => e.user_id))
    expect(users.size).toBeGreaterThan(70)
    expect(users.size).toBeLessThan(130)
    for (const user of users) expect(events.filter((e) => e.user_id === user)).toHaveLength(2)
    expect(events.every((e) => e.properties.sampled === true && e.properties.sample_rate === 0.5)).toBe(true)
    expect(analytics.getState().ledger.dropped.sampled_out).toBe(400 - events.length)
    expect([...users].sort()).toEqual([...browserKept].sort())
  })

  it('runs middleware after the built-in stages and drops an event it returns null for', async () => {
    const transport = memoryTransport()
    const analytics = createServerAnalytics({
      transport,
      context: { service: 'checkout-api' },
      middleware: [
        (e) => (e.properties.internal ? null : { ...e, properties: { ...e.properties, stage: 'mw' } }),
      ],
    })
    analytics.track('order_refunded', { internal: true }, { userId: 'u1' })
    analytics.track('order_refunded', { amount: 3 }, { userId: 'u1' })
    await analytics.shutdown()
    expect(sent(transport).map((e) => [e.properties, e.context.service])).toEqual([
      [{ amount: 3, stage: 'mw' }, 'checkout-api'],
    ])
    expect(analytics.getState().ledger.dropped).toEqual({ middleware: 1 })
  })

  it('never throws on bad input and counts every call in the ledger', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const transport = memoryTransport()
    const analytics = createServerAnalytics({ transport })
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    expect(() => {
      analytics.track(42 as never, {}, { userId: 'u' })
      analytics.track('thing_done', 'nope' as never, { userId: 'u' })
      analytics.track('thing_done', cyclic, { userId: 'u' })
      analytics.track('thing_done', {}, null as never)
    }).not.toThrow()
    await analytics.shutdown()
    analytics.track('thing_done', {}, { userId: 'u' })
    const { ledger } = analytics.getState()
    expect(ledger).toMatchObject({ tracked: 5, delivered: 1, pending: 0 })
    expect(ledger.dropped).toEqual({ invalid: 2, no_identity: 1, client_closed: 1 })
    expect(sent(transport)[0]?.properties).toEqual({ a: 1, self: '[Circular]' })
  })
})

describe('createServerAnalytics: delivery to a collector over HTTP', () => {
  it('retries a collector that answers 503 with the same message ids until it stores them, each once', async () => {
    const collector = await realCollector(2)
    const analytics = createServerAnalytics({ url: collector.url, retry: { baseMs: 5, capMs: 20 } })
    const failures: PipelineOutcome[] = []
    analytics.subscribe((o) => o.type === 'failed' && failures.push(o))
    for (let i = 0; i < 5; i++) analytics.track('invoice_paid', { n: i }, { userId: 'u1' })
    await analytics.shutdown()
    expect(failures.length).toBeGreaterThan(0)
    expect(failures.every((f) => f.type === 'failed' && f.status === 503)).toBe(true)
    const stored = await collector.events()
    expect(stored.map((e) => JSON.parse(e.properties).n).sort()).toEqual([0, 1, 2, 3, 4])
    expect(await collector.copies()).toBe(5)
    expect(analytics.getState().ledger).toMatchObject({
      tracked: 5,
      delivered: 5,
      droppedTotal: 0,
      pending: 0,
    })
  }, 20_000)

  it('loses nothing on shutdown: everything queued is stored before it resolves', async () => {
    const collector = await realCollector()
    const analytics = createServerAnalytics({
      url: collector.url,
      batch: { maxEvents: 100, intervalMs: 60_000 },
    })
    const ids = new Set<string>()
    analytics.subscribe((o) => o.type === 'queued' && ids.add(o.event.message_id))
    for (let i = 0; i < 250; i++) analytics.track('page_rendered', { i }, { anonymousId: `a${i % 7}` })
    await analytics.shutdown()
    const stored = await collector.events()
    expect(new Set(stored.map((e) => e.message_id))).toEqual(ids)
    expect(ids.size).toBe(250)
  })

  it('counts what a collector that never recovers kept from it as dropped at shutdown, after its timeout', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const collector = await realCollector(Number.POSITIVE_INFINITY)
    const analytics = createServerAnalytics({ url: collector.url, shutdownTimeoutMs: 300 })
    analytics.track('invoice_paid', {}, { userId: 'u1' })
    analytics.track('invoice_paid', {}, { userId: 'u2' })
    await analytics.shutdown()
    expect(await collector.events()).toEqual([])
    expect(analytics.getState().ledger).toMatchObject({
      tracked: 2,
      delivered: 0,
      pending: 0,
      dropped: { client_closed: 2 },
    })
  })

  it('keeps a bounded queue in memory while the collector is down, dropping the oldest and counting them', async () => {
    const transport = memoryTransport()
    transport.respond(() => ({ ok: false, status: 503 }))
    const analytics = createServerAnalytics({ transport, maxQueueEvents: 10, shutdownTimeoutMs: 0 })
    for (let i = 0; i < 25; i++) analytics.track('job_finished', { i }, { userId: 'u' })
    await analytics.flush()
    expect(analytics.getState().queueSize).toBeLessThanOrEqual(10)
    expect(analytics.getState().ledger.dropped.queue_full).toBeGreaterThanOrEqual(15)
    await analytics.shutdown()
  })
})

describe('createServerAnalytics: metrics and experiments', () => {
  it('sends counters, gauges and histograms aggregated per name and tags with the event batches', async () => {
    const transport = memoryTransport()
    const analytics = createServerAnalytics({ transport })
    for (let i = 0; i < 1_000; i++) analytics.metrics.increment('purchase.success.count', 1, { plan: 'pro' })
    analytics.metrics.histogram('purchase.processing.ms', 120)
    analytics.metrics.histogram('purchase.processing.ms', 80)
    analytics.metrics.gauge('jobs.waiting.count', 7)
    analytics.track('purchase_completed', {}, { userId: 'u1' })
    await analytics.shutdown()
    const points = transport.batches.flatMap((b) => b.metrics ?? [])
    const byName = (name: string) => points.filter((p) => p.name === name)
    expect(byName('purchase.success.count')).toMatchObject([
      { type: 'counter', value: 1_000, tags: { plan: 'pro' } },
    ])
    expect(byName('purchase.processing.ms')).toMatchObject([
      { type: 'histogram', count: 2, sum: 200, min: 80, max: 120 },
    ])
    expect(byName('jobs.waiting.count')).toMatchObject([{ type: 'gauge', value: 7 }])
  })

  it('exports the same metrics as OTLP/HTTP JSON to an OpenTelemetry endpoint, over real HTTP', async () => {
    const bodies: { resourceMetrics: unknown[] }[] = []
    const server = createServer((req, res) => {
      let text = ''
      req.on('data', (chunk) => {
        text += chunk
      })
      req.on('end', () => {
        bodies.push(JSON.parse(text))
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      })
    })
    servers.push(server)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/metrics`
    const analytics = createServerAnalytics({
      transport: memoryTransport(),
      metrics: { exporters: [otlpMetricsExporter({ url, resource: { 'service.name': 'checkout-api' } })] },
    })
    analytics.metrics.histogram('purchase.processing.ms', 120, { outcome: 'success' })
    await analytics.shutdown()
    const wire = JSON.stringify(bodies)
    expect(wire).toContain('"purchase.processing.ms"')
    expect(wire).toContain('checkout-api')
  })

  it('assigns the variation the browser assigns for the same anonymous id, and carries it in event context', async () => {
    const checkout = defineExperiment({
      key: 'checkout_flow',
      variations: ['control', 'one_page', 'express'],
    })
    const transport = memoryTransport()
    const analytics = createServerAnalytics({ transport, experiments: [checkout] })
    for (let i = 0; i < 50; i++) {
      const anonymousId = `anon_${i}`
      const browser = createAnalytics({
        transport: memoryTransport(),
        storage: false,
        anonymousId,
        experiments: withExperiments({ urlOverrides: false }),
      })
      const expected = browser.experiments.assign(checkout).variation
      expect(analytics.experiments.assign(checkout, { anonymousId }).variation).toBe(expected)
      analytics.track('purchase_completed', {}, { anonymousId })
      await browser.shutdown()
    }
    await analytics.shutdown()
    for (const event of sent(transport)) {
      const expected = analytics.experiments.assign(checkout, { anonymousId: event.anonymous_id }).variation
      expect(event.context.experiments).toEqual({ checkout_flow: expected })
    }
  })

  it('exposes a server-only experiment once per unit, variation and session', async () => {
    const pricing = defineExperiment({ key: 'pricing_api', variations: ['a', 'b'] })
    const transport = memoryTransport()
    const analytics = createServerAnalytics({ transport })
    const who = { anonymousId: 'anon_1', sessionId: 'sess_1' }
    expect(analytics.experiments.expose(pricing, who)).toBe(true)
    expect(analytics.experiments.expose(pricing, who)).toBe(false)
    expect(analytics.experiments.expose(pricing, { ...who, sessionId: 'sess_2' })).toBe(true)
    await analytics.shutdown()
    expect(sent(transport).map((e) => [e.event_name, e.session_id, e.properties.experiment_key])).toEqual([
      ['experiment_exposed', 'sess_1', 'pricing_api'],
      ['experiment_exposed', 'sess_2', 'pricing_api'],
    ])
  })
})
