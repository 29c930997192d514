import { useState } from 'react'
import type { RetentionReport } from '../server/reports/types.js'
import { formatCount, formatPercent } from './format.js'
import { ReportFrame } from './ReportFrame.js'
import { TableHead } from './TableHead.js'
import { useReport } from './useReport.js'
import { ViewRoot } from './ViewRoot.js'

/** Props of `RetentionView`. */
export interface RetentionViewProps {
  /** Cohorts by first-seen `day` (default) or `week`. */
  period?: 'day' | 'week'
  /** The returning event (default: any event). */
  event?: string
  /** How many periods after the cohort's own to show (default 7 days or 8 weeks). */
  periods?: number
}

/**
 * Retention by cohort: users grouped by the day or week they were first seen, and the share who
 * came back (did the returning event) in each period after. Each cell shows its percentage; the
 * shading only repeats it.
 *
 * @example
 * <RetentionView period="week" event="checkout_completed" />
 */
export function RetentionView(props: RetentionViewProps) {
  return (
    <ViewRoot>
      <RetentionBody key={`${props.period}|${props.event}|${props.periods}`} {...props} />
    </ViewRoot>
  )
}

function RetentionBody(props: RetentionViewProps) {
  const [period, setPeriod] = useState<'day' | 'week'>(props.period ?? 'day')
  const [event, setEvent] = useState(props.event ?? '')
  const [draft, setDraft] = useState(props.event ?? '')
  const state = useReport('retention', {
    period,
    event: event || undefined,
    periods: props.periods === undefined ? undefined : String(props.periods),
  })
  const unit = period === 'week' ? 'Week' : 'Day'
  const controls = (
    <form
      className="ikdash-form"
      aria-label="Retention options"
      onSubmit={(e) => {
        e.preventDefault()
        setEvent(draft.trim())
      }}
    >
      <label>
        Cohorts by
        <select value={period} onChange={(e) => setPeriod(e.target.value === 'week' ? 'week' : 'day')}>
          <option value="day">First day</option>
          <option value="week">First week</option>
        </select>
      </label>
      <label>
        Returning event
        <input value={draft} placeholder="any event" onChange={(e) => setDraft(e.target.value)} />
      </label>
      <button type="submit">Apply</button>
    </form>
  )
  return (
    <ReportFrame
      title="Retention"
      state={state}
      controls={controls}
      isEmpty={(d: RetentionReport) => d.cohorts.length === 0}
      empty="No users were first seen in this window."
    >
      {(data: RetentionReport) => (
        <div className="ikdash-panel ikdash-scroll">
          <table className="ikdash-heat">
            <caption>
              Share of each cohort who did {data.event ?? 'any event'} in each {data.period} after their first
            </caption>
            <TableHead
              text={['Cohort']}
              numbers={['Users', ...Array.from({ length: data.periods + 1 }, (_, k) => `${unit} ${k}`)]}
            />
            <tbody>
              {data.cohorts.map((c) => (
                <tr key={c.cohort}>
                  <th scope="row">{c.cohort}</th>
                  <td className="ikdash-num">{formatCount(c.users)}</td>
                  {Array.from({ length: data.periods + 1 }, (_, k) => {
                    const rate = c.rates[k] ?? null
                    const kept = c.retained[k] ?? null
                    return (
                      <td
                        // biome-ignore lint/suspicious/noArrayIndexKey: the period index is the cell's identity
                        key={k}
                        className="ikdash-num"
                        title={
                          kept === null
                            ? 'not begun yet'
                            : `${formatCount(kept)} of ${formatCount(c.users)} users`
                        }
                        style={
                          rate === null
                            ? undefined
                            : {
                                background: `rgba(31, 95, 191, ${(0.06 + Math.min(1, rate) * 0.4).toFixed(3)})`,
                              }
                        }
                      >
                        {rate === null ? <span className="ikdash-sr">not begun</span> : formatPercent(rate)}
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ReportFrame>
  )
}
