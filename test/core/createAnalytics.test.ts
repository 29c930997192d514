import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AnalyticsEvent, Ledger, PipelineOutcome } from '../../src/index.js'
import { createAnalytics, memoryTransport } from '../../src/index.js'

const balanced = (ledger: Ledger) =>
  ledger.tracked === ledger.delivered + ledger.droppedTotal + ledger.pending

describe('createAnalytics', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-11-28T10:00:00.000Z'))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('sends tracked events in the documented wire shape', async () => {
    const transport = memoryTransport()
    const analytics = createAnalytics({ transport, storage: false, writeKey: 'wk_1' })
    analytics.track('checkout_completed', { order_value: 149.99 })
    await analytics.flush()
    const batch = transport.batches[0]!
    expect(batch.write_key).toBe('wk_1')
    expect(batch.sent_at).toBe('2026-11-28T10:00:00.000Z')
    const names = batch.events.map((e) => e.event_name)
    expect(names).toEqual(['session_started', 'checkout_completed'])
    const event = batch.events[1]!
    expect(Object.keys(event)).toEqual([
      'event_name',
      'message_id',
      'timestamp',
      'user_id',
      'anonymous_id',
      'session_id',
      'seq',
      'properties',
      'context',
    ])
    expect(event).toMatchObject({
      event_name: 'checkout_completed',
      timestamp: '2026-11-28T10:00:00.000Z',
      user_id: null,
      seq: 2,
      properties: { order_value: 149.99 },
      context: { library: { name: 'instrumentkit' }, platform: 'node' },
    })
    expect(event.message_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(event.session_id).toMatch(/^sess_[0-9a-f]{20}$/)
    expect(event.anonymous_id).toBe(batch.events[0]!.anonymous_id)
    expect(analytics.getState().ledger).toMatchObject({
      tracked: 2,
      delivered: 2,
      pending: 0,
      droppedTotal: 0,
    })
  })

  it('never throws into the caller, whatever it is given, and counts every bad call as a drop', () => {
    const analytics = createAnalytics({ storage: false })
    const hostile = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('getter')
      },
    })
    const calls: (() => void)[] = [
      () => analytics.track(undefined as never),
      () => analytics.track('' as never),
      () => analytics.track(Symbol('x') as never),
      () => analytics.track('x_y', 42 as never),
      () => analytics.track('x_y', [1, 2] as never),
      () => analytics.track('x_y', 'text' as never),
      () => analytics.track('x_y', hostile),
      () => analytics.track('x_y', {}, { timestamp: 'not a date' }),
      () => analytics.track('x_y', {}, { context: hostile as never }),
      () => analytics.track('x_y', {}, 5 as never),
      () => analytics.identify(undefined as never),
      () => analytics.setConsent('maybe' as never),
      () => analytics.page(7 as never),
    ]
    for (const call of calls) expect(call).not.toThrow()
    const { ledger } = analytics.getState()
    expect(ledger.dropped).toMatchObject({ invalid: 6, internal_error: 1 })
    expect(balanced(ledger)).toBe(true)
  })

  it('passes an event through the stages in order, each visible to subscribers', () => {
    const analytics = createAnalytics({ storage: false, sampling: { rate: 0.999_999 } })
    const outcomes: PipelineOutcome['type'][] = []
    analytics.subscribe((o) => outcomes.push(o.type))
    analytics.track('button_clicked', { label: 'Buy' })
    expect(outcomes).toEqual(['tracked', 'queued', 'tracked', 'queued'])
  })

  it('keeps the ledger balanced through every kind of drop, delivery and shutdown', async () => {
    const transport = memoryTransport()
    const analytics = createAnalytics({
      transport,
      storage: false,
      naming: 'strict',
      limits: { maxEventBytes: 2_000 },
      middleware: [(e) => (e.event_name === 'secret_event' ? null : e)],
      maxHeldEvents: 2,
    })
    const ledgers: Ledger[] = []
    analytics.subscribe(() => ledgers.push(analytics.getState().ledger))
    analytics.track('BadName')
    analytics.track('big_event', { blob: 'x'.repeat(5_000) })
    analytics.track('secret_event')
    analytics.track('fine_event')
    await analytics.flush()
    await analytics.shutdown()
    analytics.track('late_event')
    const { ledger } = analytics.getState()
    expect(ledger).toMatchObject({
      tracked: 6,
      delivered: 2,
      pending: 0,
      dropped: { naming: 1, too_large: 1, middleware: 1, client_closed: 1 },
    })
    expect(ledgers.filter((l) => !balanced(l))).toEqual([])
    expect(transport.batches.flatMap((b) => b.events.map((e) => e.event_name))).toEqual([
      'session_started',
      'fine_event',
    ])
  })

  it('drops an event over maxEventBytes as too_large, by its real UTF-8 size', () => {
    const analytics = createAnalytics({
      storage: false,
      limits: { maxEventBytes: 3_000, maxStringLength: 10_000 },
    })
    const sizes: Record<string, boolean> = {}
    analytics.subscribe((o) => {
      if (o.type === 'queued') sizes[o.event.event_name] = true
      if (o.type === 'dropped') sizes[o.event_name] = false
    })
    // 1,000 characters of 3 bytes each in UTF-8 is 3,000 bytes: over the limit with the rest of the event
    analytics.track('wide_event', { text: '€'.repeat(1_000) })
    analytics.track('narrow_event', { text: '€'.repeat(500) })
    // plain text near the limit: the estimate is exact enough to keep it
    analytics.track('ascii_event', { text: 'a'.repeat(2_000) })
    expect(sizes).toEqual({ session_started: true, wide_event: false, narrow_event: true, ascii_event: true })
  })

  it('reports values the JSON rules cut with the queued outcome', () => {
    const analytics = createAnalytics({ storage: false, limits: { maxStringLength: 5 } })
    const queued: Extract<PipelineOutcome, { type: 'queued' }>[] = []
    analytics.subscribe((o) => o.type === 'queued' && queued.push(o))
    analytics.track('note_added', { text: 'abcdefgh', ok: 'abc' })
    expect(queued[1]?.truncated).toEqual(['text'])
    expect(queued[1]?.event.properties).toEqual({ text: 'abcde…[truncated]', ok: 'abc' })
    expect(queued[0]?.truncated).toBeUndefined()
  })

  it('merges client defaults under call-site properties', () => {
    const analytics = createAnalytics({ storage: false, defaults: { app: 'shop', plan: 'free' } })
    const events: AnalyticsEvent[] = []
    analytics.subscribe((o) => o.type === 'queued' && events.push(o.event))
    analytics.track('plan_viewed', { plan: 'team' })
    expect(events[1]?.properties).toEqual({ app: 'shop', plan: 'team' })
  })

  it('runs middleware after the built-in stages, in order, and lets it drop or rewrite events', () => {
    const seen: string[] = []
    const analytics = createAnalytics({
      storage: false,
      middleware: [
        (e) => {
          seen.push(`first:${String(e.properties.email)}`)
          return { ...e, properties: { ...e.properties, enriched: true } }
        },
        (e) => (e.event_name === 'drop_me' ? null : e),
      ],
    })
    const events: AnalyticsEvent[] = []
    analytics.subscribe((o) => o.type === 'queued' && events.push(o.event))
    analytics.track('signup_started', { email: 'ada@example.com' })
    analytics.track('drop_me')
    expect(seen).toContain('first:[REDACTED]')
    expect(events.map((e) => [e.event_name, e.properties.enriched])).toEqual([
      ['session_started', true],
      ['signup_started', true],
    ])
    expect(analytics.getState().ledger.dropped.middleware).toBe(1)
  })

  it('turns a middleware or listener that throws into a counted drop or nothing at all', () => {
    const analytics = createAnalytics({
      storage: false,
      middleware: [
        (e) => {
          if (e.event_name === 'explode_now') throw new Error('bug')
          return e
        },
      ],
    })
    analytics.subscribe(() => {
      throw new Error('listener bug')
    })
    expect(() => analytics.track('explode_now')).not.toThrow()
    expect(() => analytics.track('calm_event')).not.toThrow()
    expect(analytics.getState().ledger.dropped).toEqual({ internal_error: 1 })
    expect(analytics.getState().queueSize).toBe(2)
  })

  it('uses the timestamp option when it is a valid date', () => {
    const analytics = createAnalytics({ storage: false })
    const events: AnalyticsEvent[] = []
    analytics.subscribe((o) => o.type === 'queued' && events.push(o.event))
    analytics.track('order_shipped', {}, { timestamp: new Date('2026-01-02T03:04:05Z') })
    analytics.track('order_shipped', {}, { timestamp: 'garbage' })
    expect(events.map((e) => e.timestamp)).toEqual([
      '2026-11-28T10:00:00.000Z',
      '2026-01-02T03:04:05.000Z',
      '2026-11-28T10:00:00.000Z',
    ])
  })

  it('identify sets the user for later events and tracks user_identified with privacy-filtered traits', () => {
    const analytics = createAnalytics({ storage: false })
    const events: AnalyticsEvent[] = []
    analytics.subscribe((o) => o.type === 'queued' && events.push(o.event))
    analytics.track('cart_viewed')
    analytics.identify('user_8x92j4k1', { email: 'ada@example.com', name: 'Ada', plan: 'team' })
    analytics.track('cart_viewed')
    expect(events.map((e) => [e.event_name, e.user_id])).toEqual([
      ['session_started', null],
      ['cart_viewed', null],
      ['user_identified', 'user_8x92j4k1'],
      ['cart_viewed', 'user_8x92j4k1'],
    ])
    expect(events[2]?.properties).toEqual({ email: '[REDACTED]', name: '[REDACTED]', plan: 'team' })
    expect(analytics.getState().userId).toBe('user_8x92j4k1')
  })

  it('reset forgets the user and starts a new anonymous id and session', () => {
    const analytics = createAnalytics({ storage: false })
    const events: AnalyticsEvent[] = []
    analytics.subscribe((o) => o.type === 'queued' && events.push(o.event))
    analytics.identify('user_1')
    const before = analytics.getState()
    analytics.reset()
    analytics.track('home_viewed')
    const after = analytics.getState()
    expect(after.userId).toBeNull()
    expect(after.anonymousId).not.toBe(before.anonymousId)
    expect(after.sessionId).not.toBe(before.sessionId)
    expect(events.slice(-2).map((e) => [e.event_name, e.seq, e.user_id])).toEqual([
      ['session_started', 1, null],
      ['home_viewed', 2, null],
    ])
  })

  it('page() tracks page_viewed (outside browsers with only what it is given)', () => {
    const analytics = createAnalytics({ storage: false })
    const events: AnalyticsEvent[] = []
    analytics.subscribe((o) => o.type === 'queued' && events.push(o.event))
    analytics.page({ path: '/docs' })
    expect(events[1]).toMatchObject({ event_name: 'page_viewed', properties: { path: '/docs' } })
  })

  it('flush resolves once everything queued is sent, and shutdown stops the client', async () => {
    const transport = memoryTransport()
    const analytics = createAnalytics({ transport, storage: false })
    for (let i = 0; i < 5; i++) analytics.track('item_viewed', { i })
    expect(transport.batches).toHaveLength(0)
    await analytics.flush()
    expect(transport.batches.flatMap((b) => b.events)).toHaveLength(6)
    await analytics.shutdown()
    analytics.track('item_viewed')
    await analytics.flush()
    expect(transport.batches.flatMap((b) => b.events)).toHaveLength(6)
    expect(analytics.getState().ledger.dropped.client_closed).toBe(1)
  })

  it('warns once in development about names that break the naming rule, and sends them', () => {
    const warn = vi.mocked(console.warn)
    const analytics = createAnalytics({ storage: false })
    const events: AnalyticsEvent[] = []
    analytics.subscribe((o) => o.type === 'queued' && events.push(o.event))
    analytics.track('Checkout Completed')
    analytics.track('Checkout Completed')
    expect(events.filter((e) => e.event_name === 'Checkout Completed')).toHaveLength(2)
    expect(warn.mock.calls.filter((c) => String(c[0]).includes('"Checkout Completed"'))).toHaveLength(1)
  })
})

