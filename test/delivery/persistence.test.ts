import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AnalyticsEvent } from '../../src/core/types.js'
import { createDelivery } from '../../src/delivery/createDelivery.js'
import { memoryTransport } from '../../src/index.js'
import { createSafeStore } from '../../src/lib/storage.js'
import { captureWarnings } from '../support/captureWarnings.js'
import { expectBalancedLedger, fakeLocks, memoryStorage, setup, storedEvents } from './support.js'

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-11-28T10:00:00.000Z'))
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

type Storage = ReturnType<typeof memoryStorage>

const event = (i: number): AnalyticsEvent => ({
  event_name: 'item_viewed',
  message_id: `m-${i}`,
  timestamp: '2026-11-28T10:00:00.000Z',
  user_id: null,
  anonymous_id: 'a',
  session_id: 's',
  seq: i,
  properties: { i },
  context: { library: { name: 'instrumentkit', version: '0' } },
})

/** A page whose collector answers 503: it tracks `n` events, which stay queued and stored. */
async function pageWithUnsentEvents(storage: Storage, n: number) {
  const page = setup({ storage })
  page.transport.respond(() => ({ ok: false, status: 503 }))
  for (let i = 0; i < n; i++) page.analytics.track('item_viewed', { i })
  await page.analytics.flush()
  const ids = page.outcomes.flatMap((o) => (o.type === 'tracked' ? [o.event.message_id] : []))
  return { ...page, ids }
}

const sentIds = (page: ReturnType<typeof setup>) =>
  page.transport.batches.flatMap((b) => b.events.map((e) => e.message_id))

