import type { Dialect } from './dialect.js'
import type { ReportContext } from './reportContext.js'
import { reportParams } from './reportParams.js'
import { envelope, isoDay, ratio, toCount, toNumber } from './resultValues.js'
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
  // raw rows: a copy of an event changes neither a first-seen time nor which periods a user returned in.
  // One pass collapses events to (user, period, returning?) before cohorts and returns are read from it.
  const returning = event === null ? '1' : 'CASE WHEN event_name = {event} THEN 1 ELSE 0 END'
  const sql = d.withRelations(
    [
      [
        'activity',
        () =>
          `SELECT person, ${periodOf('timestamp_ms')} AS period_index, max(${returning}) AS returned FROM ` +
          `${d.people('event_name, timestamp_ms', d.notBot, false)} GROUP BY person, ${periodOf('timestamp_ms')}`,
      ],
      [
        'cohorts',
        (r) =>
          `SELECT person, min(period_index) AS cohort FROM ${r.activity} GROUP BY person HAVING min(period_index) BETWEEN {first} AND {last}`,
      ],
    ],
    (r) =>
      `SELECT cohort, -1 AS k, count(*) AS users FROM ${r.cohorts} GROUP BY cohort UNION ALL ` +
      `SELECT cohort, period_index - cohort AS k, count(*) AS users FROM ${r.cohorts} ${d.innerJoin} ` +
      `(SELECT person, period_index FROM ${r.activity} WHERE returned = 1) USING (person) ` +
      `WHERE period_index >= cohort AND period_index <= cohort + ${periods} GROUP BY cohort, period_index - cohort`,
  )
  const rowsOut = await context.store.query(sql, { first, last, event })
  const sizes = rowsOut.filter((row) => toNumber(row.k) === -1)
  const cells = rowsOut.filter((row) => toNumber(row.k) !== -1)
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
    ...envelope('retention', now, { from: range.from, to: range.to }),
    period,
    event,
    periods,
    cohorts: rows,
  }
}
