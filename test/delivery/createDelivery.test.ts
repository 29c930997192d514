import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Batch, SendResult } from '../../src/index.js'
import { expectBalancedLedger, memoryStorage, setup, storedEvents } from './support.js'

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-11-28T10:00:00.000Z'))
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

const names = (n: number, prefix = 'item_viewed') => Array.from({ length: n }, (_, i) => `${prefix}_${i}`)

describe('batching', () => {
  it('holds a partial batch for the interval, then sends it with sent_at', async () => {
    const { analytics, transport } = setup()
    analytics.track('item_viewed')
    await vi.advanceTimersByTimeAsync(4_999)
    expect(transport.batches).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(transport.batches).toHaveLength(1)
    expect(transport.batches[0]!.sent_at).toBe('2026-11-28T10:00:05.000Z')
  })

  it('sends as soon as a batch is full, 100 events to a request by default', async () => {
    const { analytics, transport, requests } = setup()
    for (const name of names(250)) analytics.track(name)
    await vi.advanceTimersByTimeAsync(0)
    // session_started rides in the first request
    expect(transport.batches.map((b) => b.events.length)).toEqual([100, 100])
    await vi.advanceTimersByTimeAsync(5_000)
    expect(transport.batches.map((b) => b.events.length)).toEqual([100, 100, 51])
    expect(requests().flat()).toEqual(names(250))
  })

  it('cuts batches by bytes, and drops alone an event larger than a whole batch', async () => {
    const { analytics, transport, dropped } = setup({
      batch: { maxBytes: 4_000 },
      limits: { maxEventBytes: 100_000 },
    })
    for (let i = 0; i < 10; i++) analytics.track('note_added', { text: 'x'.repeat(1_000), i })
    analytics.track('note_added', { text: 'y'.repeat(5_000) })
    await analytics.flush()
    for (const batch of transport.batches) expect(JSON.stringify(batch).length).toBeLessThan(4_400)
    expect(
      transport.batches.flatMap((b) => b.events).filter((e) => e.event_name === 'note_added'),
    ).toHaveLength(10)
    expect(dropped().map((d) => d.reason)).toEqual(['too_large'])
    expectBalancedLedger(analytics)
  })

  it('keeps one request in flight and the order of events', async () => {
    const { analytics, transport, requests } = setup({ batch: { maxEvents: 2 } })
    const answers: ((r: SendResult) => void)[] = []
    transport.respond(() => new Promise((resolve) => answers.push(resolve)))
    for (const name of names(6)) analytics.track(name)
    await vi.advanceTimersByTimeAsync(0)
    expect(transport.batches).toHaveLength(1)
    analytics.track('late_event')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(transport.batches).toHaveLength(1)
    while (answers.length > 0) {
      answers.shift()!({ ok: true, status: 200 })
      await vi.advanceTimersByTimeAsync(0)
    }
    transport.respond(() => ({ ok: true, status: 200 }))
    await analytics.flush()
    expect(requests().flat()).toEqual([...names(6), 'late_event'])
    expect(analytics.getState().ledger.delivered).toBe(8)
  })

  it('reports the bytes each request put on the wire', async () => {
    const { analytics, sent } = setup()
    analytics.track('item_viewed', { sku: 'é' })
    await analytics.flush()
    expect(sent()[0]!.bytes).toBeGreaterThan(200)
    expect(sent()[0]!.via).toBe('memory')
  })

  it('drops the oldest events beyond the queue bound, counted as queue_full', async () => {
    const { analytics, transport, dropped } = setup({ maxQueueEvents: 5 })
    transport.respond(() => ({ ok: false, status: 503 }))
    for (const name of names(8)) analytics.track(name)
    const lost = dropped().filter((d) => d.reason === 'queue_full')
    expect(lost.map((d) => d.event_name)).toEqual([
      'session_started',
      'item_viewed_0',
      'item_viewed_1',
      'item_viewed_2',
    ])
    expect(analytics.getState().queueSize).toBe(5)
    expectBalancedLedger(analytics)
  })
})

