// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  type Batch,
  createAnalytics,
  fetchTransport,
  memoryTransport,
  type SendResult,
  type Transport,
} from '../../src/index.js'
import { expectBalancedLedger, memoryStorage, setup, storedEvents } from './support.js'

let visibility: DocumentVisibilityState = 'visible'

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-11-28T10:00:00.000Z'))
  visibility = 'visible'
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

function hide() {
  visibility = 'hidden'
  document.dispatchEvent(new Event('visibilitychange'))
}
function show() {
  visibility = 'visible'
  document.dispatchEvent(new Event('visibilitychange'))
}

/** A memory transport that also records what it was asked to send at page exit. */
function exitRecordingTransport() {
  const inner = memoryTransport()
  const exits: { batch: Batch; body: string }[] = []
  const transport: Transport & { exits: typeof exits } = {
    name: 'recording',
    exits,
    send: (batch, body) => inner.send(batch, body),
    sendOnExit(batch, body) {
      exits.push({ batch: JSON.parse(JSON.stringify(batch)), body: body ?? '' })
      return true
    },
  }
  return { transport, inner }
}

describe('page exit', () => {
  it('hands everything queued to the browser when the page is hidden, and keeps it stored until acknowledged', async () => {
    const storage = memoryStorage()
    const { transport, inner } = exitRecordingTransport()
    inner.respond(() => ({ ok: false, status: 503 }))
    const analytics = createAnalytics({ transport, storage, naming: 'off', writeKey: 'wk_1' })
    for (let i = 0; i < 3; i++) analytics.track('item_viewed', { i })
    hide()
    expect(transport.exits).toHaveLength(1)
    const body = JSON.parse(transport.exits[0]!.body)
    expect(body.write_key).toBe('wk_1')
    expect(body.sent_at).toBe('2026-11-28T10:00:00.000Z')
    expect(body.events.map((e: { event_name: string }) => e.event_name)).toEqual([
      'session_started',
      'item_viewed',
      'item_viewed',
      'item_viewed',
    ])
    // not acknowledged: still queued and stored
    expect(analytics.getState().queueSize).toBe(4)
    expect(storedEvents(storage)).toHaveLength(4)

    inner.respond(() => ({ ok: true, status: 200 }))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(storedEvents(storage)).toEqual([])
    expect(expectBalancedLedger(analytics).delivered).toBe(4)
  })

  it('does not hand the same events over twice when pagehide follows the hidden state, but does after the page was shown again', () => {
    const { transport } = exitRecordingTransport()
    const analytics = createAnalytics({ transport, storage: false, naming: 'off' })
    analytics.track('item_viewed')
    hide()
    window.dispatchEvent(new Event('pagehide'))
    expect(transport.exits).toHaveLength(1)
    analytics.track('item_added')
    window.dispatchEvent(new Event('pagehide'))
    expect(transport.exits.map((x) => x.batch.events.map((e) => e.event_name))).toEqual([
      ['session_started', 'item_viewed'],
      ['item_added'],
    ])
    show()
    hide()
    expect(transport.exits).toHaveLength(3)
    expect(transport.exits[2]!.batch.events).toHaveLength(3)
  })

  it('keeps what it hands over at exit under the 64 KB the browser allows in flight', () => {
    const { transport } = exitRecordingTransport()
    const analytics = createAnalytics({ transport, storage: false, naming: 'off' })
    for (let i = 0; i < 300; i++) analytics.track('item_viewed', { i, note: 'n'.repeat(900) })
    hide()
    const total = transport.exits.reduce((n, x) => n + new TextEncoder().encode(x.body).length, 0)
    expect(total).toBeLessThanOrEqual(60_000)
    expect(total).toBeGreaterThan(50_000)
    expect(analytics.getState().queueSize).toBe(301)
  })

  it('sends a metric point at exit at most once', () => {
    const { transport } = exitRecordingTransport()
    const analytics = createAnalytics({ transport, storage: false, naming: 'off' })
    let n = 0
    analytics.internals.addMetricsSource(() =>
      n++ === 0
        ? [{ name: 'api.latency.ms', type: 'histogram', tags: {}, start: '', end: '', count: 1 }]
        : [],
    )
    analytics.track('item_viewed')
    hide()
    window.dispatchEvent(new Event('pagehide'))
    const points = transport.exits
      .flatMap((x) => x.batch.metrics ?? [])
      .filter((m) => m.name === 'api.latency.ms')
    expect(points).toHaveLength(1)
  })

  it('lets the next page adopt the stored queue at once after pagehide', async () => {
    const storage = memoryStorage()
    const first = setup({ storage })
    first.transport.respond(() => new Promise(() => {}))
    first.analytics.track('item_viewed')
    await Promise.resolve()
    window.dispatchEvent(new Event('pagehide'))

    const next = setup({ storage })
    await vi.advanceTimersByTimeAsync(100)
    expect(next.transport.batches.flatMap((b) => b.events.map((e) => e.event_name))).toEqual([
      'session_started',
      'item_viewed',
    ])
  })
})

