import type { Analytics, AnalyticsState } from '../core/createAnalytics.js'
import type { OutcomeHistory } from './createOutcomeHistory.js'
import { formatDuration, formatTime } from './formatTime.js'

/** Props of `DeliveryTab`. */
export interface DeliveryTabProps {
  client: Analytics
  history: OutcomeHistory
  state: AnalyticsState
}

/** The queue, the ledger with its invariant checked, and recent batch attempts with their retries. */
export function DeliveryTab({ client, history, state }: DeliveryTabProps) {
  const { ledger } = state
  const held = history.events().filter((e) => e.status === 'held').length
  const batches = history.batches().reverse()
  const balanced = ledger.tracked === ledger.delivered + ledger.droppedTotal + ledger.pending
  const reasons = Object.entries(ledger.dropped).filter(([, n]) => n)

  return (
    <>
      <h3>Queue</h3>
      <div className="ikd-bar">
        <span data-testid="queue-size">
          {state.queueSize} {state.queueSize === 1 ? 'event' : 'events'} waiting to be sent
          {held > 0 ? ` · ${held} held until consent is decided` : ''}
        </span>
        <button
          type="button"
          onClick={() => {
            void client.flush().then(history.touch)
          }}
        >
          Flush now
        </button>
      </div>

      <h3>Ledger</h3>
      <table aria-label="Ledger">
        <tbody>
          <tr>
            <th>tracked</th>
            <td>
              {ledger.tracked}
              {ledger.restored > 0 ? ` (${ledger.restored} restored from an earlier page)` : ''}
            </td>
          </tr>
          <tr>
            <th>delivered</th>
            <td>{ledger.delivered}</td>
          </tr>
          <tr>
            <th>dropped</th>
            <td>{ledger.droppedTotal}</td>
          </tr>
          {reasons.map(([reason, n]) => (
            <tr key={reason}>
              <th>&nbsp;&nbsp;{reason}</th>
              <td>{n}</td>
            </tr>
          ))}
          <tr>
            <th>pending</th>
            <td>{ledger.pending}</td>
          </tr>
        </tbody>
      </table>
      <p className={balanced ? 'ikd-ok' : 'ikd-bad'} data-testid="ledger-check">
        tracked = delivered + dropped + pending: {ledger.tracked} = {ledger.delivered} + {ledger.droppedTotal}{' '}
        + {ledger.pending} {balanced ? '✓' : '✗ out of balance'}
      </p>

      <h3>Batches</h3>
      {batches.length === 0 ? (
        <p className="ikd-dim">No batch has been sent yet.</p>
      ) : (
        <table aria-label="Batches, newest first">
          <thead>
            <tr>
              <th>time</th>
              <th>result</th>
              <th>events</th>
              <th>attempt</th>
              <th>status</th>
              <th>via / error</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id}>
                <td>{formatTime(b.at)}</td>
                <td className={`ikd-${b.result}`}>
                  {b.result === 'retrying' && b.retryInMs !== undefined
                    ? `retry in ${formatDuration(b.retryInMs)}`
                    : b.result === 'failed'
                      ? 'failed, dropped'
                      : 'sent'}
                </td>
                <td>{b.events}</td>
                <td>{b.attempt}</td>
                <td>{b.status ?? 'network error'}</td>
                <td>
                  {b.via ?? b.error ?? ''}
                  {b.bytes ? ` · ${b.bytes} B` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
