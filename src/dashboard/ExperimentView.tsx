import { type FormEvent, useState } from 'react'
import type { ExperimentReport, ExperimentVariant } from '../server/reports/types.js'
import { dayOfPlan, formatLift, STATUS_TEXT, variantSentence } from './experimentWords.js'
import { formatCount, formatMoney, formatPercent, formatPValue } from './format.js'
import { IntervalBar } from './IntervalBar.js'
import { ReportFrame } from './ReportFrame.js'
import { TableHead } from './TableHead.js'
import { useReport } from './useReport.js'
import { ViewRoot } from './ViewRoot.js'

/** Props of `ExperimentView`. */
export interface ExperimentViewProps {
  /** The experiment's key. */
  experimentKey: string
  /** The conversion event (e.g. `checkout_completed`). The view lets people change it. */
  metric: string
  /** A numeric property of the conversion event summed as revenue (e.g. `order_value`). */
  value?: string
  /** Planned length in days, when the collector was not given the experiment's definition. */
  days?: number
  /** The control variant (default: the definition's first). */
  control?: string
  /** Back to the list, when the view is shown from one. */
  onBack?: () => void
}

/**
 * One experiment's result: a sentence per variant ("Treatment +10% conversion (p<0.05)"), a plain
 * warning for a sample ratio mismatch or a result that is not significant, "day N of M", each
 * variant's units, conversions, rate and revenue, and the confidence interval of the lift.
 *
 * @example
 * <ExperimentView experimentKey="checkout_flow" metric="checkout_completed" value="order_value" />
 */
export function ExperimentView(props: ExperimentViewProps) {
  return (
    <ViewRoot>
      <ExperimentBody key={`${props.experimentKey}|${props.metric}|${props.value}`} {...props} />
    </ViewRoot>
  )
}

function ExperimentBody(props: ExperimentViewProps) {
  const [metric, setMetric] = useState(props.metric)
  const [value, setValue] = useState(props.value ?? '')
  const [draftMetric, setDraftMetric] = useState(props.metric)
  const [draftValue, setDraftValue] = useState(props.value ?? '')
  const state = useReport('experiment', {
    key: props.experimentKey,
    metric,
    value: value || undefined,
    days: props.days === undefined ? undefined : String(props.days),
    control: props.control,
  })
  const apply = (event: FormEvent) => {
    event.preventDefault()
    if (draftMetric.trim()) setMetric(draftMetric.trim())
    setValue(draftValue.trim())
  }
  const controls = (
    <form className="ikdash-form" onSubmit={apply} aria-label="Experiment metric">
      {props.onBack && (
        <button type="button" onClick={props.onBack}>
          ← All experiments
        </button>
      )}
      <label>
        Conversion event
        <input value={draftMetric} onChange={(e) => setDraftMetric(e.target.value)} required />
      </label>
      <label>
        Revenue property
        <input value={draftValue} placeholder="none" onChange={(e) => setDraftValue(e.target.value)} />
      </label>
      <button type="submit">Apply</button>
    </form>
  )
  return (
    <ReportFrame
      title={`Experiment: ${props.experimentKey}`}
      state={state}
      controls={controls}
      isEmpty={(d: ExperimentReport) => d.variants.every((v) => v.units === 0)}
      empty={`No unit was exposed to ${props.experimentKey} in this window.`}
    >
      {(data: ExperimentReport) => <ExperimentResult data={data} />}
    </ReportFrame>
  )
}