/** A transport whose requests outlive the page (`keepalive`), answering when the test says. */
function keepaliveTransport() {
  const sends: { events: string[]; answer: (result: SendResult) => void }[] = []
  const exits: string[][] = []
  const transport: Transport = {
    name: 'keepalive',
    keepalive: 48_000,
    send: (batch) =>
      new Promise<SendResult>((answer) =>
        sends.push({ events: batch.events.map((e) => e.message_id), answer }),
      ),
    sendOnExit(batch) {
      exits.push(batch.events.map((e) => e.message_id))
      return true
    },
  }
  return { transport, sends, exits }
}

describe('page exit with requests that outlive the page', () => {
  it('does not hand a batch still on its way over again when the page is left', async () => {
    const { transport, sends, exits } = keepaliveTransport()
    const analytics = createAnalytics({ transport, storage: false, naming: 'off' })
    analytics.track('item_viewed')
    void analytics.flush()
    await vi.advanceTimersByTimeAsync(0)
    expect(sends).toHaveLength(1)
    analytics.track('item_added')
    const added = analytics.getState().queueSize
    window.dispatchEvent(new Event('pagehide'))
    // only the event tracked after the batch left is handed to the browser
    expect(exits).toHaveLength(1)
    expect(exits[0]).toHaveLength(1)
    expect(sends[0]!.events).not.toContain(exits[0]![0])
    expect(added).toBe(3)
  })

  it('sends what is queued when the page is hidden and, once acknowledged, neither sends it again nor keeps it stored', async () => {
    const storage = memoryStorage()
    const { transport, sends, exits } = keepaliveTransport()
    const analytics = createAnalytics({ transport, storage, naming: 'off' })
    for (let i = 0; i < 3; i++) analytics.track('item_viewed', { i })
    await vi.advanceTimersByTimeAsync(0)
    hide()
    expect(exits).toEqual([])
    expect(sends).toHaveLength(1)
    expect(sends[0]!.events).toHaveLength(4)
    // the page comes back before the answer: the events are on their way, not sent twice
    show()
    await analytics.flush()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(sends).toHaveLength(1)
    sends[0]!.answer({ ok: true, status: 200 })
    await vi.advanceTimersByTimeAsync(0)
    expect(storedEvents(storage)).toEqual([])
    expect(expectBalancedLedger(analytics)).toMatchObject({ delivered: 4, pending: 0 })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(sends).toHaveLength(1)
  })

  it('keeps what is on its way out of a full queue’s drops, and counts each event once in the ledger', async () => {
    const { transport, sends } = keepaliveTransport()
    const analytics = createAnalytics({ transport, storage: false, naming: 'off', maxQueueEvents: 5 })
    for (let i = 0; i < 3; i++) analytics.track('item_viewed', { i })
    await vi.advanceTimersByTimeAsync(0)
    hide()
    expect(sends[0]!.events).toHaveLength(4)
    show()
    // the queue fills up while the request sent at hide waits for its answer
    for (let i = 0; i < 6; i++) analytics.track('item_added', { i })
    await vi.advanceTimersByTimeAsync(0)
    sends[0]!.answer({ ok: true, status: 200 })
    void analytics.flush()
    await vi.advanceTimersByTimeAsync(0)
    expect(sends).toHaveLength(2)
    sends[1]!.answer({ ok: true, status: 200 })
    await vi.advanceTimersByTimeAsync(0)
    const ledger = expectBalancedLedger(analytics)
    expect(ledger).toMatchObject({ tracked: 10, delivered: 5, dropped: { queue_full: 5 }, pending: 0 })
    expect(sends.flatMap((s) => s.events)).toHaveLength(5)
  })

  it('sends again what a request at hide failed to deliver', async () => {
    const { transport, sends } = keepaliveTransport()
    const analytics = createAnalytics({ transport, storage: false, naming: 'off' })
    analytics.track('item_viewed')
    await vi.advanceTimersByTimeAsync(0)
    hide()
    sends[0]!.answer({ ok: false, error: 'TypeError: Failed to fetch' })
    await vi.advanceTimersByTimeAsync(5_000)
    expect(sends).toHaveLength(2)
    expect(sends[1]!.events).toEqual(sends[0]!.events)
    sends[1]!.answer({ ok: true, status: 200 })
    await vi.advanceTimersByTimeAsync(0)
    expect(expectBalancedLedger(analytics)).toMatchObject({ delivered: 2, pending: 0 })
  })
})

