import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { defineEvents, standardEvents } from '../../../src/index.js'
import { memoryStore } from '../../../src/server.js'
import { post, serve, testStore, wireEvent } from './support.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  while (closers.length) await closers.pop()!()
})
async function start(options: Parameters<typeof serve>[0]) {
  const served = await serve(options)
  closers.push(served.close)
  return served
}

describe('POST /batch', () => {
  it('stores a JSON batch and answers how many were accepted', async () => {
    const store = testStore()
    const { url } = await start({ store })
    const events = [wireEvent(), wireEvent({ event_name: 'checkout_completed' })]
    const { status, json } = await post(url, { sent_at: new Date().toISOString(), events })
    expect(status).toBe(200)
    expect(json).toEqual({ ok: true, accepted: 2, duplicates: 0, rejected: [] })
    const stored = store.all().events
    expect(stored.map((e) => e.message_id)).toEqual(events.map((e) => e.message_id))
    expect(stored[0]).toMatchObject({
      event_name: 'button_clicked',
      anonymous_id: 'anon-1',
      session_id: 'sess-1',
      page_path: '/cart',
      browser: 'Chrome',
      browser_version: '131.0.0.0',
      os: 'Windows',
      device_type: 'desktop',
      is_bot: false,
      ip: null,
      schema_status: 'unchecked',
    })
    expect(JSON.parse(stored[0]!.properties)).toEqual({ label: 'Buy' })
  })

  it('accepts gzip signalled by ?compression=gzip or Content-Encoding, and text/plain beacons', async () => {
    const store = testStore()
    const { url } = await start({ store })
    const a = wireEvent()
    const b = wireEvent()
    const c = wireEvent()
    const viaQuery = await fetch(`${url}/batch?compression=gzip`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: gzipSync(JSON.stringify({ events: [a] })),
    })
    const viaHeader = await fetch(`${url}/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ events: [b] })),
    })
    const beacon = await post(url, JSON.stringify({ events: [c] }), {
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    })
    expect([viaQuery.status, viaHeader.status, beacon.status]).toEqual([200, 200, 200])
    expect(store.all().events.map((e) => e.message_id)).toEqual([a.message_id, b.message_id, c.message_id])
  })

  it('answers 400 naming the path for malformed JSON or a wrong envelope, and counts each rejection', async () => {
    const store = testStore()
    const { url } = await start({ store })
    const cases: [string, string][] = [
      ['{"events": [', 'body: malformed JSON'],
      ['[1,2]', 'body: expected a JSON object'],
      ['{"events": {}}', 'events: expected an array'],
      ['{"events": [], "metrics": 3}', 'metrics: expected an array'],
      ['{"events": [], "sent_at": "yesterday"}', 'sent_at: expected an ISO-8601'],
      ['{"events": [], "write_key": 7}', 'write_key: expected a string'],
    ]
    for (const [body, message] of cases) {
      const { status, json } = await post(url, body)
      expect(status, body).toBe(400)
      expect(String(json.error)).toContain(message)
    }
    const reasons = store.all().rejections.map((r) => r.reason)
    expect(reasons).toEqual([
      'malformed_json',
      'invalid_shape',
      'invalid_shape',
      'invalid_shape',
      'invalid_shape',
      'invalid_shape',
    ])
  })

  it('rejects single bad events with a reason and keeps the rest of the batch', async () => {
    const store = testStore()
    const { url } = await start({ store })
    const good = wireEvent()
    const huge = wireEvent({ properties: { blob: 'x'.repeat(40_000) } })
    const noId = wireEvent({ message_id: undefined })
    const longId = wireEvent({ message_id: 'm'.repeat(101) })
    const noIdentity = wireEvent({ anonymous_id: undefined, user_id: null })
    const badTime = wireEvent({ timestamp: 'soon' })
    const { status, json } = await post(url, { events: [good, huge, noId, longId, noIdentity, badTime, 42] })
    expect(status).toBe(200)
    expect(json.accepted).toBe(1)
    const rejected = json.rejected as { message_id: string | null; reason: string; detail: string }[]
    expect(rejected.map((r) => [r.message_id, r.reason])).toEqual([
      [huge.message_id, 'event_too_large'],
      [null, 'missing_message_id'],
      ['m'.repeat(100), 'message_id_too_long'],
      [noIdentity.message_id, 'missing_identity'],
      [badTime.message_id, 'invalid_timestamp'],
      [null, 'invalid_event'],
    ])
    expect(rejected[0]!.detail).toMatch(/^events\[1\]: \d+ bytes, at most 32768$/)
    expect(rejected[5]!.detail).toBe('events[6]: expected an object')
    expect(store.all().events.map((e) => e.message_id)).toEqual([good.message_id])
    expect(store.all().rejections).toHaveLength(6)
  })

  it('answers 413 for a body over 512 KB without reading all of it', async () => {
    const store = testStore()
    const { url } = await start({ store })
    const body = JSON.stringify({ events: [wireEvent({ properties: { blob: 'y'.repeat(600_000) } })] })
    const declared = await post(url, body)
    expect(declared.status).toBe(413)
    expect(declared.json.reason).toBe('batch_too_large')
    // the same body streamed with no Content-Length is cut once it passes the limit
    const streamed = await fetch(`${url}/batch`, {
      method: 'POST',
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(store.all().rejections.map((r) => r.reason)).toEqual(['batch_too_large', 'batch_too_large'])
  })

  it('refuses a gzip bomb with 413 once it inflates past the cap, without inflating all of it', {
    timeout: 60_000,
  }, async () => {
    const store = testStore()
    const { url } = await start({ store })
    // about 400 KB on the wire that would inflate to 400 MB of zeros: 100 gzip members of 4 MB each
    const bomb = Buffer.concat(Array(100).fill(gzipSync(Buffer.alloc(4 * 1024 * 1024), { level: 9 })))
    expect(bomb.byteLength).toBeLessThan(512 * 1024)
    const before = process.memoryUsage().rss
    const { status, json } = await post(url, bomb, { headers: { 'content-encoding': 'gzip' } })
    const grown = process.memoryUsage().rss - before
    expect(status).toBe(413)
    expect(json.reason).toBe('inflated_too_large')
    expect(grown).toBeLessThan(100 * 1024 * 1024)
    expect(store.all().rejections[0]).toMatchObject({ reason: 'inflated_too_large', message_id: null })
  })

  it('answers 400 for a body that claims gzip but is not', async () => {
    const { url } = await start({ store: testStore() })
    const { status, json } = await post(url, 'not gzip at all', { headers: { 'content-encoding': 'gzip' } })
    expect(status).toBe(400)
    expect(json.reason).toBe('bad_compression')
  })
})

describe('write keys and rate limits', () => {
  it('answers 401 for a missing or unknown key, accepting the body key or Basic auth', async () => {
    const store = testStore()
    const { url } = await start({ store, writeKeys: ['wk_live'] })
    expect((await post(url, { events: [wireEvent()] })).status).toBe(401)
    expect((await post(url, { write_key: 'wk_other', events: [wireEvent()] })).status).toBe(401)
    expect((await post(url, { write_key: 'wk_live', events: [wireEvent()] })).status).toBe(200)
    const basic = await post(
      url,
      { events: [wireEvent()] },
      {
        headers: { 'content-type': 'application/json', authorization: `Basic ${btoa('wk_live:')}` },
      },
    )
    expect(basic.status).toBe(200)
    const all = store.all()
    expect(all.events.map((e) => e.write_key)).toEqual(['wk_live', 'wk_live'])
    expect(all.rejections.map((r) => [r.reason, r.write_key, r.events])).toEqual([
      ['unauthorized', null, 1],
      ['unauthorized', 'wk_other', 1],
    ])
  })

  it('answers 429 with Retry-After when a key sends too many events per second', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z')
    const store = testStore()
    const { url } = await start({ store, rateLimit: { eventsPerSecond: 10 }, now: () => now })
    const batch = () => ({ write_key: 'k', events: Array.from({ length: 6 }, () => wireEvent()) })
    expect((await post(url, batch())).status).toBe(200)
    const limited = await post(url, batch())
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    expect(store.all().rejections[0]).toMatchObject({ reason: 'rate_limited', events: 6, write_key: 'k' })
    now += 1_000
    expect((await post(url, batch())).status).toBe(200)
  })
})

describe('CORS', () => {
  it('answers preflights and sets CORS headers only for configured origins', async () => {
    const store = testStore()
    const { url } = await start({ store, allowedOrigins: ['https://shop.example'] })
    const ok = await fetch(`${url}/batch`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    })
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    const denied = await fetch(`${url}/batch`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    })
    expect(denied.status).toBe(403)
    expect(denied.headers.get('access-control-allow-origin')).toBeNull()
    const sent = await post(url, { events: [wireEvent()] }, { headers: { origin: 'https://shop.example' } })
    expect(sent.status).toBe(200)
    expect(sent.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    const foreign = await post(
      url,
      { events: [wireEvent()] },
      { headers: { origin: 'https://evil.example' } },
    )
    expect(foreign.status).toBe(403)
    expect(store.all().events).toHaveLength(1)
    expect(store.all().rejections.map((r) => r.reason)).toEqual(['origin_not_allowed'])
  })

  it('stores a batch the browser marks same-origin though a proxy rewrote its Host, and still refuses other sites', async () => {
    const store = testStore()
    const { url } = await start({ store })
    // what the collector receives behind Vite's `proxy: { '/api/analytics': 'http://127.0.0.1:8787' }`:
    // the page's Origin, the collector's own Host
    const page = 'http://localhost:5173'
    const proxied = await post(
      url,
      { events: [wireEvent()] },
      { headers: { origin: page, 'sec-fetch-site': 'same-origin' } },
    )
    expect(proxied.status).toBe(200)
    const foreign = await post(
      url,
      { events: [wireEvent()] },
      { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } },
    )
    expect(foreign.status).toBe(403)
    expect(foreign.json).toMatchObject({ reason: 'origin_not_allowed' })
    expect(store.all().events).toHaveLength(1)
    expect(store.all().rejections.map((r) => r.reason)).toEqual(['origin_not_allowed'])
  })
})

describe('dedup and durability', () => {
  it('drops a message_id seen before, in the same batch or a later one', async () => {
    const store = testStore()
    const { url } = await start({ store })
    const a = wireEvent()
    const first = await post(url, { events: [a, a] })
    expect(first.json).toMatchObject({ accepted: 1, duplicates: 1 })
    const again = await post(url, { events: [a, wireEvent()] })
    expect(again.json).toMatchObject({ accepted: 1, duplicates: 1 })
    expect(store.all().events.filter((e) => e.message_id === a.message_id)).toHaveLength(1)
  })

  it('remembers ids across a restart by loading recent ones from the store', async () => {
    const store = testStore()
    const a = wireEvent()
    const first = await start({ store })
    await post(first.url, { events: [a] })
    const second = await start({ store })
    const { json } = await post(second.url, { events: [a] })
    expect(json).toMatchObject({ accepted: 0, duplicates: 1 })
  })

  it('answers 503 when the store fails, and a retry of the same batch is then stored', async () => {
    const store = testStore()
    const errors: unknown[] = []
    const { url } = await start({ store, onError: (e) => errors.push(e) })
    const a = wireEvent()
    store.failNext()
    const failed = await post(url, { events: [a] })
    expect(failed.status).toBe(503)
    expect(failed.headers.get('retry-after')).toBe('1')
    expect(String(errors[0])).toContain('disk full')
    const retried = await post(url, { events: [a] })
    expect(retried.json).toMatchObject({ accepted: 1, duplicates: 0 })
    expect(store.all().events).toHaveLength(1)
  })

  it('acknowledges a concurrent copy only once the first copy is durable, and fails it with that write', async () => {
    const store = testStore()
    const { url } = await start({ store })
    const a = wireEvent()
    // two failing writes: a copy that arrives only after the first write failed is written again and must
    // fail too, so the answer does not depend on when the copy arrives, only on its never being a 200
    store.failNext(2)
    const [one, two] = await Promise.all([post(url, { events: [a] }), post(url, { events: [a] })])
    // the first write failed, so the copy that waited on it must not be answered as stored
    expect([one.status, two.status].sort()).toEqual([503, 503])
    expect(store.all().events).toHaveLength(0)
  })

  it('shares one store write among concurrent requests (group commit)', async () => {
    const store = testStore()
    const { url, collector } = await start({ store })
    const gate = store.holdNextWrite()
    const answers = Array.from({ length: 40 }, () => post(url, { events: [wireEvent()] }))
    // one request's write is under way; the other 39 arrive meanwhile and wait for the next write
    while ((await collector.health()).queue_depth < 40) await new Promise((r) => setTimeout(r, 5))
    expect(store.writes).toHaveLength(0)
    gate.open()
    const results = await Promise.all(answers)
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(store.all().events).toHaveLength(40)
    expect(store.writes.map((w) => w.events.length)).toEqual([1, 39])
  })
})

describe('time', () => {
  it('corrects client clock skew from sent_at and keeps the original times', async () => {
    const received = Date.parse('2026-12-01T10:00:00.000Z')
    const store = testStore()
    const { url } = await start({ store, now: () => received })
    // the client's clock runs one hour behind: it sent at 09:00:05 an event it made at 09:00:00
    const event = wireEvent({ timestamp: '2026-12-01T09:00:00.000Z' })
    await post(url, { sent_at: '2026-12-01T09:00:05.000Z', events: [event] })
    expect(store.all().events[0]).toMatchObject({
      timestamp_ms: Date.parse('2026-12-01T09:59:55.000Z'),
      client_timestamp_ms: Date.parse('2026-12-01T09:00:00.000Z'),
      sent_at_ms: Date.parse('2026-12-01T09:00:05.000Z'),
      received_at_ms: received,
    })
  })

  it('clamps an event dated after its arrival to the arrival time', async () => {
    const received = Date.parse('2026-12-01T10:00:00.000Z')
    const store = testStore()
    const { url } = await start({ store, now: () => received })
    await post(url, { events: [wireEvent({ timestamp: '2027-01-01T00:00:00.000Z' })] })
    await post(url, {
      sent_at: '2026-12-01T10:00:00.000Z',
      events: [wireEvent({ timestamp: '2026-12-01T11:00:00.000Z' })],
    })
    const [noSentAt, withSentAt] = store.all().events
    expect(noSentAt).toMatchObject({
      timestamp_ms: received,
      client_timestamp_ms: Date.parse('2027-01-01T00:00:00.000Z'),
    })
    expect(withSentAt!.timestamp_ms).toBe(received)
  })

  it('stores an event without a timestamp at its arrival time', async () => {
    const received = Date.parse('2026-12-01T10:00:00.000Z')
    const store = testStore()
    const { url } = await start({ store, now: () => received })
    await post(url, { events: [wireEvent({ timestamp: undefined })] })
    expect(store.all().events[0]!.timestamp_ms).toBe(received)
  })
})

describe('enrichment', () => {
  it('derives browser, OS and device from the user agent, the request header or client hints', async () => {
    const store = testStore()
    const { url } = await start({ store })
    const iphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'
    const fromContext = wireEvent({ context: { user_agent: iphone } })
    const fromHeader = wireEvent({ context: {} })
    const withHints = wireEvent({
      context: {
        user_agent:
          'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
        user_agent_data: {
          brands: [{ brand: 'Not A;Brand', version: '99' }],
          mobile: true,
          platform: 'Android',
        },
      },
    })
    await post(
      url,
      { events: [fromContext, fromHeader, withHints] },
      {
        headers: {
          'content-type': 'application/json',
          'user-agent':
            'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7; rv:133.0) Gecko/20100101 Firefox/133.0',
        },
      },
    )
    const [a, b, c] = store.all().events
    expect(a).toMatchObject({
      browser: 'Mobile Safari',
      os: 'iOS',
      os_version: '17.0',
      device_type: 'mobile',
      is_bot: false,
    })
    expect(b).toMatchObject({
      browser: 'Firefox',
      browser_version: '133.0',
      os: 'Mac OS',
      device_type: 'desktop',
    })
    expect(c).toMatchObject({ browser: 'Chrome', os: 'Android', device_type: 'mobile' })
  })

  it('flags bots and stores no IP address unless asked to', async () => {
    const store = testStore()
    const plain = await start({ store })
    const bot = wireEvent({
      context: { user_agent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
    })
    await post(plain.url, { events: [bot] })
    expect(store.all().events[0]).toMatchObject({ is_bot: true, device_type: 'bot', ip: null })
    const keeping = await start({ store, storeIp: true })
    await post(keeping.url, { events: [wireEvent()] })
    expect(store.all().events[1]!.ip).toBe('127.0.0.1')
  })
})

describe('the catalogue at ingest', () => {
  const events = { ...standardEvents, ...defineEvents({ plan_selected: 'plan:s,seats?:n' }) }

  it('stores unknown and invalid events flagged with the reason', async () => {
    const store = testStore()
    const { url } = await start({ store, events })
    const { json } = await post(url, {
      events: [
        wireEvent({ event_name: 'plan_selected', properties: { plan: 'team' } }),
        wireEvent({ event_name: 'plan_selected', properties: { seats: 'many' } }),
        wireEvent({ event_name: 'mystery_happened', properties: {} }),
        wireEvent({
          event_name: 'experiment_exposed',
          properties: { experiment_key: 'x', variation_name: 'a' },
        }),
      ],
    })
    expect(json).toMatchObject({ accepted: 4, rejected: [] })
    expect(store.all().events.map((e) => [e.schema_status, e.schema_error])).toEqual([
      ['valid', null],
      ['invalid', 'plan: required string; seats: expected number, got string'],
      ['unknown', '"mystery_happened" is not in the event catalogue'],
      ['valid', null],
    ])
  })

  it('rejects them instead when the policy says so, and counts each', async () => {
    const store = testStore()
    const { url } = await start({ store, events, catalogue: { unknown: 'reject', invalid: 'reject' } })
    const bad = wireEvent({ event_name: 'plan_selected', properties: {} })
    const unknown = wireEvent({ event_name: 'mystery_happened' })
    const { json } = await post(url, {
      events: [bad, unknown, wireEvent({ event_name: 'plan_selected', properties: { plan: 'x' } })],
    })
    expect(json.accepted).toBe(1)
    expect((json.rejected as { reason: string }[]).map((r) => r.reason)).toEqual([
      'invalid_event',
      'unknown_event',
    ])
    expect(store.all().rejections.map((r) => [r.message_id, r.reason])).toEqual([
      [bad.message_id, 'invalid_event'],
      [unknown.message_id, 'unknown_event'],
    ])
  })
})

describe('metrics', () => {
  it('stores metric points and rejects malformed ones', async () => {
    const store = testStore()
    const { url } = await start({ store })
    const point = {
      id: 'pt-1',
      name: 'api.latency.ms',
      type: 'histogram',
      tags: { endpoint: '/users' },
      start: '2026-12-01T10:00:00.000Z',
      end: '2026-12-01T10:00:10.000Z',
      count: 3,
      sum: 420,
      min: 90,
      max: 210,
      bounds: [100, 250],
      buckets: [1, 2, 0],
    }
    const { json } = await post(url, { events: [], metrics: [point, { name: 'x', type: 'pie' }] })
    expect(json.rejected).toEqual([
      {
        message_id: null,
        reason: 'invalid_metric',
        detail: 'metrics[1].type: expected "counter", "gauge" or "histogram"',
      },
    ])
    expect(store.all().metrics[0]).toMatchObject({
      id: 'pt-1',
      name: 'api.latency.ms',
      tags: '{"endpoint":"/users"}',
      count: 3,
      sum: 420,
      bounds: '[100,250]',
      buckets: '[1,2,0]',
      value: null,
    })
  })
})

describe('routes', () => {
  it('reports health, refuses wrong methods and unknown routes', async () => {
    const { url } = await start({ store: testStore() })
    const health = await fetch(`${url}/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({
      ok: true,
      store: 'up',
      queue_depth: 0,
      oldest_unwritten_ms: 0,
    })
    expect((await fetch(`${url}/batch`)).status).toBe(405)
    expect((await fetch(`${url}/nope`)).status).toBe(404)
  })

  it('answers 501 for reports over a store that runs no SQL', async () => {
    const { url } = await start({ store: memoryStore(), readToken: false })
    const response = await fetch(`${url}/query/overview`)
    expect(response.status).toBe(501)
    expect((await response.json()).error).toContain('use duckdbStore or clickhouseStore')
  })

  it('guards the query routes with the read token', async () => {
    const { url } = await start({ store: testStore(), readToken: 'rt_secret' })
    expect((await fetch(`${url}/query/overview`)).status).toBe(401)
    expect(
      (await fetch(`${url}/query/overview`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401)
    const closed = await start({ store: testStore() })
    const none = await fetch(`${closed.url}/query/overview`, { headers: { authorization: 'Bearer x' } })
    expect(none.status).toBe(401)
    expect((await none.json()).error).toContain('no read token is configured')
  })
})
