import type { ReactNode } from 'react'
import { formatChange } from './format.js'

/** One number with its label, inside a `<dl className="ikdash-tiles">`. */
export function StatTile({ label, value, sub }: { label: string; value: ReactNode; sub?: ReactNode }) {
  return (
    <div className="ikdash-tile">
      <dt>{label}</dt>
      <dd>
        {value}
        {sub !== undefined && <span className="ikdash-sub">{sub}</span>}
      </dd>
    </div>
  )
}

/**
 * A change against a previous value, with an arrow and a sign so it reads without colour:
 * `▲ +12.0% vs 2026-12-06`.
 */
export function Change({ change, against }: { change: number | null; against: string }) {
  if (change === null || !Number.isFinite(change)) return <>no {against} to compare</>
  const cls = change > 0 ? 'ikdash-up' : change < 0 ? 'ikdash-down' : undefined
  const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '='
  return (
    <span className={cls}>
      <span aria-hidden="true">{arrow} </span>
      {formatChange(change)} vs {against}
    </span>
  )
}
