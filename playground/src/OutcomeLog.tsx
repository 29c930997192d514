import { useEffect, useState } from 'react'
import type { PipelineOutcome } from '../../src/index.js'
import { analytics } from './analytics.js'

let seen = 0

/** Every pipeline outcome of the playground's client, newest first. */
export function OutcomeLog() {
  const [outcomes, setOutcomes] = useState<{ id: number; outcome: PipelineOutcome }[]>([])
  const [ledger, setLedger] = useState(() => analytics.getState().ledger)
  useEffect(
    () =>
      analytics.subscribe((outcome) => {
        if (outcome.type === 'tracked') return
        setOutcomes((list) => [{ id: ++seen, outcome }, ...list].slice(0, 100))
        setLedger(analytics.getState().ledger)
      }),
    [],
  )
  return (
    <aside aria-label="Pipeline outcomes" style={{ fontSize: 13 }}>
      <h2>Pipeline</h2>
      <p data-testid="ledger">
        tracked {ledger.tracked} = delivered {ledger.delivered} + dropped {ledger.droppedTotal} + pending{' '}
        {ledger.pending}
      </p>
      <ol reversed style={{ paddingLeft: 20 }}>
        {outcomes.map(({ id, outcome }) => (
          <li key={id}>{describe(outcome)}</li>
        ))}
      </ol>
    </aside>
  )
}

function describe(o: PipelineOutcome): string {
  switch (o.type) {
    case 'queued':
      return `queued ${o.event.event_name}${o.redacted.length ? ` (redacted ${o.redacted.join(', ')})` : ''}${o.sampled ? ' (sampled)' : ''}`
    case 'dropped':
      return `dropped ${o.event_name}: ${o.reason}${o.detail ? ` — ${o.detail}` : ''}`
    case 'held':
      return `held ${o.event.event_name} until consent`
    case 'sent':
      return `sent ${o.message_ids.length} event(s) via ${o.via} (attempt ${o.attempt})`
    case 'failed':
      return `failed ${o.message_ids.length} event(s): ${o.status ?? o.error}${o.retry_in_ms !== undefined ? `, retry in ${Math.round(o.retry_in_ms)} ms` : ''}`
    case 'restored':
      return `restored ${o.events.length} event(s) from an earlier page load`
    default:
      return o.type
  }
}
