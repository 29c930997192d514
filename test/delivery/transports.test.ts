import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  type AnalyticsEvent,
  type Batch,
  beaconTransport,
  consoleTransport,
  createAnalytics,
  fetchTransport,
  segmentTransport,
  toSegmentBatch,
} from '../../src/index.js'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

const event = (over: Partial<AnalyticsEvent> = {}): AnalyticsEvent => ({
  event_name: 'checkout_completed',
  message_id: 'm-1',
  timestamp: '2026-11-28T10:00:00.000Z',
  user_id: 'user_8x92j4k1',
  anonymous_id: 'anon-1',
  session_id: 'sess_abc123',
  seq: 7,
  properties: { order_value: 149.99 },
  context: {
    library: { name: 'instrumentkit', version: '0.1.0' },
    page: { path: '/checkout', url: 'https://shop.example/checkout', title: 'Checkout' },
    referrer: 'https://google.com/',
    utm_source: 'newsletter',
    utm_campaign: 'black_friday',
    locale: 'en-US',
    browser: 'Chrome',
  },
  ...over,
})
const batch = (events = [event()]): Batch => ({ sent_at: '2026-11-28T10:00:05.000Z', events })

function stubFetch(response: () => Response = () => new Response(null, { status: 200 })) {
  const calls: { url: string; init: RequestInit }[] = []
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    return response()
  })
  vi.stubGlobal('fetch', fn)
  return calls
}

describe('fetchTransport', () => {
  it('posts the wire format as a CORS-simple text/plain request and reports status and bytes', async () => {
    const calls = stubFetch()
    const result = await fetchTransport({ url: 'https://collect.example/batch' }).send(batch())
    expect(calls).toHaveLength(1)
    expect(calls[0]!.url).toBe('https://collect.example/batch')
    expect(calls[0]!.init).toMatchObject({ method: 'POST', headers: { 'content-type': 'text/plain' } })
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual(batch())
    expect(result).toEqual({ ok: true, status: 200, bytes: (calls[0]!.init.body as string).length })
  })

  it('reads Retry-After in seconds and as an HTTP date', async () => {
    stubFetch(() => new Response(null, { status: 429, headers: { 'Retry-After': '7' } }))
    expect(await fetchTransport({ url: '/b' }).send(batch())).toMatchObject({
      status: 429,
      retryAfterMs: 7_000,
    })
    const at = new Date(Date.now() + 30_000).toUTCString()
    stubFetch(() => new Response(null, { status: 503, headers: { 'Retry-After': at } }))
    const { retryAfterMs } = await fetchTransport({ url: '/b' }).send(batch())
    expect(retryAfterMs).toBeGreaterThan(28_000)
    expect(retryAfterMs).toBeLessThanOrEqual(30_000)
  })

  it('gzips large bodies and flags them with the compression=gzip query parameter only', async () => {
    const calls = stubFetch()
    const many = batch(Array.from({ length: 50 }, (_, i) => event({ message_id: `m-${i}` })))
    const result = await fetchTransport({ url: '/batch?app=shop' }).send(many)
    expect(calls[0]!.url).toBe('/batch?app=shop&compression=gzip')
    expect(calls[0]!.init.headers).toEqual({ 'content-type': 'text/plain' })
    const zipped = calls[0]!.init.body as Uint8Array
    expect(JSON.parse(gunzipSync(zipped).toString('utf8'))).toEqual(many)
    expect(result.bytes).toBe(zipped.byteLength)
    expect(zipped.byteLength).toBeLessThan(JSON.stringify(many).length / 5)

    await fetchTransport({ url: '/batch', compressAbove: false }).send(many)
    expect(calls[1]!.url).toBe('/batch')
    expect(typeof calls[1]!.init.body).toBe('string')
  })

  it('adds custom headers to normal sends', async () => {
    const calls = stubFetch()
    await fetchTransport({ url: '/b', headers: { authorization: 'Bearer t' } }).send(batch())
    expect(calls[0]!.init.headers).toEqual({ 'content-type': 'text/plain', authorization: 'Bearer t' })
  })

  it('aborts a request that gets no answer within the timeout, so the queue can retry it', async () => {
    vi.useFakeTimers()
    let aborted = false
    vi.stubGlobal(
      'fetch',
      (_url: string, init: RequestInit) =>
        new Promise((_, reject) =>
          init.signal?.addEventListener('abort', () => {
            aborted = true
            reject(new DOMException('The operation was aborted.', 'AbortError'))
          }),
        ),
    )
    const pending = fetchTransport({ url: '/b', timeoutMs: 10_000 }).send(batch())
    await vi.advanceTimersByTimeAsync(9_999)
    expect(aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await pending).toMatchObject({ ok: false, error: 'timeout' })
    vi.useRealTimers()
  })

  it('turns a network error into a failed result instead of throwing', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch')
    })
    const result = await fetchTransport({ url: '/b' }).send(batch())
    expect(result).toMatchObject({ ok: false, error: 'TypeError: Failed to fetch' })
    expect(result.status).toBeUndefined()
  })

  it('names its endpoint so that fetch instrumentation can leave the kit’s own requests alone', () => {
    const analytics = createAnalytics({
      transport: fetchTransport({ url: '/api/analytics/batch' }),
      storage: false,
    })
    expect(analytics.internals.endpoints()).toContain('/api/analytics/batch')
  })
})

