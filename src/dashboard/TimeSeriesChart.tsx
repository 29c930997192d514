import { useEffect, useId, useRef } from 'react'
import type uPlot from 'uplot'
import { TableHead } from './TableHead.js'

/** One line of a `TimeSeriesChart`. */
export interface ChartSeries {
  label: string
  values: readonly (number | null)[]
  /** Formats a value for the table and the axis (default: as is). */
  format?: (value: number | null) => string
  /** Draw on a second axis on the right (e.g. money beside counts). */
  rightAxis?: boolean
}

/** Props of `TimeSeriesChart`. */
export interface TimeSeriesChartProps {
  title: string
  /** X values: epoch milliseconds, labelled in UTC (report days are UTC days). */
  times: readonly number[]
  /** Labels of the x values for the table (default: the date). */
  timeLabels?: readonly string[]
  series: readonly ChartSeries[]
  height?: number
}

// four series told apart by dash pattern as well as colour
const DASHES: number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3]]
const COLOURS = ['--ik-s1', '--ik-s2', '--ik-s3', '--ik-s4']

/**
 * A line chart drawn with uPlot (loaded on first use), with a legend that shows each line's colour
 * and dash, and the same numbers as a table for keyboards and screen readers.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { title, times, series, height = 220 } = props
  const box = useRef<HTMLDivElement>(null)
  const id = useId()
  const dataKey = JSON.stringify([times, series.map((s) => [s.label, s.values, s.rightAxis === true])])
  const seriesRef = useRef(series)
  seriesRef.current = series

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt when the numbers (dataKey) change
  useEffect(() => {
    const el = box.current
    if (!el) return
    let chart: uPlot | undefined
    let observer: ResizeObserver | undefined
    let cancelled = false
    import('uplot')
      .then(({ default: UPlot }) => {
        if (cancelled || typeof HTMLCanvasElement === 'undefined') return
        const style = getComputedStyle(el)
        const colour = (i: number) => style.getPropertyValue(COLOURS[i % COLOURS.length]!).trim() || '#1f5fbf'
        const axisStroke = style.getPropertyValue('--ik-dim').trim() || '#555e6b'
        const gridStroke = style.getPropertyValue('--ik-line').trim() || '#d5dae1'
        const current = seriesRef.current
        const hasRight = current.some((s) => s.rightAxis)
        const data = [
          times.map((t) => t / 1000),
          ...current.map((s) => s.values.map((v) => (v === null ? null : v))),
        ] as uPlot.AlignedData
        const opts: uPlot.Options = {
          // report days are UTC calendar days: label them so in every time zone
          tzDate: (seconds) => UPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
          width: Math.max(el.clientWidth, 240),
          height,
          legend: { show: false },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: true }, y: {}, ...(hasRight && { money: {} }) },
          axes: [
            { stroke: axisStroke, grid: { stroke: gridStroke, width: 1 }, ticks: { stroke: gridStroke } },
            {
              stroke: axisStroke,
              grid: { stroke: gridStroke, width: 1 },
              ticks: { stroke: gridStroke },
              size: 56,
            },
            ...(hasRight
              ? [{ scale: 'money', side: 1 as const, stroke: axisStroke, grid: { show: false }, size: 64 }]
              : []),
          ],
          series: [
            {},
            ...current.map((s, i) => ({
              label: s.label,
              stroke: colour(i),
              width: 2,
              dash: DASHES[i % DASHES.length]!,
              points: { show: times.length < 40 },
              spanGaps: false,
              ...(s.rightAxis && { scale: 'money' }),
            })),
          ],
        }
        chart = new UPlot(opts, data, el)
        observer = new ResizeObserver(() => {
          const width = Math.max(el.clientWidth, 240)
          if (chart && Math.abs(chart.width - width) > 1) chart.setSize({ width, height })
        })
        observer.observe(el)
      })
      .catch(() => {
        // no canvas (server, old jsdom): the table below still carries every number
      })
    return () => {
      cancelled = true
      observer?.disconnect()
      chart?.destroy()
    }
  }, [dataKey, height])

  const labels = props.timeLabels ?? times.map((t) => new Date(t).toISOString().slice(0, 10))
  return (
    <figure className="ikdash-panel" aria-labelledby={`${id}-cap`} style={{ margin: 0 }}>
      <figcaption id={`${id}-cap`}>
        <strong>{title}</strong>
      </figcaption>
      <ul className="ikdash-legend">
        {series.map((s, i) => (
          <li key={s.label}>
            <svg width="28" height="10" aria-hidden="true">
              <line
                x1="0"
                y1="5"
                x2="28"
                y2="5"
                style={{ stroke: `var(${COLOURS[i % COLOURS.length]})` }}
                strokeWidth="2"
                strokeDasharray={DASHES[i % DASHES.length]!.join(' ')}
              />
            </svg>
            {s.label}
            {s.rightAxis ? ' (right axis)' : ''}
          </li>
        ))}
      </ul>
      <div ref={box} className="ikdash-chart" aria-hidden="true" style={{ minHeight: height }} />
      <details>
        <summary>Show the numbers</summary>
        <div className="ikdash-scroll">
          <table>
            <TableHead text={['Date']} numbers={series.map((s) => s.label)} />
            <tbody>
              {labels.map((label, row) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => {
                    const v = s.values[row] ?? null
                    return (
                      <td key={s.label} className="ikdash-num">
                        {s.format ? s.format(v) : String(v ?? '—')}
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
}
