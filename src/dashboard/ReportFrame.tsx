import { type ReactNode, useId } from 'react'
import { formatTime } from './format.js'
import { TokenPrompt } from './TokenPrompt.js'
import type { ReportState } from './useReport.js'

/** Props of `ReportFrame`. */
export interface ReportFrameProps<TData> {
  title: string
  state: ReportState<TData>
  /** Controls of the view (step pickers, parameters), shown under the title. */
  controls?: ReactNode
  /** True when the answer has nothing to show; `empty` is shown instead of `children`. */
  isEmpty?: (data: TData) => boolean
  /** What to say, and what to do, when there is no data. */
  empty?: ReactNode
  children: (data: TData) => ReactNode
}

/**
 * The frame every view shares: a heading, when the data is from, and the loading, error, token and
 * empty states, so that each view only renders its numbers.
 */
export function ReportFrame<TData extends { generated_at?: string; range?: { from: string; to: string } }>(
  props: ReportFrameProps<TData>,
) {
  const { state } = props
  const id = useId()
  const { data, status } = state
  const loading = status === 'loading'
  return (
    <section className="ikdash-view" aria-labelledby={`${id}-title`} aria-busy={loading}>
      <div className="ikdash-head">
        <h2 id={`${id}-title`}>{props.title}</h2>
        <span className="ikdash-meta">
          {data?.range && (
            <>
              {Date.parse(data.range.from) <= 0 ? 'All time' : formatTime(data.range.from)} –{' '}
              {formatTime(data.range.to)} ·{' '}
            </>
          )}
          <span role="status">
            {loading ? 'Loading…' : data?.generated_at ? `Updated ${formatTime(data.generated_at)}` : ''}
          </span>{' '}
          <button type="button" onClick={state.reload} aria-label={`Refresh ${props.title}`}>
            Refresh
          </button>
        </span>
      </div>
      {props.controls}
      {status === 'unauthorized' && <TokenPrompt message={state.error} />}
      {status === 'error' && (
        <div className="ikdash-alert" role="alert">
          <strong>{data ? 'Could not refresh: ' : 'Could not load this report: '}</strong>
          {state.error}
        </div>
      )}
      {data !== undefined && status !== 'unauthorized' && (
        <div className={loading ? 'ikdash-busy ikdash-view' : 'ikdash-view'}>
          {props.isEmpty?.(data) ? (
            <div className="ikdash-empty">{props.empty ?? 'No data in this window yet.'}</div>
          ) : (
            props.children(data)
          )}
        </div>
      )}
    </section>
  )
}
