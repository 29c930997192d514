import { useEffect, useReducer, useState } from 'react'
import type { PipelineOutcome } from '../../../src/index.js'
import { useAnalytics } from '../../../src/react.js'
import { plural } from '../plural.js'
import { useCollectorMode } from '../useCollectorMode.js'

/** Shown as the section heading on the features page. */
export const title = 'Delivery: the queue, batches and retries, with a collector that fails on demand'

// the playground collector's failure modes (POST /api/analytics/mode)
const modes = [
  { mode: 'ok', label: 'Healthy', what: 'answers 200' },
  { mode: 'error_503', label: '503', what: 'answers 503: retried with jittered backoff, same message ids' },
  { mode: 'rate_limited', label: '429', what: 'answers 429 with Retry-After: 3 — the retry waits 3 s' },
  {
    mode: 'down',
    label: 'Down',
    what: 'drops the connection: after three quick tries, one event at a time every 5–10 s',
  },
  { mode: 'slow', label: 'Slow', what: 'answers after 2 s: one request in flight, later events wait' },
] as const

interface Line {
  id: number
  at: string
  text: string
  tone: 'ok' | 'bad' | 'info'
}

let nextLine = 0

function describe(o: PipelineOutcome): Omit<Line, 'id' | 'at'> | undefined {
  if (o.type === 'sent')
    return {
      tone: 'ok',
      text: `sent ${plural(o.message_ids.length, 'event')} · ${plural(o.bytes, 'byte')} · attempt ${o.attempt}`,
    }
  if (o.type === 'failed') {
    const why = o.status ? `HTTP ${o.status}` : (o.error ?? 'network error')
    const next =
      o.retry_in_ms === undefined
        ? 'not retried'
        : o.retry_in_ms === 0
          ? 'split in halves'
          : `retry in ${(o.retry_in_ms / 1_000).toFixed(1)} s`
    return { tone: 'bad', text: `${why} on attempt ${o.attempt} · ${next}` }
  }
  if (o.type === 'restored')
    return {
      tone: 'info',
      text: `restored ${plural(o.events.length, 'event')} left unsent by an earlier page`,
    }
  if (o.type === 'dropped' && o.stage === 'delivery')
    return { tone: 'bad', text: `dropped ${o.event_name}: ${o.reason}` }
  return undefined
}

/** Events of this origin's stored queue (`ik:q.*` keys in localStorage). */
function storedEvents(): number {
  let n = 0
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)
      if (key?.startsWith('ik:q.')) n += (JSON.parse(localStorage.getItem(key) ?? '[]') as unknown[]).length
    }
  } catch {
    // storage blocked: nothing stored
  }
  return n
}

/**
 * Puts the page "offline" as far as the kit can tell: `navigator.onLine` reads false and `offline` /
 * `online` events fire. (DevTools → Network → Offline does the same for real.)
 */
function simulateOffline(offline: boolean) {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => !offline })
  window.dispatchEvent(new Event(offline ? 'offline' : 'online'))
}

/**
 * The playground client's delivery, live: how many events wait in the queue and in storage, the
 * ledger, and each batch and retry as it happens. The buttons make the dev server's collector fail in
 * the ways the kit is built to survive.
 */
export default function DeliveryFeature() {
  const analytics = useAnalytics()
  const [lines, setLines] = useState<Line[]>([])
  const [mode, choose] = useCollectorMode()
  const [offline, setOffline] = useState(false)
  const [, refresh] = useReducer((n: number) => n + 1, 0)

  useEffect(() => {
    const unsubscribe = analytics.subscribe((o) => {
      const line = describe(o)
      if (line)
        setLines((all) => [
          ...all.slice(-40),
          { ...line, id: nextLine++, at: new Date().toLocaleTimeString() },
        ])
    })
    const poll = setInterval(refresh, 500)
    return () => {
      unsubscribe()
      clearInterval(poll)
    }
  }, [analytics])

  useEffect(() => () => simulateOffline(false), [])

  const { ledger, queueSize } = analytics.getState()
  return (
    <div>
      <p className="hint">
        Batches of up to 100 events leave every two seconds here (five by default), one request at a time.
        Unsent events are kept in localStorage, so reloading the page while the collector fails loses nothing:
        the next page sends them with their original message ids, and the collector deduplicates.
      </p>
      <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'center' }}>
        <strong>Collector:</strong>
        {modes.map((m) => (
          <button
            key={m.mode}
            type="button"
            aria-pressed={mode === m.mode}
            title={m.what}
            onClick={() => void choose(m.mode)}
          >
            {m.label}
          </button>
        ))}
        <label className="check" style={{ marginLeft: 12 }}>
          <input
            type="checkbox"
            checked={offline}
            onChange={(e) => {
              setOffline(e.target.checked)
              simulateOffline(e.target.checked)
            }}
          />
          Offline
        </label>
      </div>
      <p className="hint">{modes.find((m) => m.mode === mode)?.what}</p>
      <div style={{ display: 'flex', gap: 6 }}>
        <button
          type="button"
          onClick={() => analytics.track('button_clicked', { label: 'Track an event', location: 'delivery' })}
        >
          Track an event
        </button>
        <button
          type="button"
          onClick={() => {
            for (let i = 0; i < 250; i++)
              analytics.track('button_clicked', { label: 'Track 250', location: 'delivery', i })
          }}
        >
          Track 250
        </button>
        <button type="button" onClick={() => void analytics.flush()}>
          Flush now
        </button>
      </div>
      <p className="stat" role="status" aria-label="Delivery state">
        {queueSize} queued · {storedEvents()} stored · tracked {ledger.tracked} = delivered {ledger.delivered}{' '}
        + dropped {ledger.droppedTotal} + pending {ledger.pending}
        {ledger.restored > 0 && ` · ${ledger.restored} restored from an earlier page`}
      </p>
      <ol aria-label="Batches and retries" style={{ fontFamily: 'ui-monospace, monospace', fontSize: 12 }}>
        {lines.length === 0 && (
          <li className="hint">No batch yet: track something, or wait for the shop's events.</li>
        )}
        {lines.map((line) => (
          <li key={line.id} className={line.tone === 'bad' ? 'bad' : undefined}>
            {line.at} {line.text}
          </li>
        ))}
      </ol>
    </div>
  )
}
