import { useEffect, useReducer, useRef, useState } from 'react'
import { instrumentEngagement, type MetricPoint, type Metrics } from '../../../src/index.js'
import { useAnalytics, useMetrics, useTimer } from '../../../src/react.js'
import { plural } from '../plural.js'

/** Shown as the section heading on the features page. */
export const title = 'Metrics: API latency, errors, web vitals and engagement, live'

interface Series {
  name: string
  tags: Record<string, string>
  count: number
  sum: number
  min: number
  max: number
  value: number
  bounds?: number[]
  buckets?: number[]
}

/**
 * Adds every interval's points together since the page loaded, plus the interval still open, so the
 * tables show running totals while the client itself sends one point per series and interval.
 */
function useRunningTotals(metrics: Metrics): Series[] {
  const totals = useRef(new Map<string, Series>())
  const [, refresh] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    const unsubscribe = metrics.subscribe((points) => {
      for (const p of points) merge(totals.current, p)
    })
    const poll = setInterval(refresh, 500)
    return () => {
      unsubscribe()
      clearInterval(poll)
    }
  }, [metrics])
  const view = new Map<string, Series>()
  for (const [k, s] of totals.current) view.set(k, { ...s, buckets: s.buckets && [...s.buckets] })
  for (const p of metrics.peek()) merge(view, p)
  return [...view.values()]
}

function merge(into: Map<string, Series>, p: MetricPoint) {
  const key = `${p.name} ${JSON.stringify(p.tags)}`
  const s = into.get(key) ?? {
    name: p.name,
    tags: p.tags,
    count: 0,
    sum: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    value: 0,
  }
  if (p.type === 'histogram') {
    s.count += p.count ?? 0
    s.sum += p.sum ?? 0
    s.min = Math.min(s.min, p.min ?? s.min)
    s.max = Math.max(s.max, p.max ?? s.max)
    s.bounds = p.bounds
    s.buckets = (p.buckets ?? []).map((n, i) => n + (s.buckets?.[i] ?? 0))
  } else if (p.type === 'counter') s.value += p.value ?? 0
  else s.value = p.value ?? 0
  into.set(key, s)
}

function Histogram({ s, unit = 'ms', label }: { s: Series; unit?: string; label?: string }) {
  const most = Math.max(1, ...(s.buckets ?? [0]))
  const digits = unit === 'ms' ? 0 : 3
  return (
    <div style={{ marginBottom: 10 }}>
      <div>
        <code>{label ?? (Object.values(s.tags).join(' · ') || s.name)}</code>: {s.count} recorded, mean{' '}
        {(s.sum / Math.max(1, s.count)).toFixed(digits)} {unit}, min {s.min.toFixed(digits)}, max{' '}
        {s.max.toFixed(digits)}
      </div>
      <div style={{ display: 'flex', alignItems: 'flex-end', gap: 2, height: 40 }}>
        {(s.buckets ?? []).map((n, i) => (
          <div
            // buckets are positional: the index is the bucket
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed bucket positions
            key={i}
            title={`≤ ${s.bounds?.[i] ?? '∞'} ${unit}: ${n}`}
            style={{
              width: 14,
              height: `${(n / most) * 100}%`,
              minHeight: 1,
              background: n ? 'var(--accent, #3b6ef5)' : 'var(--line, #ddd)',
            }}
          />
        ))}
      </div>
      <div style={{ fontSize: 11, color: '#777' }}>
        buckets ≤ {(s.bounds ?? []).join(' / ')} / ∞ {unit}
      </div>
    </div>
  )
}

/** A series' tags as `key=value` pairs; a series without tags says so instead of showing `{}`. */
function Tags({ tags }: { tags: Record<string, string> }) {
  const pairs = Object.entries(tags)
  if (pairs.length === 0) return <span className="hint">no tags</span>
  return <code>{pairs.map(([key, value]) => `${key}=${value}`).join(' ')}</code>
}

const table = { borderCollapse: 'collapse', fontSize: 13 } as const
const cell = { border: '1px solid var(--line, #ddd)', padding: '2px 8px', textAlign: 'left' } as const

