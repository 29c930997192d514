import { type FormEvent, useId, useState } from 'react'
import type { FunnelReport, FunnelStep } from '../server/reports/types.js'
import { FunnelBars } from './FunnelBars.js'
import { formatCount, formatPercent, formatSeconds } from './format.js'
import { ReportFrame } from './ReportFrame.js'
import { TableHead } from './TableHead.js'
import { useReport } from './useReport.js'
import { ViewRoot } from './ViewRoot.js'

/** Props of `FunnelView`. */
export interface FunnelViewProps {
  /** Event names in order, 2 to 10. The view lets people change them. */
  steps: readonly string[]
  /** Seconds from the first step in which the others must happen (default one day). */
  within?: number
  /** A property of the first step (`plan`), or `experiment:<key>` to compare variants. */
  breakdown?: string
}

const WINDOWS = [
  { value: 3600, label: '1 hour' },
  { value: 86_400, label: '1 day' },
  { value: 7 * 86_400, label: '7 days' },
  { value: 30 * 86_400, label: '30 days' },
]

const parseSteps = (text: string) =>
  text
    .split(/[,\n→>]+/)
    .map((s) => s.trim())
    .filter(Boolean)

/**
 * A conversion funnel: for each step, the users who did it after the previous one within the window,
 * their share of the first and the previous step, and the median time between steps; optionally
 * broken down by a property or an experiment's variants.
 *
 * @example
 * <FunnelView steps={['page_viewed', 'signup_completed', 'trial_started', 'checkout_completed']} />
 */
export function FunnelView(props: FunnelViewProps) {
  return (
    <ViewRoot>
      {/* new steps from the parent start the view over */}
      <FunnelBody key={`${props.steps.join(',')}|${props.within}|${props.breakdown}`} {...props} />
    </ViewRoot>
  )
}

function FunnelBody(props: FunnelViewProps) {
  const [steps, setSteps] = useState<readonly string[]>(props.steps)
  const [within, setWithin] = useState(props.within ?? 86_400)
  const [breakdown, setBreakdown] = useState(props.breakdown ?? '')
  const [draft, setDraft] = useState(() => props.steps.join(', '))
  const [draftBreakdown, setDraftBreakdown] = useState(props.breakdown ?? '')
  const id = useId()
  const enough = steps.length >= 2
  const state = useReport(
    'funnel',
    { steps: steps.join(','), within: String(within), breakdown: breakdown || undefined },
    { enabled: enough },
  )
  const apply = (event: FormEvent) => {
    event.preventDefault()
    setSteps(parseSteps(draft))
    setBreakdown(draftBreakdown.trim())
  }
  const draftCount = parseSteps(draft).length

  const controls = (
    <form className="ikdash-form" onSubmit={apply} aria-label="Funnel steps">
      <label style={{ flex: '1 1 260px' }}>
        Steps, in order, separated by commas
        <input
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-describedby={`${id}-hint`}
          aria-invalid={draftCount < 2 || draftCount > 10}
        />
      </label>
      <label>
        Within
        <select value={within} onChange={(e) => setWithin(Number(e.target.value))}>
          {WINDOWS.map((w) => (
            <option key={w.value} value={w.value}>
              {w.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Break down by
        <input
          value={draftBreakdown}
          placeholder="plan or experiment:key"
          onChange={(e) => setDraftBreakdown(e.target.value)}
        />
      </label>
      <button type="submit">Show funnel</button>
      <span id={`${id}-hint`} className="ikdash-meta" style={{ flexBasis: '100%' }}>
        {draftCount < 2 || draftCount > 10 ? 'A funnel needs 2 to 10 steps.' : `${draftCount} steps.`}
      </span>
    </form>
  )

  if (!enough)
    return (
      <section className="ikdash-view" aria-label="Funnel">
        <h2>Funnel</h2>
        {controls}
        <p className="ikdash-empty">
          Name at least two events to see how many users go from one to the next.
        </p>
      </section>
    )

  return (
    <ReportFrame
      title="Funnel"
      state={state}
      controls={controls}
      isEmpty={(d: FunnelReport) => (d.steps[0]?.users ?? 0) === 0}
      empty={`No user did ${steps[0]} in this window, so no one entered the funnel.`}
    >
      {(data: FunnelReport) => {
        const first = data.steps[0]
        const last = data.steps[data.steps.length - 1]
        return (
          <>
            <p className="ikdash-result">
              {formatPercent(last?.conversion_from_first)} of users who did {first?.event} went on to{' '}
              {last?.event} within {formatSeconds(data.within_seconds)}.
            </p>
            <p className="ikdash-meta">
              {data.steps.map((s) => s.event).join(' → ')}:{' '}
              {data.steps.map((s) => formatPercent(s.conversion_from_previous)).join(' → ')}
            </p>
            <div className="ikdash-panel">
              <FunnelBars steps={data.steps} label="Funnel steps" />
            </div>
            <StepTable steps={data.steps} caption="Funnel steps" />
            {data.breakdown && (
              <div className="ikdash-panel ikdash-scroll">
                <table>
                  <caption>By {data.breakdown.by}</caption>
                  <TableHead
                    text={[data.breakdown.by]}
                    numbers={[...data.steps.map((s) => s.event), 'Converted']}
                  />
                  <tbody>
                    {data.breakdown.groups.map((g) => (
                      <tr key={g.value ?? '\0none'}>
                        <th scope="row">{g.value ?? '(none)'}</th>
                        {g.steps.map((s, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: a funnel may repeat an event, so the position is the step's identity
                          <td key={`${i}:${s.event}`} className="ikdash-num">
                            {formatCount(s.users)}
                          </td>
                        ))}
                        <td className="ikdash-num">
                          {formatPercent(g.steps[g.steps.length - 1]?.conversion_from_first)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )
      }}
    </ReportFrame>
  )
}

function StepTable({ steps, caption }: { steps: readonly FunnelStep[]; caption: string }) {
  return (
    <details>
      <summary>Show the numbers</summary>
      <div className="ikdash-scroll">
        <table>
          <caption className="ikdash-sr">{caption}</caption>
          <TableHead text={['Step']} numbers={['Users', 'From first', 'From previous', 'Median time']} />
          <tbody>
            {steps.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a funnel may repeat an event, so the position is the step's identity
              <tr key={`${i}:${s.event}`}>
                <th scope="row">{s.event}</th>
                <td className="ikdash-num">{formatCount(s.users)}</td>
                <td className="ikdash-num">{formatPercent(s.conversion_from_first)}</td>
                <td className="ikdash-num">{formatPercent(s.conversion_from_previous)}</td>
                <td className="ikdash-num">{formatSeconds(s.median_seconds_from_previous)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}
