import type { QueryParam } from '../stores/types.js'
import type { Dialect } from './dialect.js'
import type { ReportContext } from './reportContext.js'
import { ReportParamError } from './reportParamError.js'
import { reportParams } from './reportParams.js'
import { envelope, ratio, toCount, toNumber, toText } from './resultValues.js'
import type { FunnelGroup, FunnelReport, FunnelStep } from './types.js'

const WEEK_MS = 7 * 86_400_000
const MAX_STEPS = 10
const MAX_GROUPS = 20

type Breakdown = { kind: 'property'; property: string } | { kind: 'experiment'; key: string }

interface StepCounts {
  users: number[]
  medianMs: (number | null)[]
}

/**
 * `funnel`: users who did each step after the previous one, within `within` seconds of their first
 * step, with conversion from the first and previous step and the median time between steps, optionally
 * broken down by a property of the first step or by experiment variant.
 */
export async function funnel(
  params: URLSearchParams,
  context: ReportContext,
  dialect: Dialect,
): Promise<FunnelReport> {
  const p = reportParams(params)
  const steps = p
    .required('steps', p.text('steps'))
    .split(',')
    .map((s) => s.trim())
  if (steps.length < 2 || steps.length > MAX_STEPS || steps.some((s) => s === '' || s.length > 200))
    throw new ReportParamError(
      `steps must list 2 to ${MAX_STEPS} event names separated by commas, e.g. steps=product_viewed,checkout_completed`,
      'steps',
    )
  const withinSeconds = p.integer('within', 86_400, 1, 90 * 86_400)
  const breakdown = parseBreakdown(p.text('breakdown'))
  const range = p.range(context.now(), WEEK_MS)
  const values: Record<string, QueryParam> = {
    from: range.from,
    to: range.to,
    within: withinSeconds * 1000,
    steps,
    experiment: breakdown?.kind === 'experiment' ? breakdown.key : null,
  }
  steps.forEach((s, i) => {
    values[`step${i}`] = s
  })
  const run = async (by: Breakdown | undefined) => {
    const sql =
      dialect.name === 'clickhouse' ? clickhouseSql(dialect, steps, by) : duckdbSql(dialect, steps, by)
    const rows = await context.store.query(sql, values)
    return dialect.name === 'clickhouse' ? fromColumns(rows, steps.length) : fromRows(rows, steps.length)
  }
  const [overall, grouped] = await Promise.all([
    run(undefined),
    breakdown ? run(breakdown) : Promise.resolve(undefined),
  ])
  const total = [...overall.values()][0] ?? { users: steps.map(() => 0), medianMs: steps.map(() => null) }
  const report: FunnelReport = {
    ...envelope('funnel', context.now(), range),
    within_seconds: withinSeconds,
    steps: shapeSteps(steps, total),
  }
  if (breakdown && grouped) {
    const groups: FunnelGroup[] = [...grouped.entries()]
      .map(([value, counts]) => ({ value, steps: shapeSteps(steps, counts) }))
      .sort(
        (a, b) =>
          (b.steps[0]?.users ?? 0) - (a.steps[0]?.users ?? 0) ||
          String(a.value).localeCompare(String(b.value)),
      )
      .slice(0, MAX_GROUPS)
    report.breakdown = {
      by: breakdown.kind === 'property' ? breakdown.property : `experiment:${breakdown.key}`,
      groups,
    }
  }
  return report
}

function parseBreakdown(value: string | undefined): Breakdown | undefined {
  if (value === undefined) return undefined
  if (value.startsWith('experiment:')) {
    const key = value.slice('experiment:'.length)
    if (key === '' || key.length > 200)
      throw new ReportParamError('breakdown=experiment:<key> needs an experiment key', 'breakdown')
    return { kind: 'experiment', key }
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(value))
    throw new ReportParamError(
      `breakdown must be a property name of letters, digits and _, or experiment:<key>; got "${value}"`,
      'breakdown',
    )
  return { kind: 'property', property: value }
}

function shapeSteps(steps: readonly string[], counts: StepCounts): FunnelStep[] {
  const first = counts.users[0] ?? 0
  return steps.map((event, i) => {
    const users = counts.users[i] ?? 0
    const previous = i === 0 ? users : (counts.users[i - 1] ?? 0)
    const median = counts.medianMs[i] ?? null
    return {
      event,
      users,
      conversion_from_first: i === 0 ? (users > 0 ? 1 : null) : ratio(users, first),
      conversion_from_previous: i === 0 ? (users > 0 ? 1 : null) : ratio(users, previous),
      median_seconds_from_previous: i === 0 || median === null ? null : median / 1000,
    }
  })
}

/** A step's time must be after the previous step's; the same event twice needs a second occurrence. */
const after = (steps: readonly string[], i: number) => (steps[i] === steps[i - 1] ? '>' : '>=')

const groupKey = (value: unknown) => toText(value)

function empty(n: number): StepCounts {
  return { users: Array.from({ length: n }, () => 0), medianMs: Array.from({ length: n }, () => null) }
}

// DuckDB rows: (step, g, users, median_ms)
function fromRows(rows: Record<string, unknown>[], n: number): Map<string | null, StepCounts> {
  const out = new Map<string | null, StepCounts>()
  for (const row of rows) {
    const g = groupKey(row.g)
    const counts = out.get(g) ?? empty(n)
    out.set(g, counts)
    const step = toCount(row.step)
    counts.users[step] = toCount(row.users)
    counts.medianMs[step] = toNumber(row.median_ms)
  }
  return out
}

