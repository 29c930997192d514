import { formatLift } from './experimentWords.js'

/** Props of `IntervalBar`. */
export interface IntervalBarProps {
  /** The point estimate (a relative lift: 0.1 = +10%). */
  value: number
  low: number
  high: number
  /** The axis' extent, shared by the bars of one experiment so they can be compared. */
  domain: [number, number]
  label: string
}

/**
 * A confidence interval drawn in SVG: a zero line, the interval as a bar, the estimate as a mark,
 * and both ends written out, so whether it crosses zero reads without colour.
 */
export function IntervalBar({ value, low, high, domain, label }: IntervalBarProps) {
  const [min, max] = domain
  const span = max - min || 1
  const share = (v: number) => (Math.max(min, Math.min(max, v)) - min) / span
  const x = (v: number) => `${(share(v) * 100).toFixed(2)}%`
  const crosses = low <= 0 && high >= 0
  const tone = crosses ? 'var(--ik-dim)' : value > 0 ? 'var(--ik-good)' : 'var(--ik-bad)'
  return (
    <svg
      className="ikdash-svg"
      height="46"
      role="img"
      aria-label={`${label}: ${formatLift(value)}, interval ${formatLift(low)} to ${formatLift(high)}${crosses ? ', includes no change' : ''}`}
    >
      <line x1={x(0)} x2={x(0)} y1="2" y2="30" style={{ stroke: 'var(--ik-fg)' }} strokeDasharray="3 2" />
      <rect
        x={x(low)}
        y="10"
        width={`${(((Math.min(max, high) - Math.max(min, low)) / span) * 100).toFixed(2)}%`}
        height="10"
        rx="2"
        style={{ fill: tone, opacity: 0.35 }}
      />
      <line x1={x(low)} x2={x(low)} y1="6" y2="24" style={{ stroke: tone }} strokeWidth="2" />
      <line x1={x(high)} x2={x(high)} y1="6" y2="24" style={{ stroke: tone }} strokeWidth="2" />
      <circle cx={x(value)} cy="15" r="5" style={{ fill: tone, stroke: 'var(--ik-bg)' }} strokeWidth="1.5" />
      {/* labels near an edge are turned inwards, so a phone's narrow chart does not cut them */}
      <text x={x(low)} y="42" textAnchor={share(low) < 0.15 ? 'start' : 'end'} className="ikdash-svg-dim">
        {formatLift(low)}
      </text>
      <text x={x(high)} y="42" textAnchor={share(high) > 0.85 ? 'end' : 'start'}>
        {formatLift(high)}
      </text>
      <text
        x={x(0)}
        y="42"
        textAnchor="middle"
        className="ikdash-svg-dim"
        style={{
          display:
            Math.abs((0 - low) / span) < 0.12 || Math.abs((high - 0) / span) < 0.12 ? 'none' : undefined,
        }}
      >
        0
      </text>
    </svg>
  )
}
