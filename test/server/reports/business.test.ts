import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runReport } from '../../../src/server/reports/runReport.js'
import type { BusinessReport } from '../../../src/server/reports/types.js'
import type { EventRow, Store } from '../../../src/server/stores/types.js'
import { eventRow, reportStores, rows } from './reportStore.js'

const DAY = 86_400_000
const D = Date.UTC(2026, 11, 5)
const NOW = D + 20 * 3_600_000

describe.each(reportStores)('business on %s', (_name, open) => {
  let store: Store
  const events: EventRow[] = []
  beforeAll(async () => {
    store = await open()
    const at = (user: string, t: number, name: string, props: object = {}, extra: Partial<EventRow> = {}) => {
      const row = eventRow({
        event_name: name,
        user,
        t,
        props,
        session_id: `s_${user}_${Math.floor(t / DAY)}`,
        ...extra,
      })
      events.push(row)
      return row
    }
    // the day: 3 signups, 4 orders worth 100, one redelivered, one by a bot
    for (const [i, u] of ['n1', 'n2', 'n3'].entries()) at(u, D + (i + 1) * 3_600_000, 'signup_completed')
    const orders = [10, 20, 30, 40].map((v, i) =>
      at(`b${i}`, D + (i + 2) * 3_600_000, 'checkout_completed', { order_value: v }),
    )
    events.push({ ...orders[0]!, received_at_ms: orders[0]!.received_at_ms + 60_000 })
    at('bot', D + 3_600_000, 'checkout_completed', { order_value: 999 }, { is_bot: true })
    // the day before: 2 signups, 2 orders, and one that arrived late (on the day) but happened the day before
    at('n4', D - 5 * 3_600_000, 'signup_completed')
    at('n5', D - 4 * 3_600_000, 'signup_completed')
    at('b4', D - 3 * 3_600_000, 'checkout_completed', { order_value: 50 })
    at('b5', D - 2 * 3_600_000, 'checkout_completed', { order_value: 25 })
    at('b6', D - 3_600_000, 'checkout_completed', { order_value: 25 }, { received_at_ms: D + 10 * 3_600_000 })
    // visits over the month, sessions of the day with known lengths (minutes)
    for (const [u, day] of [
      ['w1', -3],
      ['w2', -6],
      ['m1', -20],
      ['m2', -29],
      ['old', -30],
    ] as const)
      at(u, D + day * DAY + 3_600_000, 'page_viewed')
    for (const [u, minutes] of [
      ['s1', 5],
      ['s2', 12],
      ['s3', 30],
    ] as const) {
      at(u, D + 12 * 3_600_000, 'page_viewed')
      at(u, D + 12 * 3_600_000 + minutes * 60_000, 'page_viewed')
    }
    await store.write(rows({ events }))
  })
  afterAll(() => store.close())

  it('compares signups, conversions and revenue of a day with the day before, counting late events on their own day', async () => {
    const r = (await runReport('business', new URLSearchParams('day=2026-12-05'), {
      store,
      experiments: [],
      now: () => NOW,
    })) as BusinessReport
    expect(r.signups).toEqual({ value: 3, previous: 2, change: 0.5 })
    expect(r.conversions).toEqual({ value: 4, previous: 3, change: 4 / 3 - 1 })
    expect(r.revenue).toEqual({ value: 100, previous: 100, change: 0 })
    const human = [...new Map(events.filter((e) => !e.is_bot).map((e) => [e.message_id, e])).values()]
    const distinct = (from: number) =>
      new Set(human.filter((e) => e.timestamp_ms >= from && e.timestamp_ms < D + DAY).map((e) => e.user_id))
        .size
    expect(r.active_users).toEqual({
      dau: distinct(D),
      wau: distinct(D - 6 * DAY),
      mau: distinct(D - 29 * DAY),
    })
    // sessions started on the day: one per user (single-event ones last 0 s)
    const sessions = new Map<string, number[]>()
    for (const e of human.filter((e) => e.timestamp_ms >= D && e.timestamp_ms < D + DAY)) {
      sessions.set(e.session_id, [...(sessions.get(e.session_id) ?? []), e.timestamp_ms])
    }
    const lengths = [...sessions.values()]
      .map((ts) => (Math.max(...ts) - Math.min(...ts)) / 1000)
      .sort((a, b) => a - b)
    expect(r.sessions.count).toBe(lengths.length)
    const mid = (lengths.length - 1) / 2
    expect(r.sessions.median_length_seconds).toBe((lengths[Math.floor(mid)]! + lengths[Math.ceil(mid)]!) / 2)
    expect(r.daily).toHaveLength(30)
    expect(r.daily.at(-1)).toMatchObject({ day: '2026-12-05', signups: 3, conversions: 4, revenue: 100 })
    expect(r.daily.at(-2)).toMatchObject({ day: '2026-12-04', signups: 2, conversions: 3, revenue: 100 })
    expect(r.daily[0]!.day).toBe('2026-11-06')
  })

  it('draws the daily series over the window asked for, ending with the day', async () => {
    const ctx = { store, experiments: [], now: () => NOW }
    const r = (await runReport(
      'business',
      new URLSearchParams('day=2026-12-05&from=2026-11-29'),
      ctx,
    )) as BusinessReport
    expect(r.daily.map((d) => d.day)).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
    ])
    expect(r.daily.at(-1)).toMatchObject({ signups: 3, conversions: 4, revenue: 100 })
  })

  it('takes other event and revenue names, and rejects a property name that is not one', async () => {
    const ctx = { store, experiments: [], now: () => NOW }
    const r = (await runReport(
      'business',
      new URLSearchParams('day=2026-12-05&conversion=signup_completed'),
      ctx,
    )) as BusinessReport
    expect(r.conversions.value).toBe(3)
    await expect(
      runReport('business', new URLSearchParams('revenue=order value'), ctx),
    ).rejects.toMatchObject({ param: 'revenue' })
    await expect(runReport('business', new URLSearchParams('day=yesterday'), ctx)).rejects.toMatchObject({
      param: 'day',
    })
  })
})