describe('the wire body', () => {
  it('carries text beyond ASCII intact, stored and sent, with the body’s size in bytes reported exactly', async () => {
    const bodies: string[] = []
    const storage = memoryStorage()
    const { analytics, sent } = setup({
      storage,
      context: { page: { path: '/', url: 'https://shop.example/', title: 'Shop – Café 😀' } },
      transport: {
        name: 'capture',
        async send(_batch: Batch, body?: string) {
          bodies.push(body ?? '')
          return { ok: true, status: 200 }
        },
      },
    })
    analytics.track('item_viewed', { dish: 'Crème brûlée – 東京' })
    await vi.advanceTimersByTimeAsync(0)
    expect(storedEvents(storage).map((e) => e.event_name)).toEqual(['session_started', 'item_viewed'])
    await analytics.flush()
    expect(bodies).toHaveLength(1)
    const body = bodies[0]!
    const event = JSON.parse(body).events[1]
    expect(event.properties.dish).toBe('Crème brûlée – 東京')
    expect(event.context.page.title).toBe('Shop – Café 😀')
    // the context, repeated in every event, is written in ASCII; the properties as they are
    expect(body).toContain('"title":"Shop \\u2013 Caf\\u00e9 \\ud83d\\ude00"')
    expect(body).toContain('"dish":"Crème brûlée – 東京"')
    expect(sent()[0]?.bytes).toBe(new TextEncoder().encode(body).length)
  })
})