function Counts({ rows }: { rows: Series[] }) {
  if (rows.length === 0) return <p className="hint">Nothing yet.</p>
  return (
    <table style={table}>
      <tbody>
        {rows.map((s) => (
          <tr key={`${s.name} ${JSON.stringify(s.tags)}`}>
            <td style={cell}>
              <code>{s.name}</code>
            </td>
            <td style={cell}>
              <Tags tags={s.tags} />
            </td>
            <td style={cell}>{s.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * Calls the playground's small API (fast, slow, failing, rate-limited) through the instrumented `fetch`,
 * throws and rejects on purpose, and shows what the client aggregates: latency histograms per endpoint,
 * error and request counts, web vitals, engagement and the kit's own health. The client sends each
 * series once per interval, however many calls were made.
 */
export function MetricsFeature() {
  const analytics = useAnalytics()
  const metrics = useMetrics()
  const series = useRunningTotals(metrics)
  const [busy, setBusy] = useState(0)
  // this demo's time on screen, as a histogram of its own
  useTimer('playground.metrics_demo.ms')

  // engagement is opt-in and removable: on while this demo is mounted
  useEffect(() => instrumentEngagement(analytics), [analytics])

  const call = async (path: string, times = 1) => {
    setBusy((n) => n + times)
    await Promise.all(
      Array.from({ length: times }, () =>
        fetch(path)
          .catch(() => undefined)
          .finally(() => setBusy((n) => n - 1)),
      ),
    )
  }

  const of = (prefix: string) => series.filter((s) => s.name.startsWith(prefix))
  const latency = of('api.latency.ms')
  const vitals = of('web_vitals.')
  const counts = [...of('api.requests.count'), ...of('errors.'), ...of('playground.')].filter(
    (s) => s.bounds === undefined,
  )
  const engagement = of('engagement.')
  const health = of('kit.')

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <button type="button" onClick={() => call('/api/products', 5)}>
          GET /api/products ×5
        </button>
        <button type="button" onClick={() => call(`/api/products/${1 + Math.floor(Math.random() * 6)}`)}>
          GET /api/products/:id
        </button>
        <button type="button" onClick={() => call('/api/slow')}>
          GET /api/slow (800 ms)
        </button>
        <button type="button" onClick={() => call('/api/fail')}>
          GET /api/fail (500 → api_call_failed)
        </button>
        <button type="button" onClick={() => call('/api/limited', 3)}>
          GET /api/limited ×3 (429 → rate_limit_exceeded)
        </button>
        <button
          type="button"
          onClick={() =>
            setTimeout(() => {
              throw new TypeError('playground: cart.items is undefined')
            })
          }
        >
          Throw an uncaught error
        </button>
        <button type="button" onClick={() => void Promise.reject(new Error('playground: payment timed out'))}>
          Reject a promise
        </button>
        <button
          type="button"
          onClick={() => {
            for (let i = 0; i < 10_000; i++)
              metrics.increment('playground.clicks.count', 1, { button: 'burst' })
          }}
        >
          10,000 increments (one point)
        </button>
      </div>
      <p className="hint">
        {busy > 0 ? `${plural(busy, 'request')} in flight… ` : ''}Points are aggregated per name and tags for
        10 s, then sent in the next batch (see the collector panel); errors repeated within a minute are
        tracked once.
      </p>

      <h3>API latency (api.latency.ms)</h3>
      {latency.length === 0 ? (
        <p className="hint">Call the API above.</p>
      ) : (
        latency.map((s) => (
          <Histogram
            key={JSON.stringify(s.tags)}
            s={s}
            label={`${s.tags.method} ${s.tags.endpoint} → ${s.tags.status_class}`}
          />
        ))
      )}

      <h3>Requests and errors</h3>
      <Counts rows={counts} />

      <h3>Web vitals</h3>
      {vitals.length === 0 ? (
        <p className="hint">
          FCP and TTFB arrive soon after load; LCP after the first interaction; CLS and INP when the tab is
          hidden. Switch tabs and come back.
        </p>
      ) : (
        vitals.map((s) => (
          <Histogram
            key={`${s.name}${JSON.stringify(s.tags)}`}
            s={s}
            unit={s.name.endsWith('.ms') ? 'ms' : ''}
            label={`${s.name} (${s.tags.rating})`}
          />
        ))
      )}

      <h3>Engagement</h3>
      {engagement.length === 0 ? (
        <p className="hint">Recorded when this tab is hidden or another page is viewed.</p>
      ) : (
        engagement.map((s) => (
          <Histogram key={`${s.name}${JSON.stringify(s.tags)}`} s={s} label={`${s.name} ${s.tags.page}`} />
        ))
      )}

      <h3>The kit’s own health</h3>
      <Counts rows={health.filter((s) => s.bounds === undefined)} />
    </div>
  )
}
