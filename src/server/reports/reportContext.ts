import type { ExperimentDefinition } from '../../experiments/defineExperiment.js'
import type { Store } from '../stores/types.js'

/** An experiment definition as reports read it: `plannedDays` gives the "day N of M" length. */
export type ReportedExperiment = ExperimentDefinition & { plannedDays?: number }

/** What a report may read besides its parameters. */
export interface ReportContext {
  store: Store
  /** Experiment definitions the collector was given, for planned lengths, weights and variant order. */
  experiments: readonly ReportedExperiment[]
  now: () => number
}