describe('persistence', () => {
  it('keeps unsent events in storage and sends them from the next page with their original message_id', async () => {
    const storage = memoryStorage()
    const first = await pageWithUnsentEvents(storage, 3)
    expect(storedEvents(storage).map((e) => e.message_id)).toEqual(first.ids)
    await first.analytics.shutdown()

    const next = setup({ storage })
    await vi.advanceTimersByTimeAsync(100)
    const restored = next.outcomes.find((o) => o.type === 'restored')
    expect(restored?.type === 'restored' && restored.events.map((e) => e.message_id)).toEqual(first.ids)
    expect(sentIds(next)).toEqual(first.ids)
    expect(storedEvents(storage)).toEqual([])
    const ledger = expectBalancedLedger(next.analytics)
    expect(ledger).toMatchObject({ tracked: 4, restored: 4, delivered: 4, pending: 0 })
  })

  it('leaves the events of a tab that is still open alone, and adopts those of a crashed tab once its lease ran out', async () => {
    const storage = memoryStorage()
    // a page whose request never comes back, and which then dies without pagehide: it runs no timer
    // again and nothing told the other tabs
    const crashed = setup({ storage })
    crashed.transport.respond(() => new Promise(() => {}))
    for (let i = 0; i < 2; i++) crashed.analytics.track('item_viewed', { i })
    void crashed.analytics.flush()
    await vi.advanceTimersByTimeAsync(0)
    const ids = crashed.outcomes.flatMap((o) => (o.type === 'tracked' ? [o.event.message_id] : []))

    const soon = setup({ storage })
    await vi.advanceTimersByTimeAsync(100)
    expect(soon.outcomes.filter((o) => o.type === 'restored')).toEqual([])

    vi.setSystemTime(Date.now() + 10 * 60_000 + 1)
    const later = setup({ storage })
    await vi.advanceTimersByTimeAsync(100)
    expect(sentIds(later)).toEqual(ids)
  })

  it('two pages opening at once replay each stored event exactly once (storage lease)', async () => {
    const storage = memoryStorage()
    const gone = await pageWithUnsentEvents(storage, 5)
    await gone.analytics.shutdown()

    const a = setup({ storage })
    const b = setup({ storage })
    await vi.advanceTimersByTimeAsync(200)
    await Promise.all([a.analytics.flush(), b.analytics.flush()])
    const all = [...sentIds(a), ...sentIds(b)]
    expect(all.sort()).toEqual([...gone.ids].sort())
    expect(storedEvents(storage)).toEqual([])
  })

  it('two pages opening at once replay each stored event exactly once (Web Locks)', async () => {
    const { locks } = fakeLocks()
    vi.stubGlobal('navigator', { locks })
    const storage = memoryStorage()
    const alive = await pageWithUnsentEvents(storage, 4)

    const early = setup({ storage })
    await vi.advanceTimersByTimeAsync(50)
    // the first page still holds its lock: its events are its own
    expect(sentIds(early)).toEqual([])

    await alive.analytics.shutdown()
    const a = setup({ storage })
    const b = setup({ storage })
    await vi.advanceTimersByTimeAsync(50)
    await Promise.all([a.analytics.flush(), b.analytics.flush()])
    expect([...sentIds(a), ...sentIds(b)].sort()).toEqual([...alive.ids].sort())
    expect(storedEvents(storage)).toEqual([])
  })

  it('a tab whose view of storage still shows chunks another tab just adopted leaves them alone (Web Locks)', async () => {
    const { locks, held } = fakeLocks()
    vi.stubGlobal('navigator', { locks })
    const storage = memoryStorage()
    const closed = await pageWithUnsentEvents(storage, 4)
    await closed.analytics.shutdown()
    // a second tab's copy of storage, as its renderer saw it before the first adopter's removals reached it
    const stale = memoryStorage()
    for (const [key, value] of storage.map) stale.setItem(key, value)

    const a = setup({ storage })
    const b = setup({ storage: stale })
    await vi.advanceTimersByTimeAsync(50)
    await Promise.all([a.analytics.flush(), b.analytics.flush()])
    expect(sentIds(a).sort()).toEqual([...closed.ids].sort())
    expect(sentIds(b)).toEqual([])
    expect(b.outcomes.filter((o) => o.type === 'restored')).toEqual([])

    // the adopter holds the closed tab's lock while it lives, and lets it go when it is gone
    const inheritedLocks = () => [...held].filter((name) => name.startsWith('ik:tab.')).length
    expect(inheritedLocks()).toBe(3)
    await a.analytics.shutdown()
    expect(inheritedLocks()).toBe(1)
  })

  it('writes one small chunk per burst of tracking instead of rewriting the whole queue on each track', async () => {
    const storage = memoryStorage()
    const page = setup({ storage })
    page.transport.respond(() => ({ ok: false, status: 503 }))
    for (let i = 0; i < 30; i++) {
      page.analytics.track('item_viewed', { i })
      await Promise.resolve()
    }
    const queueWrites = storage.writes.filter((w) => w.key.startsWith('ik:q.'))
    expect(queueWrites.length).toBeGreaterThanOrEqual(30)
    const largest = Math.max(...queueWrites.map((w) => w.size))
    expect(largest).toBeLessThan(
      3 * (storedEvents(storage)[1] ? JSON.stringify(storedEvents(storage)[1]).length : 0),
    )

    storage.writes.length = 0
    for (let i = 0; i < 200; i++) page.analytics.track('item_viewed', { i })
    await Promise.resolve()
    const burst = storage.writes.filter((w) => w.key.startsWith('ik:q.'))
    // 200 events of about 500 characters: a handful of 16 K chunks
    expect(burst.length).toBeLessThan(12)
    expect(storedEvents(storage)).toHaveLength(231)
  })

  it('past a full queue drops the oldest events not in flight, and storage holds exactly what is left', async () => {
    const storage = memoryStorage()
    // the first batch goes out and never comes back, so the head of the queue is in flight throughout
    const page = setup({ storage, maxQueueEvents: 50, batch: { maxEvents: 10 } })
    page.transport.respond(() => new Promise(() => {}))
    for (let i = 0; i < 300; i++) {
      page.analytics.track('item_viewed', { i })
      if (i % 7 === 0) await Promise.resolve()
      if (i % 29 === 0) await vi.advanceTimersByTimeAsync(0)
    }
    await vi.advanceTimersByTimeAsync(0)
    const inFlight = page.transport.batches[0]!.events.map((e) => e.message_id)
    expect(inFlight).toHaveLength(10)
    const lost = page.dropped().filter((d) => d.reason === 'queue_full')
    expect(lost).toHaveLength(301 - 50)
    const kept = storedEvents(storage).map((e) => e.message_id)
    expect(kept).toHaveLength(50)
    // the batch in flight is kept, then the newest events; every other one was dropped, oldest first
    expect(kept.slice(0, 10)).toEqual(inFlight)
    const queued = page.outcomes.flatMap((o) => (o.type === 'queued' ? [o.event.message_id] : []))
    expect(kept.slice(10)).toEqual(queued.slice(-40))
    expect(lost.map((d) => d.message_id)).toEqual(queued.slice(10, -40))
    expect(expectBalancedLedger(page.analytics).pending).toBe(50)
  })

  it('serializes and stores a large burst in slices of 500 events, one task each', async () => {
    const storage = memoryStorage()
    // zero-delay tasks only: the flush interval and the adoption lease are timers too
    const tasks: (() => void)[] = []
    const transport = memoryTransport()
    transport.respond(() => new Promise(() => {}))
    const delivery = createDelivery(
      {
        transport,
        batch: { intervalMs: 3_600_000 },
        persistence: { store: createSafeStore('ik:', storage), prefix: 'ik:' },
        timers: { set: (task, ms) => ms === 0 && tasks.push(task), clear: () => {} },
      },
      { report: () => {}, drop: () => {} },
    )
    for (let i = 0; i < 1_200; i++) delivery.enqueue(event(i))
    await Promise.resolve()
    expect(storedEvents(storage)).toHaveLength(500)
    tasks.shift()!()
    expect(storedEvents(storage)).toHaveLength(1_000)
    tasks.shift()!()
    expect(storedEvents(storage)).toHaveLength(1_200)
  })

  it('removes acknowledged events from storage', async () => {
    const storage = memoryStorage()
    const page = setup({ storage })
    for (let i = 0; i < 150; i++) page.analytics.track('item_viewed', { i })
    await page.analytics.flush()
    expect(storedEvents(storage)).toEqual([])
    expect([...storage.map.keys()].filter((k) => k.startsWith('ik:q.'))).toEqual([])
  })

  it('stays within its byte bound and still delivers what did not fit', async () => {
    const storage = memoryStorage()
    const page = setup({ storage, persistence: { maxBytes: 4_000 } })
    page.transport.respond(() => ({ ok: false, status: 503 }))
    for (let i = 0; i < 40; i++) page.analytics.track('item_viewed', { i, note: 'n'.repeat(200) })
    await Promise.resolve()
    const stored = [...storage.map].filter(([k]) => k.startsWith('ik:q.'))
    expect(stored.reduce((n, [, v]) => n + v.length, 0)).toBeLessThanOrEqual(4_000)
    // the oldest that fit are stored (each about 500 characters: seven within 4,000), the rest kept in memory
    const kept = storedEvents(storage)
    expect(kept.length).toBeGreaterThanOrEqual(5)
    expect(kept.map((e) => e.event_name)).toEqual(
      kept.map((_, i) => (i === 0 ? 'session_started' : 'item_viewed')),
    )

    page.transport.respond(() => ({ ok: true, status: 200 }))
    await vi.advanceTimersByTimeAsync(5_000)
    await page.analytics.flush()
    expect(expectBalancedLedger(page.analytics)).toMatchObject({ delivered: 41, pending: 0 })
  })

  it('catches quota errors, keeps working from memory and leaves the host app’s keys alone', async () => {
    // the warning this test provokes is asserted, not printed
    captureWarnings(/storage refused a write; keeping this value in memory/)
    const storage = memoryStorage({ quota: 3_000 })
    storage.setItem('app:cart', 'c'.repeat(2_500))
    storage.setItem('theme', 'dark')
    const page = setup({ storage })
    let calls = 0
    page.transport.respond(() => (++calls < 3 ? { ok: false, status: 503 } : { ok: true, status: 200 }))
    expect(() => {
      for (let i = 0; i < 20; i++) page.analytics.track('item_viewed', { i, note: 'n'.repeat(100) })
    }).not.toThrow()
    await vi.advanceTimersByTimeAsync(120_000)
    await page.analytics.flush()
    expect(expectBalancedLedger(page.analytics)).toMatchObject({ delivered: 21, droppedTotal: 0 })
    expect(storage.getItem('app:cart')).toBe('c'.repeat(2_500))
    expect(storage.getItem('theme')).toBe('dark')
    const touched = [...storage.writes.map((w) => w.key), ...storage.removed].filter(
      (k) => k !== 'app:cart' && k !== 'theme',
    )
    for (const key of touched) expect(key.startsWith('ik:') || key === '__ik_probe__').toBe(true)
  })

  it('stores a context shared by many events once per chunk, and the next page sends each event with its whole context', async () => {
    const storage = memoryStorage()
    // what a browser collects: a user agent and a page, several hundred characters shared by every event
    const context = {
      user_agent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      page: {
        path: '/search',
        url: 'https://shop.example.com/search?q=running+shoes&utm_source=newsletter&utm_medium=email',
        title: 'Running shoes – search results – Shop',
      },
    }
    const first = setup({ storage, context })
    first.transport.respond(() => ({ ok: false, status: 503 }))
    for (let i = 0; i < 100; i++) first.analytics.track('item_viewed', { i })
    await first.analytics.flush()
    const ids = first.outcomes.flatMap((o) => (o.type === 'tracked' ? [o.event.message_id] : []))
    const stored = storedEvents(storage)
    expect(stored.map((e) => e.message_id)).toEqual(ids)
    const chars = [...storage.map]
      .filter(([k]) => k.startsWith('ik:q.'))
      .reduce((n, [, v]) => n + v.length, 0)
    const whole = stored.reduce((n, e) => n + JSON.stringify(e).length + 1, 0)
    // the context is most of an event: stored once per chunk, the queue takes well under half the room
    expect(chars).toBeLessThan(whole * 0.5)
    await first.analytics.shutdown()

    const next = setup({ storage, context })
    next.transport.respond(() => ({ ok: true, status: 200 }))
    await vi.advanceTimersByTimeAsync(100)
    await next.analytics.flush()
    const resent = next.transport.batches.flatMap((b) => b.events).filter((e) => ids.includes(e.message_id))
    expect(resent).toEqual(stored)
    expect(resent[1]?.context).toMatchObject({ library: { name: 'instrumentkit' }, ...context })
  })

  it('restores chunks written in the earlier form, where each event carries its own context', async () => {
    const storage = memoryStorage()
    storage.setItem('ik:q.deadbeef.0', JSON.stringify([event(1), event(2)]))
    const page = setup({ storage })
    page.transport.respond(() => ({ ok: true, status: 200 }))
    await vi.advanceTimersByTimeAsync(100)
    await page.analytics.flush()
    expect(sentIds(page)).toEqual(['m-1', 'm-2'])
    expect(page.transport.batches[0]?.events).toEqual([event(1), event(2)])
    expect(storage.getItem('ik:q.deadbeef.0')).toBeNull()
  })

  it('ignores and clears a corrupted stored chunk', async () => {
    const storage = memoryStorage()
    storage.setItem('ik:q.deadbeef.0', '{not json')
    storage.setItem('ik:q.deadbeef.1', JSON.stringify([{ nope: true }, 42]))
    // an event referring to a context the chunk does not hold
    storage.setItem('ik:q.deadbeef.2', JSON.stringify([[], { ...event(3), context: 0 }]))
    const page = setup({ storage })
    await vi.advanceTimersByTimeAsync(100)
    expect(page.outcomes.filter((o) => o.type === 'restored')).toEqual([])
    expect(storage.getItem('ik:q.deadbeef.0')).toBeNull()
    expect(storage.getItem('ik:q.deadbeef.1')).toBeNull()
    expect(storage.getItem('ik:q.deadbeef.2')).toBeNull()
  })

  it('keeps the queue in memory only with persistence: false', async () => {
    const storage = memoryStorage()
    const page = setup({ storage, persistence: false })
    page.transport.respond(() => ({ ok: false, status: 503 }))
    page.analytics.track('item_viewed')
    await page.analytics.flush()
    expect(storedEvents(storage)).toEqual([])
  })
})
