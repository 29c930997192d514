import type { Dialect } from './dialect.js'
import type { ReportContext } from './reportContext.js'
import { reportParams } from './reportParams.js'
import { envelope, isoDay, toCount, toNumber } from './resultValues.js'
import type { BusinessDay, BusinessReport, DayComparison } from './types.js'

const DAY_MS = 86_400_000
const MAX_SERIES_DAYS = 366

/**
 * `business`: signups, conversions and revenue of a day against the day before, daily, weekly and monthly
 * active users, sessions and their median length, and a daily series for charts.
 */
export async function business(
  params: URLSearchParams,
  context: ReportContext,
  d: Dialect,
): Promise<BusinessReport> {
  const p = reportParams(params)
  const now = context.now()
  const day = p.day('day', now)
  const signup = p.event('signup') ?? 'signup_completed'
  const conversion = p.event('conversion') ?? 'checkout_completed'
  const revenue = p.property('revenue') ?? 'order_value'
  const hasRange = p.text('from') !== undefined || p.text('to') !== undefined
  // without `to`, the series ends with `day`
  const range = hasRange
    ? p.range(day + DAY_MS - 1, 30 * DAY_MS)
    : { from: day - 29 * DAY_MS, to: day + DAY_MS }
  const seriesFrom = Math.max(Math.floor(range.from / DAY_MS) * DAY_MS, range.to - MAX_SERIES_DAYS * DAY_MS)
  const spanFrom = Math.min(seriesFrom, day - DAY_MS)
  const spanTo = Math.max(range.to, day + DAY_MS)
  const values = {
    signup,
    conversion,
    spanFrom,
    spanTo,
    day,
    next: day + DAY_MS,
    week: day - 6 * DAY_MS,
    month: day - 29 * DAY_MS,
  }
  const dayOf = d.intDiv('timestamp_ms', String(DAY_MS))
  const q = context.store.query.bind(context.store)
  // distinct users and sessions read raw rows (a copy changes no distinct count, first or last time);
  // counts and sums read each event once
  const [daily, counts, active, sessions] = await Promise.all([
    q(
      `SELECT ${dayOf} AS day_index, ${d.countDistinct('person')} AS active_users FROM ` +
        `${d.people('timestamp_ms', `${d.notBot} AND timestamp_ms >= {spanFrom} AND timestamp_ms < {spanTo}`, false)} ` +
        `GROUP BY ${dayOf}`,
      values,
    ),
    q(
      `SELECT ${dayOf} AS day_index, ` +
        `${d.countIf('event_name = {signup}')} AS signups, ${d.countIf('event_name = {conversion}')} AS conversions, ` +
        `${d.sumIf(`coalesce(${d.jsonNumber('properties', revenue)}, 0)`, 'event_name = {conversion}')} AS revenue ` +
        `FROM ${d.uniqueEvents(`${d.notBot} AND event_name IN ({signup}, {conversion}) AND timestamp_ms >= {spanFrom} AND timestamp_ms < {spanTo}`)} ` +
        `GROUP BY ${dayOf}`,
      values,
    ),
    q(
      `SELECT ${d.countDistinctIf('person', 'timestamp_ms >= {day}')} AS dau, ` +
        `${d.countDistinctIf('person', 'timestamp_ms >= {week}')} AS wau, ${d.countDistinct('person')} AS mau ` +
        `FROM ${d.people('timestamp_ms', `${d.notBot} AND timestamp_ms >= {month} AND timestamp_ms < {next}`, false)}`,
      values,
    ),
    q(
      `SELECT count(*) AS sessions, ${d.quantile('(last_ms - first_ms) / 1000', 0.5)} AS median_seconds FROM ` +
        `(SELECT session_id, min(timestamp_ms) AS first_ms, max(timestamp_ms) AS last_ms FROM ` +
        `events WHERE ${d.notBot} AND session_id <> '' AND timestamp_ms >= {day} - ${DAY_MS} AND timestamp_ms < {next} + ${DAY_MS}` +
        ' GROUP BY session_id HAVING min(timestamp_ms) >= {day} AND min(timestamp_ms) < {next})',
      values,
    ),
  ])
  const byDay = new Map<number, BusinessDay>()
  const dayAt = (index: number): BusinessDay => {
    const found = byDay.get(index) ?? {
      day: isoDay(index * DAY_MS),
      active_users: 0,
      signups: 0,
      conversions: 0,
      revenue: 0,
    }
    byDay.set(index, found)
    return found
  }
  for (const row of daily) dayAt(toCount(row.day_index)).active_users = toCount(row.active_users)
  for (const row of counts) {
    const entry = dayAt(toCount(row.day_index))
    entry.signups = toCount(row.signups)
    entry.conversions = toCount(row.conversions)
    entry.revenue = toCount(row.revenue)
  }
  const at = (ms: number): BusinessDay =>
    byDay.get(Math.floor(ms / DAY_MS)) ?? {
      day: isoDay(ms),
      active_users: 0,
      signups: 0,
      conversions: 0,
      revenue: 0,
    }
  const series: BusinessDay[] = []
  for (let t = seriesFrom; t < range.to; t += DAY_MS) series.push(at(t))
  const today = at(day)
  const yesterday = at(day - DAY_MS)
  const compare = (value: number, previous: number): DayComparison => ({
    value,
    previous,
    change: previous > 0 ? value / previous - 1 : null,
  })
  const a = active[0] ?? {}
  const s = sessions[0] ?? {}
  return {
    ...envelope('business', now, { from: seriesFrom, to: range.to }),
    day: isoDay(day),
    previous_day: isoDay(day - DAY_MS),
    events: { signup, conversion, revenue_property: revenue },
    signups: compare(today.signups, yesterday.signups),
    conversions: compare(today.conversions, yesterday.conversions),
    revenue: compare(today.revenue, yesterday.revenue),
    active_users: { dau: toCount(a.dau), wau: toCount(a.wau), mau: toCount(a.mau) },
    sessions: {
      count: toCount(s.sessions),
      median_length_seconds: toCount(s.sessions) > 0 ? toNumber(s.median_seconds) : null,
    },
    daily: series,
  }
}
