import { KIT_HEALTH_METRICS } from '../../metrics/kitHealth.js'
import type { Dialect } from './dialect.js'
import type { ReportContext } from './reportContext.js'
import { reportParams } from './reportParams.js'
import { envelope, ratio, toCount, toNumber, toText } from './resultValues.js'
import type { QualityReport } from './types.js'

const DAY_MS = 86_400_000
// a client clock this far past its own batch's sent_at is not jitter: the event claims a future time
const FUTURE_TOLERANCE_MS = 1_000
const SKEW_BUCKETS: [label: string, upToMs: number][] = [
  ['under 1 s', 1_000],
  ['1 s to 1 min', 60_000],
  ['1 min to 1 h', 3_600_000],
  ['over 1 h', Number.POSITIVE_INFINITY],
]

/**
 * `quality`: what arrived and could not be trusted or stored, by arrival time — rejections by reason,
 * duplicates, bots, late and future-dated events, client clock skew, events outside the catalogue, and
 * what clients report dropping before sending.
 */
export async function quality(
  params: URLSearchParams,
  context: ReportContext,
  d: Dialect,
): Promise<QualityReport> {
  const p = reportParams(params)
  const lateAfter = p.integer('late_after', 3_600, 1, 30 * 86_400)
  const now = context.now()
  const range = p.range(now, DAY_MS)
  const values = { from: range.from, to: range.to, late: lateAfter * 1000, future: FUTURE_TOLERANCE_MS }
  const arrived = 'received_at_ms >= {from} AND received_at_ms < {to}'
  const skew = 'client_timestamp_ms - timestamp_ms'
  const absSkew = `abs(${skew})`
  const human = `(${d.notBot})`
  // skew is known only for events whose batch said when it was sent
  const sampled = `${human} AND sent_at_ms IS NOT NULL`
  const q = context.store.query.bind(context.store)
  const [totals, unique, rejections, schemaRows, drops] = await Promise.all([
    q(`SELECT count(*) AS received FROM events WHERE ${arrived}`, values),
    q(
      `SELECT count(*) AS unique_ids, ${d.countIf(`NOT (${d.notBot})`)} AS bots, ` +
        `${d.countIf(`${human} AND received_at_ms - timestamp_ms > {late}`)} AS late, ` +
        `max(CASE WHEN ${human} AND received_at_ms - timestamp_ms > {late} THEN received_at_ms - timestamp_ms END) AS max_delay, ` +
        `${d.countIf(`${human} AND client_timestamp_ms > coalesce(sent_at_ms, received_at_ms) + {future}`)} AS future, ` +
        `${d.countIf(sampled)} AS samples, ${d.quantileIf(skew, 0.5, sampled)} AS p50, ` +
        `${d.quantileIf(absSkew, 0.95, sampled)} AS p95_abs, max(CASE WHEN ${sampled} THEN ${absSkew} END) AS max_abs, ` +
        SKEW_BUCKETS.map(([, upTo], i) => {
          const lower = i === 0 ? 0 : SKEW_BUCKETS[i - 1]![1]
          const cond = Number.isFinite(upTo)
            ? `${absSkew} >= ${lower} AND ${absSkew} < ${upTo}`
            : `${absSkew} >= ${lower}`
          return `${d.countIf(`${sampled} AND ${cond}`)} AS b${i}`
        }).join(', ') +
        ` FROM ${d.uniqueEvents(arrived)}`,
      values,
    ),
    q(
      `SELECT reason, sum(events) AS rejected, ${d.countIf('message_id IS NULL')} AS requests FROM ingest_rejections ` +
        `WHERE ${arrived} GROUP BY reason ORDER BY rejected DESC, reason`,
      values,
    ),
    q(
      `SELECT schema_status, event_name, count(*) AS events, min(schema_error) AS example_error FROM ` +
        `${d.uniqueEvents(`${arrived} AND ${d.notBot} AND schema_status IN ('unknown', 'invalid')`)} GROUP BY schema_status, event_name ` +
        'ORDER BY events DESC, event_name LIMIT 100',
      values,
    ),
    q(
      `SELECT ${d.jsonText('tags', 'reason')} AS reason, sum(value) AS events FROM ` +
        `${d.uniqueMetrics(`name = {dropped} AND ${arrived}`)} GROUP BY ${d.jsonText('tags', 'reason')} ORDER BY events DESC`,
      { ...values, dropped: KIT_HEALTH_METRICS.dropped },
    ),
  ])
  const received = toCount(totals[0]?.received)
  const uniqueIds = toCount(unique[0]?.unique_ids)
  const u = unique[0] ?? {}
  const s = u
  const samples = toCount(s.samples)
  const rejected = rejections.map((r) => ({
    reason: String(r.reason),
    events: toCount(r.rejected),
    requests: toCount(r.requests),
  }))
  return {
    ...envelope('quality', now, { from: range.from, to: range.to }),
    events: {
      received,
      unique: uniqueIds,
      duplicates: received - uniqueIds,
      duplicate_rate: ratio(received - uniqueIds, received),
      bots: toCount(u.bots),
    },
    rejections: rejected,
    rejected_events: rejected.reduce((sum, r) => sum + r.events, 0),
    late: {
      events: toCount(u.late),
      late_after_seconds: lateAfter,
      max_delay_seconds: toCount(u.late) > 0 ? (toNumber(u.max_delay) ?? 0) / 1000 : null,
    },
    future: { events: toCount(u.future) },
    clock_skew: {
      samples,
      p50_ms: samples > 0 ? toNumber(s.p50) : null,
      p95_abs_ms: samples > 0 ? toNumber(s.p95_abs) : null,
      max_abs_ms: samples > 0 ? toNumber(s.max_abs) : null,
      buckets: SKEW_BUCKETS.map(([label], i) => ({ label, events: toCount(s[`b${i}`]) })),
    },
    schema: {
      unknown: schemaRows
        .filter((r) => r.schema_status === 'unknown')
        .map((r) => ({ event_name: String(r.event_name), events: toCount(r.events) })),
      invalid: schemaRows
        .filter((r) => r.schema_status === 'invalid')
        .map((r) => ({
          event_name: String(r.event_name),
          events: toCount(r.events),
          example_error: toText(r.example_error),
        })),
    },
    client_drops: drops
      .map((r) => ({ reason: toText(r.reason) ?? 'unknown', events: toCount(r.events) }))
      .filter((r) => r.events > 0),
  }
}
