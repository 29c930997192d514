import { analyzeExperiment } from '../../experiments/analyzeExperiment.js'
import type { Dialect } from './dialect.js'
import { experimentExposuresSql } from './experimentExposures.js'
import { experimentStatus } from './experimentStatus.js'
import type { ReportContext } from './reportContext.js'
import { reportParams } from './reportParams.js'
import { envelope, isoTime, toCount, toNumber } from './resultValues.js'
import type { ExperimentSummary, ExperimentsReport } from './types.js'

/**
 * `experiments`: every experiment with exposures or a definition, its status, "day N of M", units per
 * variant (units exposed to several variants apart) and a sample-ratio check.
 */
export async function experiments(
  params: URLSearchParams,
  context: ReportContext,
  d: Dialect,
): Promise<ExperimentsReport> {
  const p = reportParams(params)
  const now = context.now()
  const range = p.range(now, null)
  const rows = await context.store.query(
    `SELECT experiment, CASE WHEN variants > 1 THEN '' ELSE variation END AS variant, count(*) AS units, ` +
      `min(exposed_at) AS started_at, max(last_exposed_at) AS last_at FROM ` +
      experimentExposuresSql(d, 'timestamp_ms >= {from} AND timestamp_ms < {to}') +
      ` GROUP BY experiment, CASE WHEN variants > 1 THEN '' ELSE variation END`,
    { from: range.from, to: range.to },
  )
  const byKey = new Map<
    string,
    { variants: Map<string, number>; excluded: number; started: number; last: number }
  >()
  for (const row of rows) {
    const key = String(row.experiment)
    const entry = byKey.get(key) ?? {
      variants: new Map<string, number>(),
      excluded: 0,
      started: Number.POSITIVE_INFINITY,
      last: 0,
    }
    byKey.set(key, entry)
    const units = toCount(row.units)
    if (row.variant === '' || row.variant === null) entry.excluded += units
    else entry.variants.set(String(row.variant), units)
    entry.started = Math.min(entry.started, toNumber(row.started_at) ?? Number.POSITIVE_INFINITY)
    entry.last = Math.max(entry.last, toNumber(row.last_at) ?? 0)
  }
  const keys = [...new Set([...context.experiments.map((e) => e.key), ...byKey.keys()])]
  const list: ExperimentSummary[] = keys.map((key) => {
    const definition = context.experiments.find((e) => e.key === key)
    const entry = byKey.get(key)
    const seen = entry ? [...entry.variants.keys()] : []
    const names = [
      ...(definition?.variations ?? []),
      ...seen.filter((n) => !definition?.variations.includes(n)).sort(),
    ]
    const variants = names.map((name) => ({ name, units: entry?.variants.get(name) ?? 0 }))
    const started = entry && Number.isFinite(entry.started) ? entry.started : null
    const last = entry && entry.last > 0 ? entry.last : null
    const plannedDays = definition?.plannedDays ?? null
    const { status, day } = experimentStatus(definition, started, last, now, plannedDays)
    const weights =
      definition?.weights && definition.weights.length === variants.length
        ? [...definition.weights]
        : undefined
    const srm =
      variants.length > 1 && variants.some((v) => v.units > 0)
        ? analyzeExperiment({
            variants: variants.map((v) => ({ name: v.name, users: v.units, conversions: 0 })),
            ...(weights && { weights }),
          }).srm
        : null
    return {
      key,
      status,
      started_at: started === null ? null : isoTime(started),
      last_exposure_at: last === null ? null : isoTime(last),
      day,
      planned_days: plannedDays,
      variants,
      excluded_units: entry?.excluded ?? 0,
      srm: {
        p_value: srm && Number.isFinite(srm.pValue) ? srm.pValue : null,
        mismatch: srm?.mismatch ?? false,
      },
    }
  })
  list.sort(
    (a, b) =>
      Number(b.status === 'running') - Number(a.status === 'running') ||
      (b.started_at ?? '').localeCompare(a.started_at ?? '') ||
      a.key.localeCompare(b.key),
  )
  return {
    ...envelope('experiments', now, { from: range.from, to: range.to }),
    experiments: list,
  }
}
