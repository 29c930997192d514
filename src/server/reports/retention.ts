import type { Dialect } from './dialect.js'
import type { ReportContext } from './reportContext.js'
import { reportParams } from './reportParams.js'
import { isoDay, isoTime, ratio, toCount } from './resultValues.js'
import type { RetentionCohort, RetentionReport } from './types.js'

const DAY_MS = 86_400_000
// 1970-01-01 was a Thursday: shifting by 3 days makes weeks start on Monday
const MONDAY_SHIFT_MS = 3 * DAY_MS

/**
 * `retention`: users grouped by the day or week of their first event ever, and for each period after it
 * how many of them did the returning event.
 */
export async function retention(
  params: URLSearchParams,
  context: ReportContext,
  d: Dialect,
): Promise<RetentionReport> {
  const p = reportParams(params)
  const period = p.oneOf('period', ['day', 'week'] as const, 'day')
  const periodMs = period === 'day' ? DAY_MS : 7 * DAY_MS
  const shift = period === 'day' ? 0 : MONDAY_SHIFT_MS
  const periods = p.integer('periods', period === 'day' ? 7 : 8, 1, 52)
  const event = p.event('event') ?? null
  const now = context.now()
  const range = p.range(now, period === 'day' ? 14 * DAY_MS : 8 * 7 * DAY_MS)
  const index = (ms: number) => Math.floor((ms + shift) / periodMs)
  const first = index(range.from)
  const last = index(range.to - 1)
  const periodOf = (column: string) => d.intDiv(`${column} + ${shift}`, String(periodMs))
  // raw rows: a copy of an event changes neither a first-seen time nor which periods a user returned in
  const cohorts =
    `(SELECT person, ${periodOf('min(timestamp_ms)')} AS cohort FROM ${d.people('timestamp_ms', d.notBot, false)} ` +
    `GROUP BY person HAVING ${periodOf('min(timestamp_ms)')} BETWEEN {first} AND {last})`
  const returns =
    `(SELECT DISTINCT person, ${periodOf('timestamp_ms')} AS returned FROM ` +
    d.people(
      'timestamp_ms',
      `${d.notBot}${event === null ? '' : ' AND event_name = {event}'} AND timestamp_ms >= {start}`,
    ) +
    ')'
  const values = { first, last, event, start: first * periodMs - shift }
  const [sizes, cells] = await Promise.all([
    context.store.query(`SELECT cohort, count(*) AS users FROM ${cohorts} GROUP BY cohort`, values),
    context.store.query(
      `SELECT cohort, returned - cohort AS k, count(*) AS users FROM ${cohorts} ${d.innerJoin} ${returns} USING (person) ` +
        `WHERE returned >= cohort AND returned <= cohort + ${periods} GROUP BY cohort, returned - cohort`,
      values,
    ),
  ])
  const current = index(now)
  const table = new Map<number, Map<number, number>>()
  for (const row of cells) {
    const cohort = toCount(row.cohort)
    const k = toCount(row.k)
    const cohortCells = table.get(cohort) ?? new Map<number, number>()
    table.set(cohort, cohortCells)
    cohortCells.set(k, toCount(row.users))
  }
  const rows: RetentionCohort[] = sizes
    .map((row) => ({ cohort: toCount(row.cohort), users: toCount(row.users) }))
    .sort((a, b) => a.cohort - b.cohort)
    .map(({ cohort, users }) => {
      const retained = Array.from({ length: periods + 1 }, (_, k) =>
        cohort + k > current ? null : (table.get(cohort)?.get(k) ?? 0),
      )
      return {
        cohort: isoDay(cohort * periodMs - shift),
        users,
        retained,
        rates: retained.map((n) => (n === null ? null : ratio(n, users))),
      }
    })
  return {
    report: 'retention',
    generated_at: isoTime(now),
    range: { from: isoTime(range.from), to: isoTime(range.to) },
    period,
    event,
    periods,
    cohorts: rows,
  }
}