function ExperimentResult({ data }: { data: ExperimentReport }) {
  const others = data.variants.filter((v) => !v.is_control)
  const level = `${Math.round((1 - data.alpha) * 100)}%`
  const withCi = others.filter(
    (v): v is ExperimentVariant & { lift: number; lift_ci: [number, number] } =>
      v.lift !== null && v.lift_ci !== null,
  )
  const lo = Math.min(0, ...withCi.map((v) => v.lift_ci[0]))
  const hi = Math.max(0, ...withCi.map((v) => v.lift_ci[1]))
  const pad = (hi - lo) * 0.08 || 0.01
  const domain: [number, number] = [lo - pad, hi + pad]
  const anySignificant = others.some((v) => v.significant)
  const revenue = data.value_property !== null
  return (
    <>
      <p>
        <span className="ikdash-badge">{STATUS_TEXT[data.status]}</span>{' '}
        <strong>{dayOfPlan(data.day, data.planned_days)}</strong>
        <span className="ikdash-meta">
          {' '}
          · a conversion is {data.metric} after a unit’s first exposure · compared with {data.control}
        </span>
      </p>
      {data.srm.mismatch && (
        <div className="ikdash-alert" role="alert">
          <strong>Sample ratio mismatch ({formatPValue(data.srm.p_value)}).</strong> Units did not split as
          planned (expected {data.srm.expected.map((e) => formatCount(e)).join(' / ')}, got{' '}
          {data.variants.map((v) => formatCount(v.units)).join(' / ')}). Something is assigning or logging
          variants unevenly, so these results cannot be trusted until that is fixed.
        </div>
      )}
      <div className="ikdash-panel">
        <h3 style={{ marginTop: 0 }}>Result</h3>
        {others.map((v) => (
          <p key={v.name} className="ikdash-result">
            {variantSentence(v, 'conversion')}
          </p>
        ))}
        {!anySignificant && others.length > 0 && (
          <p className="ikdash-note">
            Not significant: at this sample size the difference could be chance. Keep the experiment running
            to its planned length before deciding.
          </p>
        )}
        {data.excluded.units > 0 && (
          <p className="ikdash-meta">
            {formatCount(data.excluded.units)} units saw more than one variant and are left out of every
            number.
          </p>
        )}
      </div>
      {withCi.length > 0 && (
        <div className="ikdash-panel">
          <h3 style={{ marginTop: 0 }}>
            Lift against {data.control}, {level} interval
          </h3>
          {withCi.map((v) => (
            <div key={v.name}>
              <p style={{ margin: '4px 0 0' }}>
                <strong>{v.name}</strong> {formatLift(v.lift)} ({formatLift(v.lift_ci[0])} to{' '}
                {formatLift(v.lift_ci[1])})
                {v.lift_ci[0] <= 0 && v.lift_ci[1] >= 0 ? ': the interval includes no change' : ''}
              </p>
              <IntervalBar
                value={v.lift}
                low={v.lift_ci[0]}
                high={v.lift_ci[1]}
                domain={domain}
                label={`${v.name} lift against ${data.control}`}
              />
            </div>
          ))}
        </div>
      )}
      <div className="ikdash-panel ikdash-scroll">
        <table>
          <caption>Variants</caption>
          <TableHead
            text={['Variant']}
            numbers={[
              'Units',
              'Conversions',
              'Rate',
              ...(revenue ? ['Revenue', 'Per unit'] : []),
              'Lift',
              `${level} interval`,
              'p-value',
            ]}
          />
          <tbody>
            {data.variants.map((v) => (
              <tr key={v.name}>
                <th scope="row">
                  {v.name}
                  {v.is_control ? ' (control)' : ''}
                </th>
                <td className="ikdash-num">{formatCount(v.units)}</td>
                <td className="ikdash-num">{formatCount(v.conversions)}</td>
                <td className="ikdash-num">{formatPercent(v.conversion_rate)}</td>
                {revenue && (
                  <>
                    <td className="ikdash-num">{formatMoney(v.revenue)}</td>
                    <td className="ikdash-num">{formatMoney(v.revenue_per_unit)}</td>
                  </>
                )}
                <td className="ikdash-num">{v.is_control ? '—' : formatLift(v.lift)}</td>
                <td className="ikdash-num">
                  {v.is_control || !v.lift_ci
                    ? '—'
                    : `${formatLift(v.lift_ci[0])} to ${formatLift(v.lift_ci[1])}`}
                </td>
                <td className="ikdash-num">
                  {v.is_control ? '—' : v.p_value === null ? '—' : v.p_value.toFixed(4)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