// ClickHouse rows: one per g with u0…un and m1…mn
function fromColumns(rows: Record<string, unknown>[], n: number): Map<string | null, StepCounts> {
  const out = new Map<string | null, StepCounts>()
  for (const row of rows) {
    const counts = empty(n)
    for (let i = 0; i < n; i++) {
      counts.users[i] = toCount(row[`u${i}`])
      if (i > 0) counts.medianMs[i] = counts.users[i]! > 0 ? toNumber(row[`m${i}`]) : null
    }
    if (counts.users[0]! > 0) out.set(groupKey(row.g), counts)
  }
  return out
}

function exposuresSql(d: Dialect): string {
  return (
    `(SELECT person, ${d.argMin(d.jsonText('properties', 'variation_name'), 'timestamp_ms')} AS g FROM ` +
    d.people(
      'timestamp_ms, properties',
      `${d.notBot} AND event_name = 'experiment_exposed' AND ${d.jsonText('properties', 'experiment_key')} = {experiment} AND timestamp_ms < {to} + {within}`,
      false,
    ) +
    ' GROUP BY person)'
  )
}

// properties are read only to break down by one of them
const columnsFor = (by: Breakdown | undefined) =>
  by?.kind === 'property' ? 'event_name, timestamp_ms, properties' : 'event_name, timestamp_ms'

function baseWhere(d: Dialect): string {
  return `${d.notBot} AND event_name IN {steps} AND timestamp_ms >= {from} AND timestamp_ms < {to} + {within}`
}

// Funnels read raw rows: a redelivered copy of an event cannot change a user's first time at a step.

/** Chained CTEs: each step's first time after the previous step's, within the window from the first. */
function duckdbSql(d: Dialect, steps: readonly string[], by: Breakdown | undefined): string {
  const group =
    by?.kind === 'property'
      ? d.argMin(d.jsonText('properties', by.property), 'timestamp_ms')
      : 'CAST(NULL AS VARCHAR)'
  const ctes = [
    `e AS MATERIALIZED (SELECT * FROM ${d.people(columnsFor(by), baseWhere(d), false)})`,
    `f AS (SELECT person, min(timestamp_ms) AS t0, ${group} AS g FROM e WHERE event_name = {step0} AND timestamp_ms >= {from} AND timestamp_ms < {to} GROUP BY person)`,
    by?.kind === 'experiment'
      ? `s0 AS (SELECT f.person, f.t0, f.t0 AS t, x.g FROM f LEFT JOIN ${exposuresSql(d)} x ON x.person = f.person)`
      : 's0 AS (SELECT person, t0, t0 AS t, g FROM f)',
  ]
  const selects = [
    'SELECT 0 AS step, g, count(*) AS users, CAST(NULL AS DOUBLE) AS median_ms FROM s0 GROUP BY g',
  ]
  for (let i = 1; i < steps.length; i++) {
    ctes.push(
      `s${i} AS (SELECT p.person, p.t0, p.g, p.t AS tprev, min(e.timestamp_ms) AS t FROM s${i - 1} p JOIN e ON e.person = p.person ` +
        `AND e.event_name = {step${i}} AND e.timestamp_ms ${after(steps, i)} p.t AND e.timestamp_ms <= p.t0 + {within} GROUP BY p.person, p.t0, p.g, p.t)`,
    )
    selects.push(`SELECT ${i}, g, count(*), ${d.quantile('t - tprev', 0.5)} FROM s${i} GROUP BY g`)
  }
  return `WITH ${ctes.join(',\n')}\n${selects.join('\nUNION ALL ')}`
}

/** One pass per user over their step events as arrays: ClickHouse 18 has no CTEs and no inequality joins. */
function clickhouseSql(d: Dialect, steps: readonly string[], by: Breakdown | undefined): string {
  const arrays = [
    'groupArray(timestamp_ms) AS ts',
    'groupArray(event_name) AS ev',
    ...(by?.kind === 'property' ? [`groupArray(${d.jsonText('properties', by.property)}) AS pr`] : []),
  ]
  const stepTimes = [
    `arrayReduce('min', arrayFilter((t, n) -> n = {step0} AND t >= {from} AND t < {to}, ts, ev)) AS t0`,
  ]
  for (let i = 1; i < steps.length; i++) {
    const guard = i > 1 ? `t${i - 1} > 0 AND ` : ''
    stepTimes.push(
      `arrayReduce('min', arrayFilter((t, n) -> ${guard}n = {step${i}} AND t ${after(steps, i)} t${i - 1} AND t <= t0 + {within}, ts, ev)) AS t${i}`,
    )
  }
  const group =
    by?.kind === 'property'
      ? 'arrayFilter((p, t, n) -> n = {step0} AND t = t0, pr, ts, ev)[1] AS g'
      : "'' AS g"
  const inner =
    `SELECT person, ${arrays.join(', ')}, ${stepTimes.join(', ')}${by?.kind === 'experiment' ? '' : `, ${group}`} ` +
    `FROM ${d.people(columnsFor(by), baseWhere(d), false)} GROUP BY person HAVING t0 > 0`
  const source =
    by?.kind === 'experiment' ? `(${inner}) ${d.leftJoin} ${exposuresSql(d)} USING person` : `(${inner})`
  const outs = ['count() AS u0']
  for (let i = 1; i < steps.length; i++)
    outs.push(`countIf(t${i} > 0) AS u${i}`, `quantileIf(0.5)(t${i} - t${i - 1}, t${i} > 0) AS m${i}`)
  return `SELECT g, ${outs.join(', ')} FROM ${source} GROUP BY g`
}
