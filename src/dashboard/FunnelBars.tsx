import type { FunnelStep } from '../server/reports/types.js'
import { formatCount, formatPercent, formatSeconds } from './format.js'
import { ShareBar } from './ShareBar.js'

/**
 * A funnel as an ordered list: each step's users, its conversion from the first and the previous
 * step, the median time it took, and a bar (SVG) as wide as its share of the first step.
 */
export function FunnelBars({ steps, label }: { steps: readonly FunnelStep[]; label: string }) {
  return (
    <ol className="ikdash-funnel" aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {steps.map((step, i) => {
        const share = Math.max(0, Math.min(1, step.conversion_from_first ?? 0))
        const previous = steps[i - 1]
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a funnel may repeat an event, so the position is the step's identity
          <li key={`${i}:${step.event}`} style={{ marginBottom: 12 }}>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 12px', alignItems: 'baseline' }}>
              <strong>
                {i + 1}. {step.event}
              </strong>
              <span>
                {formatCount(step.users)} {step.users === 1 ? 'user' : 'users'}
              </span>
              <span className="ikdash-meta">
                {i === 0
                  ? 'entered the funnel'
                  : `${formatPercent(step.conversion_from_first)} of first step · ${formatPercent(step.conversion_from_previous)} of ${previous?.event ?? 'previous'}`}
                {step.median_seconds_from_previous !== null &&
                  ` · median ${formatSeconds(step.median_seconds_from_previous)} after the previous step`}
              </span>
            </div>
            <ShareBar share={share} />
          </li>
        )
      })}
    </ol>
  )
}
