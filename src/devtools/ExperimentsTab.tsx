import type { Analytics } from '../core/createAnalytics.js'
import type { OutcomeHistory } from './createOutcomeHistory.js'

/** Props of `ExperimentsTab`. */
export interface ExperimentsTabProps {
  client: Analytics
  history: OutcomeHistory
}

/** Experiments, their assignment and exposure. */
export function ExperimentsTab(_props: ExperimentsTabProps) {
  return <p className="ikd-dim">No experiments on this client.</p>
}
