import { useState } from 'react'

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

/** Things that go wrong: slow and failing API calls, and a collector that fails on purpose. */
export function LabPage() {
  const [calls, setCalls] = useState<Call[]>([])
  const [mode, setMode] = useState<string | null>(null)

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

  const setCollectorMode = async (next: string) => {
    await fetch('/api/analytics/mode', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: next }),
    })
    setMode(next)
  }

  return (
    <div>
      <h1>Failure lab</h1>

      <h2>Calls to the shop's API</h2>
      <p className="hint">Every call is timed; failures are tracked as events.</p>
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
        meantime are retried and arrive once each.
      </p>
      <div className="toolbar">
        {modes.map(({ mode: m, what }) => (
          <button key={m} type="button" aria-pressed={mode === m} onClick={() => setCollectorMode(m)}>
            {m} <span className="hint">({what})</span>
          </button>
        ))}
      </div>
    </div>
  )
}
