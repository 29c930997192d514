import { useEffect, useReducer, useRef } from 'react'
import type { Analytics, AnalyticsEvent, PipelineOutcome, Properties } from '../../../src/index.js'
import { useAnalytics } from '../../../src/react.js'

/** Shown as the section heading on the features page. */
export const title = 'Pipeline: naming, validation, sampling, privacy, and what happened to each event'

interface Row {
  id: string
  name: string
  /** What the pipeline did with it, newest outcome last. */
  status: string
  tone: 'ok' | 'held' | 'dropped'
  detail?: string
  redacted: string[]
  hashed: string[]
  truncated: string[]
  sent?: AnalyticsEvent
}

// what each button tracks: every stage gets one event that shows what it does
const demos: { label: string; name: string; properties: () => Properties; explain: string }[] = [
  {
    label: 'Redacted: PII in keys and free text',
    name: 'support_request_sent',
    properties: () => ({
      email: 'ada@example.com',
      first_name: 'Ada',
      message: 'Call me on +44 20 7946 0958, card 4111 1111 1111 1111',
      topic: 'billing',
    }),
    explain:
      'email is hashed (the playground asks for it), first_name and the text’s phone and card redacted',
  },
  {
    label: 'Invalid: fails its schema',
    name: 'checkout_completed',
    properties: () => ({ order_id: 42, currency: 'USD' }),
    explain: 'the standard catalogue wants order_id as a string and an order_value',
  },
  {
    label: 'Sampled: one visitor in four',
    name: 'product_card_hovered',
    properties: () => ({ product_id: 101 }),
    explain: 'kept or dropped for this visitor as a whole; kept events carry sampled and sample_rate',
  },
  {
    label: 'Badly named',
    name: 'Clicked Buy Button',
    properties: () => ({ product_id: 101 }),
    explain: 'not [object]_[action]: a console warning in development, dropped in strict mode',
  },
  {
    label: 'Hostile values',
    name: 'values_sanitised',
    properties: () => {
      const cyclic: Record<string, unknown> = { name: 'loop' }
      cyclic.self = cyclic
      return {
        when: new Date('2026-11-28T10:00:00Z'),
        ratio: Number.NaN,
        big: 2n ** 70n,
        tags: new Set(['a', 'b']),
        cyclic,
        handler: () => 'never sent',
        long_text: 'x'.repeat(9_000),
      }
    },
    explain: 'Date → ISO, NaN → null, BigInt → string, Set → array, cycle → "[Circular]", long text cut',
  },
]

/**
 * Events tracked from here, followed through the client's pipeline with `subscribe`: queued (and later
 * sent), held for consent, or dropped with the stage's reason, with the paths privacy changed.
 */
function usePipelineLog(client: Analytics) {
  const rows = useRef(new Map<string, Row>())
  const capturing = useRef(false)
  const [, refresh] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    let scheduled = false
    const later = () => {
      if (scheduled) return
      scheduled = true
      // outcomes can arrive while another component renders: re-render on a microtask, not inside it
      queueMicrotask(() => {
        scheduled = false
        refresh()
      })
    }
    return client.subscribe((o: PipelineOutcome) => {
      if (o.type === 'tracked') {
        if (capturing.current && o.event.event_name !== 'session_started') {
          const id = o.event.message_id
          rows.current.set(id, {
            id,
            name: o.event.event_name,
            status: 'tracked',
            tone: 'ok',
            redacted: [],
            hashed: [],
            truncated: [],
          })
          later()
        }
        return
      }
      const ids =
        o.type === 'sent' || o.type === 'failed'
          ? o.message_ids
          : o.type === 'queued' || o.type === 'held'
            ? [o.event.message_id]
            : o.type === 'dropped' && o.message_id
              ? [o.message_id]
              : []
      for (const key of ids) {
        const row = rows.current.get(key)
        if (!row) continue
        if (o.type === 'queued') {
          Object.assign(row, {
            status: o.sampled ? `queued, sampled at ${o.event.properties.sample_rate}` : 'queued',
            tone: 'ok',
            redacted: o.redacted,
            hashed: o.hashed,
            truncated: o.truncated ?? [],
            sent: o.event,
          })
        } else if (o.type === 'held') Object.assign(row, { status: 'held until consent', tone: 'held' })
        else if (o.type === 'dropped')
          Object.assign(row, {
            status: `dropped at ${o.stage}: ${o.reason}`,
            tone: 'dropped',
            detail: o.detail,
          })
        else if (o.type === 'sent') row.status = `sent (HTTP ${o.status})`
        else if (o.type === 'failed')
          row.status = `send failed${o.retry_in_ms !== undefined ? ', will retry' : ''}`
        later()
      }
    })
  }, [client])

  const track = (name: string, properties: Properties) => {
    capturing.current = true
    try {
      client.track(name, properties)
    } finally {
      capturing.current = false
    }
  }
  return { rows: [...rows.current.values()].reverse(), track }
}

const tones = { ok: '#137333', held: '#b06000', dropped: '#c5221f' } as const

/** Buttons that send one event through each stage, and the log of what the pipeline did with them. */
export default function PipelineFeature() {
  const client = useAnalytics()
  const { rows, track } = usePipelineLog(client)
  const { ledger, consent } = client.getState()
  return (
    <div>
      <p className="hint">
        Each button tracks one event with <code>analytics.track</code>; the list follows it through the
        pipeline with <code>analytics.subscribe</code>. Consent is <strong>{consent}</strong>.
      </p>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {demos.map((demo) => (
          <button
            key={demo.label}
            type="button"
            title={demo.explain}
            onClick={() => track(demo.name, demo.properties())}
          >
            {demo.label}
          </button>
        ))}
      </div>
      <p data-testid="pipeline-ledger" style={{ fontSize: 13 }}>
        Ledger: tracked {ledger.tracked} = delivered {ledger.delivered} + dropped {ledger.droppedTotal} +
        pending {ledger.pending}
      </p>
      <ol aria-label="Pipeline outcomes" style={{ paddingLeft: 20 }}>
        {rows.map((row) => (
          <li key={row.id} style={{ margin: '8px 0' }}>
            <code style={{ fontWeight: 600 }}>{row.name}</code>{' '}
            <span style={{ color: tones[row.tone], fontSize: 13 }}>{row.status}</span>
            {row.detail && <div style={{ color: tones.dropped, fontSize: 12 }}>{row.detail}</div>}
            {row.redacted.length > 0 && (
              <div style={{ fontSize: 12 }}>redacted: {row.redacted.join(', ')}</div>
            )}
            {row.hashed.length > 0 && <div style={{ fontSize: 12 }}>hashed: {row.hashed.join(', ')}</div>}
            {row.truncated.length > 0 && <div style={{ fontSize: 12 }}>cut: {row.truncated.join(', ')}</div>}
            {row.sent && Object.keys(row.sent.properties).length === 0 && (
              <div className="hint" style={{ fontSize: 12 }}>
                sent with no properties
              </div>
            )}
            {row.sent && Object.keys(row.sent.properties).length > 0 && (
              <pre style={{ fontSize: 11, whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: '2px 0' }}>
                {JSON.stringify(
                  row.sent.properties,
                  (_, v) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 120)}…` : v),
                  1,
                )}
              </pre>
            )}
          </li>
        ))}
      </ol>
    </div>
  )
}
