import type { ReportedExperiment } from './reportContext.js'
import type { ExperimentStatus } from './types.js'

const DAY_MS = 86_400_000

/** Status and "day N of M" of an experiment from its first and latest exposure and its definition. */
export function experimentStatus(
  definition: ReportedExperiment | undefined,
  startedAt: number | null,
  lastExposureAt: number | null,
  now: number,
  plannedDays: number | null,
): { status: ExperimentStatus; day: number | null } {
  if (startedAt === null || lastExposureAt === null) return { status: 'not_started', day: null }
  const day = Math.max(1, Math.floor((now - startedAt) / DAY_MS) + 1)
  if (plannedDays !== null && day > plannedDays) return { status: 'complete', day }
  if (definition?.active === false || now - lastExposureAt > DAY_MS) return { status: 'stopped', day }
  return { status: 'running', day }
}