describe('limits', () => {
  it('keeps the default for a limit given as undefined, negative or NaN', () => {
    const analytics = createAnalytics({
      storage: false,
      transport: memoryTransport(),
      limits: { maxStringLength: undefined, maxDepth: -1, maxEventBytes: Number.NaN },
    })
    const events: AnalyticsEvent[] = []
    analytics.subscribe((o) => o.type === 'queued' && events.push(o.event))
    analytics.track('note_added', { text: 'a'.repeat(9_000) })
    analytics.track('blob_added', {
      a: 'a'.repeat(8_000),
      b: 'b'.repeat(8_000),
      c: 'c'.repeat(8_000),
      d: 'd'.repeat(8_000),
      e: 'e'.repeat(8_000),
    })
    expect(String(events[1]?.properties.text)).toHaveLength(8_192 + '…[truncated]'.length)
    expect(events.map((e) => e.event_name)).not.toContain('blob_added')
  })
})

describe('track() pays at the call only for what the moment decides', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-11-28T10:00:00.000Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sends the properties as they were at the call, though the caller changes its objects right after', async () => {
    const transport = memoryTransport()
    const analytics = createAnalytics({ transport, storage: false })
    const flat = { plan: 'team', seats: 3 }
    const nested = { cart: { items: ['sku_1'], total: 10 } }
    analytics.track('plan_selected', flat)
    analytics.track('cart_viewed', nested)
    flat.plan = 'free'
    flat.seats = 0
    nested.cart.items.push('sku_2')
    nested.cart.total = 99
    await analytics.flush()
    const sent = transport.batches.flatMap((b) => b.events)
    expect(sent.map((e) => [e.event_name, e.properties])).toEqual([
      ['session_started', {}],
      ['plan_selected', { plan: 'team', seats: 3 }],
      ['cart_viewed', { cart: { items: ['sku_1'], total: 10 } }],
    ])
  })

  it('keeps the order and the identity of the moment through identify, reset and consent in the same task', async () => {
    const transport = memoryTransport()
    const analytics = createAnalytics({ transport, storage: false })
    const anonymous = analytics.getState().anonymousId
    analytics.track('first_clicked')
    analytics.identify('user_1')
    analytics.track('second_clicked')
    vi.setSystemTime(new Date('2026-11-28T10:00:01.000Z'))
    analytics.reset()
    analytics.track('third_clicked')
    analytics.setConsent('denied')
    analytics.track('fourth_clicked')
    await analytics.flush()
    const sent = transport.batches.flatMap((b) => b.events)
    expect(sent.map((e) => [e.event_name, e.user_id, e.anonymous_id === anonymous, e.timestamp])).toEqual([
      ['session_started', null, true, '2026-11-28T10:00:00.000Z'],
      ['first_clicked', null, true, '2026-11-28T10:00:00.000Z'],
      ['user_identified', 'user_1', true, '2026-11-28T10:00:00.000Z'],
      ['second_clicked', 'user_1', true, '2026-11-28T10:00:00.000Z'],
      ['session_started', null, false, '2026-11-28T10:00:01.000Z'],
      ['third_clicked', null, false, '2026-11-28T10:00:01.000Z'],
    ])
    expect(analytics.getState().ledger.dropped).toEqual({ consent_denied: 1 })
  })

  it('runs the rest of the pipeline at the end of the task, and at once for a subscriber', async () => {
    const transport = memoryTransport()
    const analytics = createAnalytics({ transport, storage: false })
    const seen: string[] = []
    const unseen = createAnalytics({ transport: memoryTransport(), storage: false })
    unseen.track('quiet_clicked')
    // nothing read it yet: the event is captured, not built
    await Promise.resolve()
    expect(unseen.getState().ledger.tracked).toBe(2)

    analytics.subscribe((o) => seen.push(`${o.type}:${'event' in o ? o.event?.event_name : ''}`))
    analytics.track('loud_clicked')
    expect(seen).toEqual([
      'tracked:session_started',
      'queued:session_started',
      'tracked:loud_clicked',
      'queued:loud_clicked',
    ])
  })
})

