import type { ExperimentStatus, ExperimentVariant } from '../server/reports/types.js'
import { formatPValue } from './format.js'

/** A lift as people say it: `+10%` from ten per cent up, one decimal below (`+3.4%`, `−0.8%`). */
export function formatLift(lift: number | null | undefined): string {
  if (typeof lift !== 'number' || !Number.isFinite(lift)) return '—'
  const pct = Math.abs(lift * 100)
  const text = pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)
  return lift > 0 ? `+${text}%` : lift < 0 ? `−${text}%` : `${text}%`
}

const capital = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s)

/**
 * One variant's result in words, e.g. `Treatment +10% conversion (p<0.05)`, with whether it is
 * significant said outright rather than left to a colour.
 */
export function variantSentence(v: ExperimentVariant, metric: string): string {
  const head = `${capital(v.name)} ${formatLift(v.lift)} ${metric} (${formatPValue(v.p_value)})`
  if (v.verdict === 'better') return `${head}: better than control, significant.`
  if (v.verdict === 'worse') return `${head}: worse than control, significant.`
  return `${head}: not significant, no difference shown yet.`
}

/** `Day 7 of 14`, `Day 3 (no planned length)`, or `Not started`. */
export function dayOfPlan(day: number | null, planned: number | null): string {
  if (day === null) return 'Not started'
  if (planned === null) return `Day ${day} (no planned length)`
  return day > planned ? `Day ${day} of ${planned} (past its planned length)` : `Day ${day} of ${planned}`
}

/** Status names people read. */
export const STATUS_TEXT: Record<ExperimentStatus, string> = {
  running: 'Running',
  complete: 'Complete',
  stopped: 'Stopped',
  not_started: 'Not started',
}
