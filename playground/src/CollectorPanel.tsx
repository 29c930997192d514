import { useEffect, useRef, useState } from 'react'
import { analytics } from './analytics.js'
import { plural } from './plural.js'
import { useFitAboveDevtools } from './useFitAboveDevtools.js'

/** An event as the playground collector stored it. */
export interface ReceivedEvent {
  event_name: string
  message_id: string
  timestamp: string
  received_at: string
  seq: number
  anonymous_id: string
  /** Null for an event tracked outside any session. */
  session_id: string | null
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
  const panel = useRef<HTMLElement>(null)
  useFitAboveDevtools(panel)

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
  const sessions = bySession(events.filter((e) => !hidden.has(e.event_name)).slice(-SHOWN))
  const mySession = analytics.getState().sessionId

  return (
    <section
      ref={panel}
      className="panel collector"
      aria-labelledby="collector-heading"
      data-testid="collector-panel"
      data-loaded={received !== null}
    >
      <h2 id="collector-heading">What the collector received</h2>
      <p className="hint" style={{ margin: '0 0 8px' }}>
        The real collector (<code>instrumentkit/server</code>) mounted in the dev server at{' '}
        <code>/api/analytics</code>, read back from its DuckDB file (
        <code>playground/.data/events.duckdb</code>), one row per <code>message_id</code>; batches leave every
        two seconds, and at once when you leave the tab.
      </p>
      {error && <p className="bad">Cannot reach the collector: {error}</p>}
      <div className="stat">
        <span data-testid="received-count">{plural(events.length, 'event')}</span>
        <span data-testid="received-batches">{plural(received?.batches ?? 0, 'batch', 'batches')}</span>
        {/* copies are expected (a retry after a lost answer, a resend when the page is left): the store
            keeping one row per message_id is the point, so they are not shown as an error */}
        <span title="Copies of events already stored, received again after a retry or a page-exit resend and dropped by message_id">
          {plural(received?.duplicates ?? 0, 'duplicate')} dropped
        </span>
        <span>
          {plural(received?.metrics.length ?? 0, 'metric point')}
          {received?.metric_duplicates ? ` (${plural(received.metric_duplicates, 'repeat')} dropped)` : ''}
        </span>
        <span className={received && received.mode !== 'ok' ? 'bad' : undefined}>
          mode <strong>{received?.mode ?? '…'}</strong>
        </span>
      </div>
      <div className="toolbar" style={{ margin: '6px 0 0' }}>
        <label className="check">
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
      <ol className="received" aria-label="Received events by session, newest first">
        {sessions.map(({ id, events: mine }) => (
          <li key={id} className="session" data-testid="received-session">
            <div className="session-head">
              {id ? (
                <>
                  session <code>{short(id)}</code>
                  {id === mySession ? ' (this tab)' : ''}
                </>
              ) : (
                'no session'
              )}{' '}
              · visitor <code>{short(mine[0]?.anonymous_id ?? '')}</code> · {plural(mine.length, 'event')}
            </div>
            <ol aria-label={id ? `Session ${short(id)}` : 'No session'}>
              {mine.map((e) => (
                <ReceivedRow key={e.message_id} event={e} />
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  )
}

/** One stored event: its name, `seq` within its session, time and properties; opens to the whole row. */
function ReceivedRow({ event: e }: { event: ReceivedEvent }) {
  return (
    <li>
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
        <pre>{JSON.stringify(e, null, 2)}</pre>
      </details>
    </li>
  )
}

/**
 * Events grouped by session, so each group's `seq` runs 1, 2, 3… on its own: the session seen most
 * recently first, and within a session the newest event first.
 */
function bySession(events: ReceivedEvent[]): { id: string; events: ReceivedEvent[] }[] {
  const groups = new Map<string, ReceivedEvent[]>()
  for (const e of events) {
    const id = e.session_id ?? ''
    const mine = groups.get(id) ?? []
    mine.push(e)
    // a Map keeps insertion order: re-inserting moves the session to the end, where the most recent is
    groups.delete(id)
    groups.set(id, mine)
  }
  return [...groups].reverse().map(([id, mine]) => ({ id, events: mine.sort((a, b) => b.seq - a.seq) }))
}

function summarise(properties: Record<string, unknown>): string {
  const text = Object.entries(properties)
    .filter(([key]) => key !== 'app')
    .map(([key, value]) => `${key}=${show(value)}`)
    .join(' ')
  return text.length > 120 ? `${text.slice(0, 119)}…` : text
}

// an empty object or array reads as "none" rather than as raw `{}` or `[]`
const show = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return String(value)
  return Object.keys(value).length === 0 ? '(none)' : JSON.stringify(value)
}

// ids are long and may start with a type prefix (`sess_`): eight characters after it tell them apart
const short = (id: string): string => id.replace(/^[a-z]+_/, '').slice(0, 8)
