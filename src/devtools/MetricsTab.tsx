import type { Analytics } from '../core/createAnalytics.js'
import type { OutcomeHistory } from './createOutcomeHistory.js'

/** Props of `MetricsTab`. */
export interface MetricsTabProps {
  client: Analytics
  history: OutcomeHistory
}

/** Metric aggregates of the current interval. */
export function MetricsTab(_props: MetricsTabProps) {
  return <p className="ikd-dim">No metrics on this client.</p>
}
