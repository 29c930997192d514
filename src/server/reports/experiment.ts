import { analyzeExperiment } from '../../experiments/analyzeExperiment.js'
import type { Dialect } from './dialect.js'
import { experimentStatus } from './experimentStatus.js'
import type { ReportContext } from './reportContext.js'
import { reportParams } from './reportParams.js'
import { envelope, isoTime, toCount, toNumber } from './resultValues.js'
import type { ExperimentReport, ExperimentVariant } from './types.js'

const finite = (n: number | undefined): number | null => (n !== undefined && Number.isFinite(n) ? n : null)

/**
 * `experiment`: per variant, units exposed to it alone, units converting after their first exposure,
 * revenue, lift with its interval and p-value (`analyzeExperiment`), and the sample-ratio check. Units
 * exposed to more than one variant are left out and reported.
 */
export async function experiment(
  params: URLSearchParams,
  context: ReportContext,
  d: Dialect,
): Promise<ExperimentReport> {
  const p = reportParams(params)
  const key = p.required('key', p.text('key'))
  const metric = p.required('metric', p.event('metric'))
  const value = p.property('value') ?? null
  const definition = context.experiments.find((e) => e.key === key)
  const plannedDays = p.integer('days', definition?.plannedDays ?? 0, 1, 3650) || null
  const alpha = p.number('alpha', 0.05, 0.0001, 0.5)
  const now = context.now()
  const range = p.range(now, null)
  const values = { key, metric, from: range.from, to: range.to }
  const revenue = value ? `coalesce(${d.jsonNumber('properties', value)}, 0)` : '0'
  const exposure = `event_name = 'experiment_exposed' AND ${d.jsonText('properties', 'experiment_key')} = {key} AND timestamp_ms >= {from} AND timestamp_ms < {to}`
  const sql = d.withRelations(
    [
      [
        'ev',
        () =>
          // exposures raw (a copy changes no first time); conversions collapsed when their values are summed
          `SELECT person, timestamp_ms, 1 AS is_exposure, ${d.jsonText('properties', 'variation_name')} AS exposed_variation, ` +
          `0 AS revenue FROM ${d.people('timestamp_ms, properties', `${d.notBot} AND ${exposure}`, false)} UNION ALL ` +
          `SELECT person, timestamp_ms, 0 AS is_exposure, '' AS exposed_variation, ${revenue} AS revenue FROM ` +
          d.people(
            'timestamp_ms, properties',
            `${d.notBot} AND event_name = {metric} AND timestamp_ms < {to}`,
            value !== null,
          ),
      ],
      [
        'units',
        (r) =>
          `SELECT person, min(timestamp_ms) AS exposed_at, max(timestamp_ms) AS last_exposed_at, ` +
          `${d.countDistinct('exposed_variation')} AS variants, min(exposed_variation) AS variation FROM ${r.ev} ` +
          `WHERE is_exposure = 1 AND exposed_variation <> '' GROUP BY person`,
      ],
    ],
    (r) =>
      `SELECT CASE WHEN variants > 1 THEN '' ELSE variation END AS arm, count(*) AS units, ` +
      'sum(CASE WHEN coalesce(conversion_events, 0) > 0 THEN 1 ELSE 0 END) AS conversions, ' +
      `sum(coalesce(revenue_sum, 0)) AS revenue, min(exposed_at) AS started_at, max(last_exposed_at) AS last_at, ` +
      `${d.name === 'clickhouse' ? 'groupArray(10)(person)' : 'list(person ORDER BY person)[1:10]'} AS sample ` +
      `FROM ${r.units} ${d.leftJoin} (SELECT person, count(*) AS conversion_events, sum(conversion_revenue) AS revenue_sum ` +
      `FROM ${r.units} ${d.innerJoin} (SELECT person, timestamp_ms AS converted_at, revenue AS conversion_revenue FROM ${r.ev} ` +
      'WHERE is_exposure = 0) USING (person) WHERE variants = 1 AND converted_at >= exposed_at GROUP BY person) USING (person) ' +
      `GROUP BY CASE WHEN variants > 1 THEN '' ELSE variation END`,
  )
  const rows = await context.store.query(sql, values)
  const mixed = rows.find((r) => r.arm === '' || r.arm === null) ?? {}
  const variantRows = rows.filter((r) => r !== mixed)
  const startedAt =
    rows.length > 0 ? Math.min(...rows.map((r) => toNumber(r.started_at) ?? Number.POSITIVE_INFINITY)) : null
  const lastAt = rows.length > 0 ? Math.max(...rows.map((r) => toNumber(r.last_at) ?? 0)) : null

  const counts = new Map(variantRows.map((r) => [String(r.arm), r]))
  const order = [
    ...(definition?.variations ?? []),
    ...[...counts.keys()].filter((n) => !definition?.variations.includes(n)).sort(),
  ]
  const names = order.filter((n, i) => order.indexOf(n) === i)
  const requestedControl = p.text('control')
  const control = requestedControl ?? names[0] ?? ''
  const variants = names.map((name) => {
    const row = counts.get(name)
    return {
      name,
      users: toCount(row?.units),
      conversions: toCount(row?.conversions),
      ...(value !== null && { revenue: toCount(row?.revenue) }),
    }
  })
  const weights =
    definition?.weights && definition.variations.length === names.length ? [...definition.weights] : undefined
  const analysis = analyzeExperiment({ variants, control, alpha, ...(weights && { weights }) })
  const controlRate = analysis.variants.find((v) => v.isControl)?.conversionRate
  const shaped: ExperimentVariant[] = analysis.variants.map((v, i) => {
    const ci = v.confidenceInterval
    const relative =
      controlRate !== undefined && Number.isFinite(controlRate) && controlRate > 0 && Number.isFinite(ci[0])
        ? ([ci[0] / controlRate, ci[1] / controlRate] as [number, number])
        : null
    const revenueTotal = variants[i]?.revenue
    return {
      name: v.name,
      is_control: v.isControl,
      units: v.users,
      conversions: v.conversions,
      conversion_rate: finite(v.conversionRate),
      revenue: revenueTotal ?? null,
      revenue_per_unit: revenueTotal === undefined ? null : finite(v.revenuePerUser),
      lift: finite(v.relativeLift),
      lift_ci: v.isControl ? [0, 0] : relative,
      absolute_lift: finite(v.absoluteLift),
      absolute_lift_ci: Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? [ci[0], ci[1]] : null,
      p_value: finite(v.pValue),
      significant: v.significant,
      verdict: v.verdict,
    }
  })
  const { status, day } = experimentStatus(definition, startedAt, lastAt, now, plannedDays)
  return {
    ...envelope('experiment', now, { from: range.from, to: range.to }),
    key,
    metric,
    value_property: value,
    status,
    started_at: startedAt === null ? null : isoTime(startedAt),
    day,
    planned_days: plannedDays,
    control: analysis.control,
    alpha,
    variants: shaped,
    srm: {
      p_value: finite(analysis.srm.pValue),
      chi_square: finite(analysis.srm.chiSquare),
      expected: analysis.srm.expected,
      mismatch: analysis.srm.mismatch,
    },
    excluded: {
      units: toCount(mixed.units),
      sample: Array.isArray(mixed.sample) ? mixed.sample.map(String) : [],
    },
    summary: summarize(shaped, metric, alpha, analysis.srm.mismatch),
  }
}

function summarize(
  variants: readonly ExperimentVariant[],
  metric: string,
  alpha: number,
  srm: boolean,
): string {
  const treatments = variants.filter((v) => !v.is_control)
  if (variants.every((v) => v.units === 0)) return 'No exposures yet.'
  const parts = treatments.map((v) => {
    if (v.lift === null || v.p_value === null) return `${v.name}: not enough data`
    const lift = `${v.lift >= 0 ? '+' : ''}${(v.lift * 100).toFixed(1)}% ${metric}`
    const p = v.p_value < 0.001 ? 'p<0.001' : `p=${v.p_value.toFixed(3)}`
    return `${v.name} ${lift} (${p}, ${v.significant ? 'significant' : `not significant at ${alpha}`})`
  })
  return `${parts.join('; ')}${srm ? '. Sample ratio mismatch: the split differs from the plan, so these results are not trustworthy.' : '.'}`
}