describe('fetchTransport at page exit', () => {
  it('uses sendBeacon with a plain string body, which the browser sends as text/plain without preflight', () => {
    const beacon = vi.fn((_url: string, _body?: BodyInit | null) => true)
    Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: beacon })
    const analytics = createAnalytics({
      transport: fetchTransport({ url: 'https://collect.example/batch', headers: { authorization: 'x' } }),
      storage: false,
      naming: 'off',
    })
    analytics.track('item_viewed')
    hide()
    expect(beacon).toHaveBeenCalledTimes(1)
    const [url, body] = beacon.mock.calls[0]!
    expect(url).toBe('https://collect.example/batch')
    expect(typeof body).toBe('string')
    expect(JSON.parse(body as string).events).toHaveLength(2)
  })

  it('falls back to a keepalive fetch with only a text/plain content type when sendBeacon refuses', () => {
    Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: () => false })
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => new Response(null, { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    const analytics = createAnalytics({
      transport: fetchTransport({ url: '/batch', headers: { authorization: 'x' } }),
      storage: false,
      naming: 'off',
    })
    analytics.track('item_viewed')
    hide()
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [, init] = fetchMock.mock.calls[0]!
    expect(init).toMatchObject({ method: 'POST', keepalive: true, headers: { 'content-type': 'text/plain' } })
    expect(Object.keys(init!.headers as object)).toEqual(['content-type'])
  })
})

describe('offline', () => {
  it('pauses while the browser is offline and sends on the online event, dropping nothing', async () => {
    let onLine = false
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => onLine })
    const page = setup()
    for (let i = 0; i < 5; i++) page.analytics.track('item_viewed', { i })
    await vi.advanceTimersByTimeAsync(600_000)
    await page.analytics.flush()
    expect(page.transport.batches).toEqual([])
    onLine = true
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(0)
    expect(page.requests().flat()).toHaveLength(5)
    expect(expectBalancedLedger(page.analytics)).toMatchObject({ delivered: 6, droppedTotal: 0 })
  })

  it('treats a failure while offline as a pause, not as an attempt', async () => {
    let onLine = true
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => onLine })
    const page = setup({ retry: { maxAttempts: 2 } })
    page.transport.respond(() => {
      onLine = false
      return { ok: false, error: 'TypeError: Failed to fetch' }
    })
    page.analytics.track('item_viewed')
    await page.analytics.flush()
    expect(page.failed()[0]!.retry_in_ms).toBeUndefined()
    await vi.advanceTimersByTimeAsync(600_000)
    expect(page.transport.batches).toHaveLength(1)
    page.transport.respond(() => ({ ok: true, status: 200 }))
    onLine = true
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(0)
    expect(expectBalancedLedger(page.analytics)).toMatchObject({ delivered: 2, droppedTotal: 0 })
  })
})

describe('pageExit: false', () => {
  it('sends nothing at exit, yet lets the next page adopt what was stored', async () => {
    const storage = memoryStorage()
    const { transport, inner } = exitRecordingTransport()
    inner.respond(() => new Promise(() => {}))
    const analytics = createAnalytics({ transport, storage, naming: 'off', pageExit: false })
    analytics.track('item_viewed')
    await Promise.resolve()
    hide()
    window.dispatchEvent(new Event('pagehide'))
    expect(transport.exits).toEqual([])

    const next = setup({ storage })
    await vi.advanceTimersByTimeAsync(100)
    expect(next.requests().flat()).toEqual(['item_viewed'])
  })
})