describe('retries', () => {
  it('retries 503 on an exponential schedule with jitter, then drops as retries_exhausted', async () => {
    const { analytics, transport, failed, dropped } = setup({
      retry: { random: () => 0.5, maxAttempts: 5 },
    })
    transport.respond(() => ({ ok: false, status: 503 }))
    analytics.track('item_viewed')
    await analytics.flush()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(failed().map((f) => f.retry_in_ms)).toEqual([500, 1_000, 2_000, 4_000, undefined])
    expect(transport.batches).toHaveLength(5)
    expect(new Set(transport.batches.map((b) => b.events[1]!.message_id)).size).toBe(1)
    expect(dropped().map((d) => d.reason)).toEqual(['retries_exhausted', 'retries_exhausted'])
    const ledger = expectBalancedLedger(analytics)
    expect(ledger.dropped.retries_exhausted).toBe(2)
    expect(ledger.pending).toBe(0)
  })

  it('waits exactly the time Retry-After gives before trying again', async () => {
    const { analytics, transport, sent } = setup()
    let calls = 0
    transport.respond(() => (++calls === 1 ? { ok: false, status: 429, retryAfterMs: 7_000 } : { ok: true }))
    analytics.track('item_viewed')
    await analytics.flush()
    await vi.advanceTimersByTimeAsync(6_999)
    expect(transport.batches).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(transport.batches).toHaveLength(2)
    expect(sent()[0]!.attempt).toBe(2)
  })

  it('does not retry other 4xx, 501 or 505: the batch is dropped with the status as reason', async () => {
    for (const status of [400, 401, 404, 422, 501, 505]) {
      const { analytics, transport, dropped } = setup()
      transport.respond(() => ({ ok: false, status }))
      analytics.track('item_viewed')
      await analytics.flush()
      await vi.advanceTimersByTimeAsync(120_000)
      expect(transport.batches).toHaveLength(1)
      expect(new Set(dropped().map((d) => d.reason))).toEqual(new Set([`http_${status}`]))
      expectBalancedLedger(analytics)
    }
  })

  it('splits a batch refused with 413 in halves until the oversized event is alone, and drops only it', async () => {
    const { analytics, transport, dropped, requests } = setup({ limits: { maxEventBytes: 100_000 } })
    transport.respond((batch: Batch) =>
      JSON.stringify(batch).length > 5_000 ? { ok: false, status: 413 } : { ok: true, status: 200 },
    )
    for (let i = 0; i < 7; i++)
      analytics.track('item_viewed', { i, ...(i === 4 && { blob: 'z'.repeat(8_000) }) })
    await analytics.flush()
    expect(dropped()).toHaveLength(1)
    expect(dropped()[0]).toMatchObject({ reason: 'too_large', stage: 'delivery' })
    expect(dropped()[0]!.event?.properties.i).toBe(4)
    const delivered = transport.batches
      .filter((b) => JSON.stringify(b).length <= 5_000)
      .flatMap((b) => b.events.map((e) => e.properties.i))
    expect(delivered).toEqual([undefined, 0, 1, 2, 3, 5, 6])
    // 8 events (with session_started): 8 refused → 4 sent, 4 refused → 2 refused → 1 sent, 1 refused
    // and dropped → the last 2 sent
    expect(requests().length).toBe(7)
    expectBalancedLedger(analytics)
  })

  it('after repeated network errors probes with one event every 5 to 10 s, and recovers within one probe of the collector’s return', async () => {
    const { analytics, transport, failed, dropped, eventBatches } = setup({ retry: { random: () => 0.5 } })
    let up = false
    transport.respond(() =>
      up ? { ok: true, status: 200 } : { ok: false, error: 'TypeError: Failed to fetch' },
    )
    for (let i = 0; i < 20; i++) analytics.track('item_viewed', { i })
    await analytics.flush()
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(
      failed()
        .slice(0, 5)
        .map((f) => f.retry_in_ms),
    ).toEqual([500, 1_000, 7_500, 7_500, 7_500])
    // three full tries, then one-event probes: about one every 7.5 s for an hour, and nothing lost
    const batches = eventBatches()
    expect(batches.slice(0, 3).map((b) => b.events.length)).toEqual([21, 21, 21])
    expect(batches.slice(3).every((b) => b.events.length === 1)).toBe(true)
    expect(batches.length).toBe(3 + Math.floor((3_600_000 - 1_500) / 7_500))
    expect(batches.slice(3).every((b) => b.metrics === undefined)).toBe(true)
    expect(dropped()).toEqual([])
    expect(expectBalancedLedger(analytics).pending).toBe(21)
    // the collector is back: the next probe gets through and the rest follows at once
    up = true
    const before = batches.length
    await vi.advanceTimersByTimeAsync(7_500)
    expect(
      eventBatches()
        .slice(before)
        .map((b) => b.events.length),
    ).toEqual([1, 20])
    expect(expectBalancedLedger(analytics).delivered).toBe(21)
  })

  it('never waits longer than blockedIntervalMs between attempts after network errors', async () => {
    const { analytics, transport, failed } = setup({
      retry: { random: () => 0.999, blockedIntervalMs: 4_000 },
    })
    transport.respond(() => ({ ok: false, error: 'TypeError: Failed to fetch' }))
    analytics.track('item_viewed')
    await analytics.flush()
    await vi.advanceTimersByTimeAsync(60_000)
    const waits = failed().map((f) => f.retry_in_ms ?? Number.NaN)
    expect(waits.length).toBeGreaterThan(12)
    expect(Math.max(...waits)).toBeLessThan(4_000)
  })

  it('resends the metric points of a failed batch with its retry, and takes new ones with the next batch', async () => {
    const { analytics, transport } = setup({ retry: { random: () => 0 } })
    let n = 0
    analytics.internals.addMetricsSource(() => [
      { name: 'api.latency.ms', type: 'histogram', tags: {}, start: '', end: '', count: ++n },
    ])
    let calls = 0
    transport.respond(() => (++calls === 1 ? { ok: false, status: 500 } : { ok: true }))
    analytics.track('item_viewed')
    await analytics.flush()
    await vi.advanceTimersByTimeAsync(10)
    const counts = transport.batches.map((b) =>
      b.metrics?.filter((m) => m.name === 'api.latency.ms').map((m) => m.count),
    )
    expect(counts).toEqual([[1], [1]])
    analytics.track('item_viewed')
    await analytics.flush()
    expect(transport.batches.at(-1)?.metrics?.find((m) => m.name === 'api.latency.ms')?.count).toBe(2)
  })

  it('never throws when the transport itself throws, and retries it as a network error', async () => {
    // jitter pinned, so that the second retry (below 2 s) cannot also fall within the first second
    const { analytics, transport, failed } = setup({ retry: { random: () => 0.5 } })
    transport.respond(() => {
      throw new Error('boom')
    })
    analytics.track('item_viewed')
    await expect(analytics.flush()).resolves.toBeUndefined()
    expect(failed()[0]).toMatchObject({ error: 'Error: boom' })
    // the first retry of a network error waits the jittered backoff: half of its 1 s base here
    expect(failed()[0]!.retry_in_ms).toBe(500)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(failed()).toHaveLength(2)
    expect(failed()[1]!.retry_in_ms).toBe(1_000)
  })
})
