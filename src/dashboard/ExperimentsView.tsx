import type { ExperimentsReport } from '../server/reports/types.js'
import { dayOfPlan, STATUS_TEXT } from './experimentWords.js'
import { formatCount, formatPValue, formatTime } from './format.js'
import { ReportFrame } from './ReportFrame.js'
import { TableHead } from './TableHead.js'
import { useReport } from './useReport.js'
import { ViewRoot } from './ViewRoot.js'

/** Props of `ExperimentsView`. */
export interface ExperimentsViewProps {
  /** Called when someone opens an experiment; without it the names are plain text. */
  onSelect?: (key: string) => void
}

/**
 * Every experiment with its status, "day N of M", units per variant, units excluded for seeing
 * more than one variant, and a plain flag when the split does not match the plan (SRM).
 *
 * @example
 * <ExperimentsView onSelect={(key) => navigate(`/experiments/${key}`)} />
 */
export function ExperimentsView(props: ExperimentsViewProps) {
  return (
    <ViewRoot>
      <ExperimentsBody {...props} />
    </ViewRoot>
  )
}

function ExperimentsBody({ onSelect }: ExperimentsViewProps) {
  const state = useReport('experiments', {})
  return (
    <ReportFrame
      title="Experiments"
      state={state}
      isEmpty={(d: ExperimentsReport) => d.experiments.length === 0}
      empty="No experiment has been exposed in this window. Exposures come from <Experiment> and useExperiment."
    >
      {(data: ExperimentsReport) => (
        <div className="ikdash-panel ikdash-scroll">
          <table>
            <caption className="ikdash-sr">Experiments</caption>
            <TableHead text={['Experiment', 'Status', 'Progress', 'Units by variant', 'Split']} />
            <tbody>
              {data.experiments.map((x) => (
                <tr key={x.key}>
                  <th scope="row">
                    {onSelect ? (
                      <button
                        type="button"
                        onClick={() => onSelect(x.key)}
                        aria-label={`Open experiment ${x.key}`}
                      >
                        {x.key}
                      </button>
                    ) : (
                      x.key
                    )}
                  </th>
                  <td>{STATUS_TEXT[x.status]}</td>
                  <td>
                    {dayOfPlan(x.day, x.planned_days)}
                    <span className="ikdash-sub ikdash-meta" style={{ display: 'block' }}>
                      since {formatTime(x.started_at)}
                    </span>
                  </td>
                  <td>
                    {x.variants.map((v) => `${v.name} ${formatCount(v.units)}`).join(' · ') || '—'}
                    {x.excluded_units > 0 && (
                      <span className="ikdash-meta" style={{ display: 'block' }}>
                        {formatCount(x.excluded_units)} excluded (saw more than one variant)
                      </span>
                    )}
                  </td>
                  <td>
                    {x.srm.mismatch ? (
                      <span className="ikdash-badge ikdash-err">
                        Sample ratio mismatch ({formatPValue(x.srm.p_value)})
                      </span>
                    ) : (
                      <span className="ikdash-badge ikdash-ok">As planned</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ReportFrame>
  )
}
