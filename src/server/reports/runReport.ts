import type { ExperimentDefinition } from '../../experiments/defineExperiment.js'
import type { Store } from '../stores/types.js'

/** What a report may read besides the store. */
export interface ReportContext {
  store: Store
  /** Experiment definitions the collector was given, for planned lengths and variant names. */
  experiments: readonly ExperimentDefinition[]
  now: () => number
}

/** A report's parameters were wrong: answered as a 400 with this message. */
export class ReportParamError extends Error {}

/** Names of the reports `GET <base>/query/<report>` serves. */
export const REPORTS: readonly string[] = []

/**
 * Runs one report and returns its JSON body. Throws `ReportParamError` for bad parameters; the
 * collector answers 404 for a name not in `REPORTS`.
 */
export async function runReport(
  name: string,
  _params: URLSearchParams,
  _context: ReportContext,
): Promise<unknown> {
  throw new ReportParamError(`unknown report "${name}"`)
}
