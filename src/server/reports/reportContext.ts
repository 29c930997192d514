import type { ExperimentDefinition } from '../../experiments/defineExperiment.js'
import type { Store } from '../stores/types.js'

/** An experiment definition as reports read it: `plannedDays` gives the "day N of M" length. */
export type ReportedExperiment = ExperimentDefinition & {
  /** The planned length in days: the reports' "day N of M" and `complete` status. */
  plannedDays?: number
}

/** What a report may read besides its parameters. */
export interface ReportContext {
  /** The store the report queries (DuckDB or ClickHouse). */
  store: Store
  /** Experiment definitions the collector was given, for planned lengths, weights and variant order. */
  experiments: readonly ReportedExperiment[]
  /** The clock, in epoch milliseconds: default windows end at `now()`. */
  now: () => number
}
