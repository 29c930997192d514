import { useState } from 'react'
import { useDashboardConfig } from './dashboardContext.js'
import { RANGE_PRESETS, type RangePreset } from './dateRange.js'

const REFRESH = [
  { value: 0, label: 'Off' },
  { value: 15_000, label: 'Every 15 s' },
  { value: 30_000, label: 'Every 30 s' },
  { value: 60_000, label: 'Every minute' },
  { value: 300_000, label: 'Every 5 minutes' },
]

const today = () => new Date().toISOString().slice(0, 10)

/** The date range and auto-refresh controls, shared by every view under the same provider. */
export function RangeControl() {
  const { range, setRange, refreshMs, setRefreshMs } = useDashboardConfig()
  const custom = 'from' in range
  const [from, setFrom] = useState(custom ? range.from : today())
  const [to, setTo] = useState(custom ? range.to : today())
  const applyCustom = (nextFrom: string, nextTo: string) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(nextFrom) && /^\d{4}-\d{2}-\d{2}$/.test(nextTo) && nextFrom <= nextTo)
      setRange({ from: nextFrom, to: nextTo })
  }
  return (
    <fieldset className="ikdash-controls" style={{ border: 0, margin: 0, padding: 0 }}>
      <legend className="ikdash-sr">Date range and refresh</legend>
      <label>
        Date range
        <select
          value={custom ? 'custom' : range.preset}
          onChange={(e) => {
            const value = e.target.value
            if (value === 'custom') applyCustom(from, to)
            else setRange({ preset: value as RangePreset })
          }}
        >
          {RANGE_PRESETS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom days</option>
        </select>
      </label>
      {custom && (
        <>
          <label>
            From
            <input
              type="date"
              value={from}
              max={to}
              onChange={(e) => {
                setFrom(e.target.value)
                applyCustom(e.target.value, to)
              }}
            />
          </label>
          <label>
            To (included)
            <input
              type="date"
              value={to}
              min={from}
              onChange={(e) => {
                setTo(e.target.value)
                applyCustom(from, e.target.value)
              }}
            />
          </label>
        </>
      )}
      <label>
        Auto-refresh
        <select value={refreshMs} onChange={(e) => setRefreshMs(Number(e.target.value))}>
          {REFRESH.some((r) => r.value === refreshMs) ? null : (
            <option value={refreshMs}>Every {refreshMs / 1000} s</option>
          )}
          {REFRESH.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  )
}