describe('the ledger counts pending events where they are', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('held for consent, in flight and queued are pending; delivered and dropped are not', async () => {
    const transport = memoryTransport()
    let answer: (value: { ok: boolean; status: number }) => void = () => {}
    transport.respond(() => new Promise((resolve) => (answer = resolve)))
    const analytics = createAnalytics({
      transport,
      storage: false,
      consent: 'pending',
      batch: { maxEvents: 2 },
    })
    analytics.track('a_clicked')
    analytics.track('b_clicked')
    expect(analytics.getState()).toMatchObject({ ledger: { tracked: 3, pending: 3 }, queueSize: 0 })
    analytics.setConsent('granted')
    expect(analytics.getState()).toMatchObject({ ledger: { tracked: 3, pending: 3 }, queueSize: 3 })
    // the first batch of two goes out and hangs; one event waits behind it
    await vi.advanceTimersByTimeAsync(0)
    expect(transport.batches).toHaveLength(1)
    expect(analytics.getState().ledger.pending).toBe(3)
    answer({ ok: true, status: 200 })
    await vi.advanceTimersByTimeAsync(0)
    expect(analytics.getState().ledger).toMatchObject({ tracked: 3, delivered: 2, pending: 1 })
  })

  it('shows an event waiting for an asynchronous validator as pending, and the balance holds at every outcome', async () => {
    const transport = memoryTransport()
    let release: () => void = () => {}
    const slow = {
      '~standard': {
        version: 1 as const,
        vendor: 'test',
        validate: (value: unknown) => new Promise<{ value: unknown }>((r) => (release = () => r({ value }))),
      },
    }
    const analytics = createAnalytics({ transport, storage: false, events: { slow_checked: slow } })
    const unbalanced: Ledger[] = []
    analytics.subscribe(() => {
      const { ledger } = analytics.getState()
      if (!balanced(ledger)) unbalanced.push(ledger)
    })
    analytics.track('slow_checked', { ok: true })
    analytics.track('fast_clicked')
    expect(analytics.getState()).toMatchObject({ ledger: { tracked: 3, pending: 3 }, queueSize: 1 })
    release()
    await analytics.flush()
    expect(analytics.getState().ledger).toMatchObject({ tracked: 3, delivered: 3, pending: 0 })
    expect(unbalanced).toEqual([])
  })
})
