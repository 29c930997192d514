import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runReport } from '../../../src/server/reports/runReport.js'
import type { QualityReport } from '../../../src/server/reports/types.js'
import type { EventRow, MetricRow, RejectionRow, Store } from '../../../src/server/stores/types.js'
import { eventRow, metricRow, rejectionRow, reportStores, rows } from './reportStore.js'

const HOUR = 3_600_000
const R0 = Date.UTC(2026, 11, 5)
const NOW = R0 + 20 * HOUR

/** Linear-interpolation quantile of a list, written here independently of any store. */
function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b)
  const pos = (s.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo)
}

describe.each(reportStores)('quality on %s', (_name, open) => {
  let store: Store
  const events: EventRow[] = []
  const metrics: MetricRow[] = []
  const rejections: RejectionRow[] = []
  beforeAll(async () => {
    store = await open()
    // clients whose clocks run off by these amounts: the collector stored corrected times
    const skews = [0, 0, 0, 250, -400, 5_000, -90_000, 30 * 60_000, 2 * HOUR, 3]
    skews.forEach((skew, i) => {
      const t = R0 + HOUR + i * 60_000
      events.push(
        eventRow({
          event_name: 'page_viewed',
          user: `u${i}`,
          t,
          client_timestamp_ms: t + skew,
          sent_at_ms: t + skew + 1_000,
          received_at_ms: t + 1_000,
        }),
      )
    })
    // late: queued on the client for two and three hours
    for (const delay of [2 * HOUR, 3 * HOUR])
      events.push(
        eventRow({
          event_name: 'page_viewed',
          user: 'late',
          t: R0 + 2 * HOUR,
          sent_at_ms: R0 + 2 * HOUR + delay,
          received_at_ms: R0 + 2 * HOUR + delay,
        }),
      )
    // future-dated: the event claims a time ten minutes after its batch was sent; stored clamped
    events.push(
      eventRow({
        event_name: 'page_viewed',
        user: 'f',
        t: R0 + 3 * HOUR,
        client_timestamp_ms: R0 + 3 * HOUR + 600_000,
        sent_at_ms: R0 + 3 * HOUR,
        received_at_ms: R0 + 3 * HOUR,
      }),
    )
    // bots
    for (let i = 0; i < 3; i++)
      events.push(eventRow({ event_name: 'page_viewed', user: `bot${i}`, t: R0 + HOUR, is_bot: true }))
    // outside the catalogue
    events.push(eventRow({ event_name: 'mystery_event', user: 'u1', t: R0 + HOUR, schema_status: 'unknown' }))
    events.push(eventRow({ event_name: 'mystery_event', user: 'u2', t: R0 + HOUR, schema_status: 'unknown' }))
    events.push(
      eventRow({
        event_name: 'checkout_completed',
        user: 'u3',
        t: R0 + HOUR,
        schema_status: 'invalid',
        schema_error: 'properties.order_value: expected a number',
      }),
    )
    // arrived the day before: outside the window
    events.push(
      eventRow({ event_name: 'page_viewed', user: 'old', t: R0 - 5 * HOUR, schema_status: 'unknown' }),
    )
    // redelivered copies
    events.push(...events.slice(0, 4).map((e) => ({ ...e, received_at_ms: e.received_at_ms + 5_000 })))
    rejections.push(
      rejectionRow({ reason: 'event_too_large', t: R0 + HOUR, message_id: 'm1' }),
      rejectionRow({ reason: 'event_too_large', t: R0 + 2 * HOUR, message_id: 'm2' }),
      rejectionRow({ reason: 'malformed_json', t: R0 + HOUR, events: 5 }),
      rejectionRow({ reason: 'rate_limited', t: R0 - 6 * HOUR, events: 50 }),
    )
    const drop = (reason: string, value: number) =>
      metricRow({ name: 'kit.events_dropped.count', type: 'counter', t: R0 + HOUR, tags: { reason }, value })
    const repeated = drop('queue_full', 3)
    metrics.push(
      repeated,
      { ...repeated, received_at_ms: repeated.received_at_ms + 1 },
      drop('queue_full', 4),
      drop('consent_denied', 2),
    )
    await store.write(rows({ events, metrics, rejections }))
  })
  afterAll(() => store.close())

  it('counts duplicates, bots, late, future-dated and skewed events, rejections and client drops of the window', async () => {
    const r = (await runReport('quality', new URLSearchParams(), {
      store,
      experiments: [],
      now: () => NOW,
    })) as QualityReport
    const inWindow = events.filter(
      (e) => e.received_at_ms >= NOW + 1 - 24 * HOUR && e.received_at_ms < NOW + 1,
    )
    const unique = [...new Map(inWindow.map((e) => [e.message_id, e])).values()]
    const human = unique.filter((e) => !e.is_bot)
    expect(r.events).toEqual({
      received: inWindow.length,
      unique: unique.length,
      duplicates: 4,
      duplicate_rate: 4 / inWindow.length,
      bots: 3,
    })
    expect(r.late).toEqual({ events: 2, late_after_seconds: 3600, max_delay_seconds: 3 * 3600 })
    expect(r.future).toEqual({ events: 1 })
    const skewed = human
      .filter((e) => e.sent_at_ms !== null)
      .map((e) => e.client_timestamp_ms - e.timestamp_ms)
    expect(r.clock_skew.samples).toBe(skewed.length)
    expect(r.clock_skew.p50_ms).toBeCloseTo(quantile(skewed, 0.5), 6)
    expect(r.clock_skew.p95_abs_ms).toBeCloseTo(quantile(skewed.map(Math.abs), 0.95), 6)
    expect(r.clock_skew.max_abs_ms).toBe(2 * HOUR)
    const abs = skewed.map(Math.abs)
    expect(r.clock_skew.buckets).toEqual([
      { label: 'under 1 s', events: abs.filter((s) => s < 1_000).length },
      { label: '1 s to 1 min', events: abs.filter((s) => s >= 1_000 && s < 60_000).length },
      { label: '1 min to 1 h', events: abs.filter((s) => s >= 60_000 && s < HOUR).length },
      { label: 'over 1 h', events: abs.filter((s) => s >= HOUR).length },
    ])
    expect(r.rejections).toEqual([
      { reason: 'malformed_json', events: 5, requests: 1 },
      { reason: 'event_too_large', events: 2, requests: 0 },
    ])
    expect(r.rejected_events).toBe(7)
    expect(r.schema).toEqual({
      unknown: [{ event_name: 'mystery_event', events: 2 }],
      invalid: [
        {
          event_name: 'checkout_completed',
          events: 1,
          example_error: 'properties.order_value: expected a number',
        },
      ],
    })
    expect(r.client_drops).toEqual([
      { reason: 'queue_full', events: 7 },
      { reason: 'consent_denied', events: 2 },
    ])
  })
})
