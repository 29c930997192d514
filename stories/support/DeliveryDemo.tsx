import { useEffect, useReducer, useState } from 'react'
import {
  type Analytics,
  type Batch,
  createAnalytics,
  memoryTransport,
  type PipelineOutcome,
  type SendResult,
} from '../../src/index.js'

/** How the story's collector answers. */
export type Collector = 'healthy' | 'server_errors' | 'rate_limited' | 'too_large' | 'unreachable'

const describeCollector: Record<Collector, string> = {
  healthy: 'answers 200 to every batch',
  server_errors: 'answers 503 twice to each batch, then 200: retried with jittered exponential backoff',
  rate_limited: 'answers 429 with Retry-After: 2 once per batch: the retry waits exactly 2 s',
  too_large: 'answers 413 to bodies over 3 KB: the batch is split in halves until the large event is alone',
  unreachable:
    'cannot be reached (network error) until you bring it back: after three quick tries the client probes with one event every 5–10 s, dropping nothing, and sends everything within seconds of its return',
}

/** A collector in memory that answers as `mode` says, counting attempts per batch. */
function scriptedCollector(mode: Collector, reachable: () => boolean) {
  const transport = memoryTransport()
  const tries = new Map<string, number>()
  transport.respond((batch: Batch): SendResult => {
    const key = batch.events[0]?.message_id ?? ''
    const attempt = (tries.get(key) ?? 0) + 1
    tries.set(key, attempt)
    if (mode === 'unreachable' && !reachable()) return { ok: false, error: 'TypeError: Failed to fetch' }
    if (mode === 'server_errors' && attempt <= 2) return { ok: false, status: 503 }
    if (mode === 'rate_limited' && attempt === 1) return { ok: false, status: 429, retryAfterMs: 2_000 }
    if (mode === 'too_large' && JSON.stringify(batch).length > 3_000) return { ok: false, status: 413 }
    return { ok: true, status: 200 }
  })
  return transport
}

function describeOutcome(o: PipelineOutcome): string | undefined {
  switch (o.type) {
    case 'sent':
      return `✓ sent ${o.message_ids.length} events, ${o.bytes} bytes, attempt ${o.attempt}`
    case 'failed':
      return `✗ ${o.status ? `HTTP ${o.status}` : o.error} on attempt ${o.attempt}${
        o.retry_in_ms === undefined
          ? ''
          : o.retry_in_ms === 0
            ? ', split and sent again'
            : `, retry in ${o.retry_in_ms} ms`
      }`
    case 'dropped':
      return o.stage === 'delivery' ? `dropped ${o.event_name}: ${o.reason}` : undefined
    default:
      return undefined
  }
}

/** Props of the delivery demo. */
export interface DeliveryDemoProps {
  /**
   * How the story's collector answers: `healthy` (200), `server_errors` (503 twice per batch),
   * `rate_limited` (429 with Retry-After once per batch), `too_large` (413 over 3 KB) or `unreachable`
   * (network errors until brought back). The client is made anew when this changes.
   */
  collector: Collector
}

/**
 * A client whose collector fails as the story says, with buttons to track and flush, and a live view
 * of the queue, the ledger (`tracked = delivered + dropped + pending`) and every delivery outcome.
 */
export function DeliveryDemo({ collector }: DeliveryDemoProps) {
  const [up] = useState(() => ({ current: false }))
  const [client] = useState<Analytics>(() =>
    createAnalytics({
      transport: scriptedCollector(collector, () => up.current),
      storage: false,
      naming: 'off',
      batch: { intervalMs: 2_000 },
      retry: { baseMs: 500 },
    }),
  )
  const [lines, setLines] = useState<string[]>([])
  const [, refresh] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    const unsubscribe = client.subscribe((o) => {
      const line = describeOutcome(o)
      if (line) setLines((all) => [...all.slice(-30), line])
      else refresh()
    })
    return () => {
      unsubscribe()
      void client.shutdown()
    }
  }, [client])

  const { ledger, queueSize } = client.getState()
  const dropped = Object.entries(ledger.dropped)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ')
  return (
    <div className="ik-story" style={{ maxWidth: 680 }}>
      <p>
        The collector <strong>{describeCollector[collector]}</strong>. Batches leave after 2 s, or at once
        when flushed.
      </p>
      <div className="ik-actions">
        <button type="button" onClick={() => client.track('item_viewed', { sku: 'sku_1' })}>
          Track an event
        </button>
        <button
          type="button"
          onClick={() => {
            for (let i = 0; i < 10; i++) client.track('item_viewed', { sku: `sku_${i}` })
          }}
        >
          Track 10 events
        </button>
        <button type="button" onClick={() => client.track('report_exported', { rows: 'r'.repeat(4_000) })}>
          Track a 4 KB event
        </button>
        <button type="button" onClick={() => void client.flush()}>
          Flush
        </button>
        {collector === 'unreachable' && (
          <button
            type="button"
            disabled={up.current}
            onClick={() => {
              up.current = true
              refresh()
            }}
          >
            Bring the collector back
          </button>
        )}
      </div>
      <p role="status" aria-label="Ledger" style={{ fontFamily: 'var(--ik-mono)' }}>
        queued {queueSize} · tracked {ledger.tracked} = delivered {ledger.delivered} + dropped{' '}
        {ledger.droppedTotal}
        {dropped && ` (${dropped})`} + pending {ledger.pending}
      </p>
      <aside aria-label="Delivery" className="ik-log" style={{ position: 'static' }}>
        <header className="ik-log-head">
          <strong>Delivery ({lines.length})</strong>
        </header>
        {lines.length === 0 ? (
          <p className="ik-log-empty">Nothing sent yet.</p>
        ) : (
          <ol style={{ fontFamily: 'var(--ik-mono)', fontSize: 12 }}>
            {lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the log only grows at the end
              <li key={i}>{line}</li>
            ))}
          </ol>
        )}
      </aside>
    </div>
  )
}

/** Every way the demo's collector can answer. */
export const collectors = Object.keys(describeCollector) as Collector[]
