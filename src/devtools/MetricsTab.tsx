import { useEffect, useState } from 'react'
import type { Analytics } from '../core/createAnalytics.js'
import type { MetricPoint } from '../delivery/types.js'
import { installedMetrics } from '../metrics/withMetrics.js'
import type { OutcomeHistory } from './createOutcomeHistory.js'
import { formatTime } from './formatTime.js'

/** How often the open interval's aggregates are re-read while the tab is shown. */
const REFRESH_MS = 1_000

/** Props of `MetricsTab`. */
export interface MetricsTabProps {
  client: Analytics
  history: OutcomeHistory
}

const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2))

/** One line summary of a point: a counter's sum, a gauge's value, a histogram's count, mean and range. */
export function summarizePoint(p: MetricPoint): string {
  if (p.type !== 'histogram') return round(p.value ?? 0)
  const count = p.count ?? 0
  if (count === 0) return 'no values'
  return `n=${count} mean=${round((p.sum ?? 0) / count)} min=${round(p.min ?? 0)} max=${round(p.max ?? 0)}`
}

const tagsOf = (p: MetricPoint) =>
  Object.entries(p.tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')

function PointsTable({ label, points }: { label: string; points: MetricPoint[] }) {
  const sorted = [...points].sort(
    (a, b) => a.name.localeCompare(b.name) || tagsOf(a).localeCompare(tagsOf(b)),
  )
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th>metric</th>
          <th>type</th>
          <th>tags</th>
          <th>aggregate</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((p) => (
          <tr key={`${p.name}\n${tagsOf(p)}`}>
            <td>{p.name}</td>
            <td>{p.type}</td>
            <td>{tagsOf(p)}</td>
            <td>{summarizePoint(p)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * The aggregates of the metrics interval still open (re-read every second while shown), the last
 * closed intervals, and what the metrics layer dropped.
 */
export function MetricsTab({ client, history }: MetricsTabProps) {
  const [, setTick] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), REFRESH_MS)
    return () => clearInterval(timer)
  }, [])

  // looked at, never installed: installing would add the kit's health points to what the app sends
  const metrics = installedMetrics(client)
  if (!metrics) return <p className="ikd-dim">This client has no metrics.</p>
  const open = metrics.peek()
  const stats = metrics.stats()
  const closed = history.metricIntervals().reverse()
  const dropped = Object.entries(stats.dropped).filter(([, n]) => n)

  return (
    <>
      <h3>Current interval</h3>
      {open.length === 0 ? (
        <p className="ikd-dim">No value recorded in this interval.</p>
      ) : (
        <PointsTable label="Current interval" points={open} />
      )}
      <p className="ikd-dim" data-testid="metrics-stats">
        {stats.pending} {stats.pending === 1 ? 'point' : 'points'} waiting to be sent · {stats.overflowed}{' '}
        folded into overflow series
        {dropped.length > 0 ? ` · dropped: ${dropped.map(([r, n]) => `${r} ${n}`).join(', ')}` : ''}
      </p>
      {closed.map((interval, i) => (
        <div key={interval.at}>
          <h3>
            {i === 0 ? 'Last closed interval' : 'Earlier interval'}, {formatTime(interval.at)}
          </h3>
          <PointsTable label={`Interval closed at ${formatTime(interval.at)}`} points={interval.points} />
        </div>
      ))}
    </>
  )
}