describe('beaconTransport', () => {
  it('sends with sendBeacon, counts an accepted beacon as sent (status 0) and cuts batches under 60 KB', async () => {
    const beacons: string[] = []
    vi.stubGlobal('navigator', {
      sendBeacon: (_url: string, body: string) => {
        beacons.push(body)
        return true
      },
    })
    const transport = beaconTransport({ url: '/b' })
    expect(await transport.send(batch())).toMatchObject({ ok: true, status: 0 })
    const analytics = createAnalytics({
      transport,
      storage: false,
      naming: 'off',
      limits: { maxEventBytes: 100_000 },
    })
    for (let i = 0; i < 30; i++) analytics.track('item_viewed', { note: 'n'.repeat(5_000) })
    await analytics.flush()
    expect(beacons.length).toBeGreaterThan(3)
    for (const body of beacons) expect(body.length).toBeLessThanOrEqual(60_000)
  })

  it('reports a refused beacon as a failure to retry', async () => {
    vi.stubGlobal('navigator', { sendBeacon: () => false })
    vi.stubGlobal('fetch', undefined)
    expect(await beaconTransport({ url: '/b' }).send(batch())).toMatchObject({ ok: false })
  })
})

describe('segmentTransport', () => {
  it('maps events to Segment /v1/batch messages', () => {
    const out = toSegmentBatch(
      batch([
        event(),
        event({ event_name: 'page_viewed', message_id: 'm-2', properties: { path: '/checkout' } }),
        event({
          event_name: 'user_identified',
          message_id: 'm-3',
          user_id: null,
          properties: { plan: 'pro' },
        }),
      ]),
      'wk_seg',
    )
    expect(out.sentAt).toBe('2026-11-28T10:00:05.000Z')
    expect(out.writeKey).toBe('wk_seg')
    expect(out.batch[0]).toEqual({
      type: 'track',
      event: 'checkout_completed',
      messageId: 'm-1',
      timestamp: '2026-11-28T10:00:00.000Z',
      userId: 'user_8x92j4k1',
      anonymousId: 'anon-1',
      properties: { order_value: 149.99 },
      context: {
        library: { name: 'instrumentkit', version: '0.1.0' },
        page: {
          path: '/checkout',
          url: 'https://shop.example/checkout',
          title: 'Checkout',
          referrer: 'https://google.com/',
        },
        campaign: { source: 'newsletter', name: 'black_friday' },
        locale: 'en-US',
        browser: 'Chrome',
        session_id: 'sess_abc123',
        seq: 7,
      },
    })
    expect(out.batch[1]).toMatchObject({ type: 'page', properties: { path: '/checkout' } })
    expect(out.batch[1]).not.toHaveProperty('event')
    expect(out.batch[2]).toMatchObject({ type: 'identify', traits: { plan: 'pro' } })
    expect(out.batch[2]).not.toHaveProperty('userId')
  })

  it('posts to api.segment.io as text/plain with the write key in the body', async () => {
    const calls = stubFetch()
    const result = await segmentTransport({ writeKey: 'wk_seg' }).send(batch())
    expect(calls[0]!.url).toBe('https://api.segment.io/v1/batch')
    expect(calls[0]!.init.headers).toEqual({ 'content-type': 'text/plain' })
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual(toSegmentBatch(batch(), 'wk_seg'))
    expect(result).toMatchObject({ ok: true, status: 200 })
  })
})

describe('consoleTransport', () => {
  it('prints one collapsed group per batch with a line per event', async () => {
    const lines: unknown[][] = []
    const out = {
      groupCollapsed: (...args: unknown[]) => lines.push(['group', ...args]),
      log: (...args: unknown[]) => lines.push(['log', ...args]),
      groupEnd: () => lines.push(['end']),
    }
    const result = await consoleTransport({ console: out }).send(batch([event(), event({ seq: 8 })]))
    expect(result.ok).toBe(true)
    expect(lines.map((l) => l[0])).toEqual(['group', 'log', 'log', 'end'])
    expect(lines[0]![1]).toBe('[instrumentkit] batch: 2 events, sent_at 2026-11-28T10:00:05.000Z')
    expect(lines[1]!.slice(1, 3)).toEqual(['checkout_completed #7', { order_value: 149.99 }])
  })
})
