import { useEffect, useState } from 'react'
import { AnalyticsErrorBoundary } from '../../../src/react.js'
import { analytics } from '../analytics.js'
import { plural } from '../plural.js'
import { useCollectorMode } from '../useCollectorMode.js'

interface Call {
  id: number
  path: string
  status: string
  ms: number
}

const endpoints = [
  { path: '/api/products', what: 'fast' },
  { path: '/api/slow', what: '800 ms' },
  { path: '/api/fail', what: 'answers 500' },
  { path: '/api/limited', what: 'answers 429' },
]

const modes = [
  { mode: 'ok', what: 'accepts batches' },
  { mode: 'down', what: 'drops the connection' },
  { mode: 'error_503', what: 'answers 503' },
  { mode: 'rate_limited', what: 'answers 429, Retry-After 3 s' },
  { mode: 'slow', what: 'answers after 2 s' },
]

let nextCall = 0

/** A widget with a bug on demand: the error is thrown while rendering, as real bugs are. */
function FragileWidget() {
  const [broken, setBroken] = useState(false)
  if (broken) throw new Error('The recommendations widget crashed (on purpose)')
  return (
    <button type="button" onClick={() => setBroken(true)}>
      Break this widget
    </button>
  )
}

/**
 * The client's delivery attempts as they happen: failures with the wait before the next try (probes of
 * one event every 5–10 s while the collector cannot be reached), and sends, with how long the outage
 * lasted once the first one gets through.
 */
function DeliveryAttempts() {
  const [lines, setLines] = useState<{ id: number; ok: boolean; text: string }[]>([])
  useEffect(() => {
    let failingSince: number | undefined
    let id = 0
    return analytics.subscribe((o) => {
      let line: { ok: boolean; text: string } | undefined
      if (o.type === 'failed') {
        failingSince ??= Date.now()
        const what = o.status ? `HTTP ${o.status}` : 'network error'
        const next =
          o.retry_in_ms === undefined ? '' : `, next try in ${(o.retry_in_ms / 1_000).toFixed(1)} s`
        line = { ok: false, text: `✗ ${plural(o.message_ids.length, 'event')}: ${what}${next}` }
      } else if (o.type === 'sent') {
        const outage =
          failingSince === undefined
            ? ''
            : ` — delivering again ${((Date.now() - failingSince) / 1_000).toFixed(1)} s after the first failure`
        failingSince = undefined
        line = {
          ok: true,
          text: `✓ ${plural(o.message_ids.length, 'event')} sent (attempt ${o.attempt})${outage}`,
        }
      }
      if (line) {
        const next = { id: ++id, ...line }
        setLines((all) => [next, ...all].slice(0, 8))
      }
    })
  }, [])
  if (lines.length === 0) return <p className="hint">No delivery attempt yet.</p>
  return (
    <ol aria-label="Delivery attempts" className="hint">
      {lines.map((l) => (
        <li key={l.id} className={l.ok ? 'good' : 'bad'}>
          {l.text}
        </li>
      ))}
    </ol>
  )
}

/** Things that go wrong: slow and failing API calls, and a collector that fails on purpose. */
export function LabPage() {
  const [calls, setCalls] = useState<Call[]>([])
  const [mode, setCollectorMode] = useCollectorMode()

  const call = async (path: string) => {
    const started = performance.now()
    let status: string
    try {
      status = String((await fetch(path)).status)
    } catch (error) {
      status = String(error)
    }
    const ms = Math.round(performance.now() - started)
    setCalls((list) => [{ id: ++nextCall, path, status, ms }, ...list].slice(0, 10))
  }

  return (
    <div>
      <h1>Failure lab</h1>

      <h2>A component that throws</h2>
      <p className="hint">
        <code>AnalyticsErrorBoundary</code> catches the error, tracks <code>error_occurred</code> with the
        component stack, and shows a fallback instead of a blank page.
      </p>
      <AnalyticsErrorBoundary
        fallback={({ reset }) => (
          <p className="callout bad" role="alert">
            The widget crashed and <code>error_occurred</code> was tracked.{' '}
            <button type="button" onClick={reset}>
              Try again
            </button>
          </p>
        )}
      >
        <FragileWidget />
      </AnalyticsErrorBoundary>

      <h2>Calls to the shop's API</h2>
      <p className="hint">
        <code>instrumentFetch</code> times every call (<code>api.latency.ms</code>, tagged by endpoint and
        status class) and tracks failures: <code>api_call_failed</code> for a 500,{' '}
        <code>rate_limit_exceeded</code> for a 429. The metrics travel with the event batches.
      </p>
      <div className="toolbar">
        {endpoints.map(({ path, what }) => (
          <button key={path} type="button" onClick={() => call(path)}>
            {path} <span className="hint">({what})</span>
          </button>
        ))}
      </div>
      {calls.length > 0 && (
        <table>
          <tbody>
            {calls.map((c) => (
              <tr key={c.id}>
                <td>
                  <code>{c.path}</code>
                </td>
                <td className={c.status.startsWith('2') ? 'good' : 'bad'}>{c.status}</td>
                <td>{c.ms} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>A collector in trouble</h2>
      <p className="hint">
        Make the collector fail, keep shopping, then set it back to <code>ok</code>: the events queued in the
        meantime are retried and arrive once each. With <code>down</code>, after three quick tries the client
        probes with one event every 5–10 s, so delivery resumes within seconds of <code>ok</code>, even across
        reloads.
      </p>
      <div className="toolbar">
        {modes.map(({ mode: m, what }) => (
          <button key={m} type="button" aria-pressed={mode === m} onClick={() => setCollectorMode(m)}>
            {m} <span className="hint">({what})</span>
          </button>
        ))}
      </div>
      <DeliveryAttempts />
    </div>
  )
}
