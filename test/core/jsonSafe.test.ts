import { describe, expect, it } from 'vitest'
import { jsonSize, jsonSizeBound, TRUNCATED, toJsonSafe } from '../../src/core/jsonSafe.js'
import { captureWarnings } from '../support/captureWarnings.js'

const limits = { maxStringLength: 20, maxDepth: 3, maxItems: 5 }
const safe = (value: Record<string, unknown>, cut?: string[]) => toJsonSafe(value, limits, cut)

describe('toJsonSafe', () => {
  it('applies the documented conversions', () => {
    const out = toJsonSafe(
      {
        date: new Date('2026-11-28T10:00:00.000Z'),
        invalid_date: new Date('nope'),
        nan: Number.NaN,
        inf: Number.POSITIVE_INFINITY,
        big: 12345678901234567890n,
        fn: () => 1,
        sym: Symbol('s'),
        undef: undefined,
        list: [1, undefined, () => 2, 'x'],
        map: new Map<unknown, unknown>([
          ['a', 1],
          [2, 'b'],
        ]),
        set: new Set([1, 2]),
        typed: new Uint8Array([1, 2, 3]),
        error: Object.assign(new TypeError('boom'), { code: 'E_BOOM' }),
        regexp: /ab+c/gi,
        url: new URL('https://example.com/a?b=1'),
      },
      { maxStringLength: 100, maxDepth: 5, maxItems: 100 },
    )
    expect(out).toEqual({
      date: '2026-11-28T10:00:00.000Z',
      invalid_date: null,
      nan: null,
      inf: null,
      big: '12345678901234567890',
      list: [1, null, null, 'x'],
      map: { a: 1, '2': 'b' },
      set: [1, 2],
      typed: [1, 2, 3],
      error: { name: 'TypeError', message: 'boom', stack: expect.any(String), code: 'E_BOOM' },
      regexp: '/ab+c/gi',
      url: 'https://example.com/a?b=1',
    })
    expect(JSON.parse(JSON.stringify(out))).toEqual(out)
  })

  it('cuts long strings with a marker, without splitting an emoji, and reports the path', () => {
    const cut: string[] = []
    const out = safe({ bio: 'a'.repeat(30), emoji: `${'b'.repeat(19)}😀tail`, short: 'ok' }, cut)
    expect(out.bio).toBe(`${'a'.repeat(20)}${TRUNCATED}`)
    expect(out.emoji).toBe(`${'b'.repeat(19)}${TRUNCATED}`)
    expect(out.short).toBe('ok')
    expect(cut).toEqual(['bio', 'emoji'])
  })

  it('replaces a reference to an enclosing object by "[Circular]" but keeps repeated siblings', () => {
    const shared = { id: 1 }
    const node: Record<string, unknown> = { name: 'root', a: shared, b: shared }
    node.self = node
    const cut: string[] = []
    expect(safe({ node }, cut)).toEqual({
      node: { name: 'root', a: { id: 1 }, b: { id: 1 }, self: '[Circular]' },
    })
    expect(cut).toEqual(['node.self'])
  })

  it('stops at the depth limit and at the item limit, reporting where', () => {
    const cut: string[] = []
    const out = safe({ a: { b: { c: { d: { e: 1 } } } }, many: [1, 2, 3, 4, 5, 6, 7] }, cut)
    expect(out).toEqual({ a: { b: { c: { d: '[Truncated]' } } }, many: [1, 2, 3, 4, 5] })
    expect(cut).toEqual(['a.b.c.d', 'many'])
  })

  it('survives hostile objects: throwing getters, proxies, throwing toJSON, frozen and prototype-less objects', () => {
    const getter = Object.defineProperty({ ok: 1 }, 'bad', {
      enumerable: true,
      get() {
        throw new Error('no')
      },
    })
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap')
        },
      },
    )
    const revocable = Proxy.revocable({}, {})
    revocable.revoke()
    const bare = Object.assign(Object.create(null), { x: 1 })
    const cut: string[] = []
    const out = safe(
      {
        getter,
        trap,
        revoked: revocable.proxy,
        json: {
          toJSON() {
            throw new Error('no')
          },
        },
        frozen: Object.freeze({ y: [1] }),
        bare,
      },
      cut,
    )
    expect(out).toEqual({ getter: { ok: 1 }, frozen: { y: [1] }, bare: { x: 1 } })
    expect(cut.sort()).toEqual(['getter.bad', 'json', 'revoked', 'trap'])
  })

  it('keeps a "__proto__" key as a key instead of changing the prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')
    const out = safe(input)
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":true},"a":1}')
  })

  it('never returns anything but a plain object for the top level', () => {
    expect(toJsonSafe(new Date() as never, limits)).toEqual({})
    expect(toJsonSafe([1, 2] as never, limits)).toEqual({})
  })
})

describe('jsonSizeBound', () => {
  it('is exact for plain ASCII and never below the real UTF-8 size', () => {
    const ascii = { a: 'hello', b: [true, null, 'x'], c: { d: 'e' } }
    expect(jsonSizeBound(ascii)).toBeGreaterThanOrEqual(jsonSize(ascii))
    const tricky = {
      q: 'quote " and \\ backslash',
      u: 'ünïcødé 😀',
      ctl: '\u0001\u001f',
      n: -1.2345678901234567e-308,
    }
    expect(jsonSizeBound(tricky)).toBeGreaterThanOrEqual(jsonSize(tricky))
    // one byte of slack per entry at most for plain text
    expect(jsonSizeBound(ascii) - jsonSize(ascii)).toBeLessThanOrEqual(6)
  })
})

describe('re-entrant tracking', () => {
  it('keeps each event’s cut paths apart when a getter tracks another event', async () => {
    // the warning this test provokes is asserted, not printed
    captureWarnings(/"outer_event": values were cut to fit the property limits: first, nested/)
    const { createTestAnalytics } = await import('../../src/testing.js')
    const analytics = createTestAnalytics({ limits: { maxStringLength: 3 } })
    const properties = {
      first: 'abcdef',
      get nested() {
        analytics.track('inner_event', { inner: 'ghijkl' })
        return 'mnopqr'
      },
    }
    analytics.track('outer_event', properties)
    const truncated = Object.fromEntries(
      analytics.outcomes.flatMap((o) => (o.type === 'queued' ? [[o.event.event_name, o.truncated]] : [])),
    )
    expect(truncated).toEqual({
      session_started: undefined,
      inner_event: ['inner'],
      outer_event: ['first', 'nested'],
    })
  })
})
