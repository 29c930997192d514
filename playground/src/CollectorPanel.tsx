import { useEffect, useState } from 'react'

/** An event as the playground collector stored it. */
export interface ReceivedEvent {
  event_name: string
  message_id: string
  timestamp: string
  received_at: string
  seq: number
  anonymous_id: string
  properties: Record<string, unknown>
  context: { experiments?: Record<string, string>; [key: string]: unknown }
}

/** What GET /api/analytics/received answers. */
export interface Received {
  batches: number
  duplicates: number
  /** Metric points received again (same id), e.g. after a retry. */
  metric_duplicates: number
  mode: string
  events: ReceivedEvent[]
  metrics: unknown[]
}

const POLL_MS = 1_000
const SHOWN = 60

/**
 * What the playground's collector has stored so far, polled every second: delivery watched from
 * the receiving end, after deduplication on `message_id`.
 */
export function CollectorPanel() {
  const [received, setReceived] = useState<Received | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [hidden, setHidden] = useState<Set<string>>(() => new Set(['session_started']))

  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout>
    const poll = async () => {
      try {
        const response = await fetch('/api/analytics/received')
        const body = (await response.json()) as Received
        if (!stopped) {
          setReceived(body)
          setError(null)
        }
      } catch (e) {
        if (!stopped) setError(String(e))
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS)
    }
    poll()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [])

  const reset = async () => {
    await fetch('/api/analytics/reset', { method: 'POST' })
    setReceived(null)
  }

  const events = received?.events ?? []
  const shown = events
    .filter((e) => !hidden.has(e.event_name))
    .slice(-SHOWN)
    .reverse()

  return (
    <section className="panel" aria-labelledby="collector-heading" data-testid="collector-panel">
      <h2 id="collector-heading">What the collector received</h2>
      <p className="hint" style={{ margin: '0 0 8px' }}>
        The real collector (<code>instrumentkit/server</code>) mounted in the dev server at{' '}
        <code>/api/analytics</code>, read back from its DuckDB file (
        <code>playground/.data/events.duckdb</code>), one row per <code>message_id</code>; batches leave every
        two seconds, and at once when you leave the tab.
      </p>
      {error && <p className="bad">Cannot reach the collector: {error}</p>}
      <div className="stat">
        <span>
          <strong data-testid="received-count">{events.length}</strong> events
        </span>
        <span>
          <strong>{received?.batches ?? 0}</strong> batches
        </span>
        <span className={received?.duplicates ? 'bad' : undefined}>
          <strong>{received?.duplicates ?? 0}</strong> duplicates dropped
        </span>
        <span>
          <strong>{received?.metrics.length ?? 0}</strong> metric points
          {received?.metric_duplicates ? ` (${received.metric_duplicates} repeats dropped)` : ''}
        </span>
        <span className={received && received.mode !== 'ok' ? 'bad' : undefined}>
          mode <strong>{received?.mode ?? '…'}</strong>
        </span>
      </div>
      <div className="toolbar" style={{ margin: '6px 0 0' }}>
        <label style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
          <input
            type="checkbox"
            checked={hidden.has('session_started')}
            onChange={(e) => setHidden(e.target.checked ? new Set(['session_started']) : new Set<string>())}
          />
          hide session_started
        </label>
        <button type="button" onClick={reset}>
          Clear
        </button>
      </div>
      <ol className="received" aria-label="Received events, newest first">
        {shown.map((e) => (
          <li key={e.message_id}>
            <details>
              <summary>
                <span className="name">{e.event_name}</span>{' '}
                <span className="meta">
                  #{e.seq} · {new Date(e.timestamp).toLocaleTimeString()} · {e.message_id.slice(0, 8)}
                </span>
                {e.context.experiments && Object.keys(e.context.experiments).length > 0 && (
                  <div className="meta">
                    in experiment{' '}
                    {Object.entries(e.context.experiments)
                      .map(([k, v]) => `${k} = ${v}`)
                      .join(', ')}
                  </div>
                )}
                <div className="meta">{summarise(e.properties)}</div>
              </summary>
              <pre style={{ whiteSpace: 'pre-wrap', fontSize: 11 }}>{JSON.stringify(e, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ol>
    </section>
  )
}

function summarise(properties: Record<string, unknown>): string {
  const text = Object.entries(properties)
    .filter(([key]) => key !== 'app')
    .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' ')
  return text.length > 120 ? `${text.slice(0, 119)}…` : text
}
