import { business } from './business.js'
import { dialectOf } from './dialect.js'
import { experiment } from './experiment.js'
import { experiments } from './experiments.js'
import { funnel } from './funnel.js'
import { overview } from './overview.js'
import { quality } from './quality.js'
import type { ReportContext } from './reportContext.js'
import { retention } from './retention.js'
import type { ReportName, ReportResults } from './types.js'

export type { ReportContext, ReportedExperiment } from './reportContext.js'
export { ReportParamError } from './reportParamError.js'

const runners = {
  overview,
  business,
  funnel,
  retention,
  experiments,
  experiment,
  quality,
} satisfies {
  [K in ReportName]: (
    params: URLSearchParams,
    context: ReportContext,
    dialect: NonNullable<ReturnType<typeof dialectOf>>,
  ) => Promise<ReportResults[K]>
}

/** Names of the reports `GET <base>/query/<report>` serves. */
export const REPORTS: readonly string[] = Object.keys(runners)

/**
 * Runs one report in the store and returns its JSON body (see `ReportResults` for each shape). Throws
 * `ReportParamError` for bad parameters; the collector answers 404 for a name not in `REPORTS`.
 *
 * @example
 * const body = await runReport('funnel', new URLSearchParams('steps=product_viewed,checkout_completed'), {
 *   store, experiments: [], now: Date.now,
 * })
 */
export async function runReport(
  name: string,
  params: URLSearchParams,
  context: ReportContext,
): Promise<unknown> {
  const runner = Object.hasOwn(runners, name) ? runners[name as keyof typeof runners] : undefined
  if (!runner) throw new Error(`unknown report "${name}"; reports: ${REPORTS.join(', ')}`)
  const dialect = dialectOf(context.store.dialect)
  if (!dialect)
    throw new Error(
      `reports run SQL in the store; a ${context.store.dialect} store cannot run them (use DuckDB or ClickHouse)`,
    )
  return runner(params, context, dialect)
}
