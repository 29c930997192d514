import type { QualityReport } from '../server/reports/types.js'
import { formatCount, formatMs, formatPercent, formatSeconds } from './format.js'
import { ReportFrame } from './ReportFrame.js'
import { ShareBar } from './ShareBar.js'
import { StatTile } from './StatTile.js'
import { TableHead } from './TableHead.js'
import { useReport } from './useReport.js'
import { ViewRoot } from './ViewRoot.js'

/** Props of `QualityView`. */
export interface QualityViewProps {
  /** Seconds after its time beyond which an arriving event counts as late (default 3,600). */
  lateAfter?: number
}

function CountTable({
  caption,
  head,
  rows,
  none,
}: {
  caption: string
  head: string
  rows: { key: string; label: string; events: number; extra?: string | null }[]
  none: string
}) {
  return (
    <div className="ikdash-panel ikdash-scroll">
      <table>
        <caption>{caption}</caption>
        {rows.length === 0 ? (
          <tbody>
            <tr>
              <td className="ikdash-meta">{none}</td>
            </tr>
          </tbody>
        ) : (
          <>
            <TableHead text={[head]} numbers={['Events']} />
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">
                    {r.label}
                    {r.extra && (
                      <span className="ikdash-meta" style={{ display: 'block', fontWeight: 400 }}>
                        {r.extra}
                      </span>
                    )}
                  </th>
                  <td className="ikdash-num">{formatCount(r.events)}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </table>
    </div>
  )
}

/**
 * Can the numbers be trusted: events received and unique, duplicates, bots, rejections by reason,
 * late and future-dated events, client clock skew, events missing from or failing the catalogue,
 * and what clients dropped before sending.
 *
 * @example
 * <QualityView lateAfter={600} />
 */
export function QualityView(props: QualityViewProps) {
  return (
    <ViewRoot>
      <QualityBody {...props} />
    </ViewRoot>
  )
}

function QualityBody({ lateAfter }: QualityViewProps) {
  const state = useReport('quality', { late_after: lateAfter === undefined ? undefined : String(lateAfter) })
  return (
    <ReportFrame
      title="Data quality"
      state={state}
      isEmpty={(d: QualityReport) => d.events.received === 0 && d.rejected_events === 0}
      empty="Nothing arrived in this window."
    >
      {(data: QualityReport) => {
        const { events, clock_skew: skew } = data
        return (
          <>
            <dl className="ikdash-tiles">
              <StatTile
                label="Events received"
                value={formatCount(events.received)}
                sub={`${formatCount(events.unique)} unique`}
              />
              <StatTile
                label="Duplicates"
                value={formatCount(events.duplicates)}
                sub={`${formatPercent(events.duplicate_rate)} of received, counted once`}
              />
              <StatTile label="Bot events" value={formatCount(events.bots)} sub="left out of reports" />
              <StatTile label="Rejected at ingest" value={formatCount(data.rejected_events)} />
              <StatTile
                label="Late events"
                value={formatCount(data.late.events)}
                sub={`over ${formatSeconds(data.late.late_after_seconds)} late · worst ${formatSeconds(data.late.max_delay_seconds)}`}
              />
              <StatTile
                label="Future-dated"
                value={formatCount(data.future.events)}
                sub="client clock ahead"
              />
            </dl>
            <div className="ikdash-grid2">
              <CountTable
                caption="Rejected at ingest, by reason"
                head="Reason"
                rows={data.rejections.map((r) => ({
                  key: r.reason,
                  label: r.reason,
                  events: r.events,
                  extra: `${formatCount(r.requests)} ${r.requests === 1 ? 'request' : 'requests'}`,
                }))}
                none="No rejections."
              />
              <CountTable
                caption="Dropped by clients before sending"
                head="Reason"
                rows={data.client_drops.map((r) => ({ key: r.reason, label: r.reason, events: r.events }))}
                none="No client reported a drop."
              />
              <CountTable
                caption="Events not in the catalogue"
                head="Event"
                rows={data.schema.unknown.map((r) => ({
                  key: r.event_name,
                  label: r.event_name,
                  events: r.events,
                }))}
                none="Every event name is in the catalogue."
              />
              <CountTable
                caption="Events failing their schema"
                head="Event"
                rows={data.schema.invalid.map((r) => ({
                  key: r.event_name,
                  label: r.event_name,
                  events: r.events,
                  extra: r.example_error,
                }))}
                none="No event failed its schema."
              />
            </div>
            <div className="ikdash-panel">
              <h3 style={{ marginTop: 0 }}>Client clock skew</h3>
              <p>
                Median {formatMs(skew.p50_ms)} · 95% within {formatMs(skew.p95_abs_ms)} · worst{' '}
                {formatMs(skew.max_abs_ms)}{' '}
                <span className="ikdash-meta">
                  ({formatCount(skew.samples)} {skew.samples === 1 ? 'event' : 'events'}; positive means the
                  client clock runs ahead)
                </span>
              </p>
              <SkewBars buckets={skew.buckets} />
            </div>
          </>
        )
      }}
    </ReportFrame>
  )
}

function SkewBars({ buckets }: { buckets: QualityReport['clock_skew']['buckets'] }) {
  const total = buckets.reduce((sum, b) => sum + b.events, 0)
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Events by clock skew">
      {buckets.map((b) => {
        const share = total > 0 ? b.events / total : 0
        return (
          <li
            key={b.label}
            style={{
              display: 'grid',
              gridTemplateColumns: 'minmax(90px, auto) 1fr minmax(120px, auto)',
              gap: 8,
              alignItems: 'center',
            }}
          >
            <span>{b.label}</span>
            <ShareBar share={share} height={10} />
            <span className="ikdash-num">
              {formatCount(b.events)} ({formatPercent(share)})
            </span>
          </li>
        )
      })}
    </ul>
  )
}
