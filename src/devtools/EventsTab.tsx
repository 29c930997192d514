import { useState } from 'react'
import type { EventEntry, EventStatus, OutcomeHistory } from './createOutcomeHistory.js'
import { formatDuration, formatTime } from './formatTime.js'

const STATUSES: EventStatus[] = ['held', 'restored', 'queued', 'retrying', 'sent', 'dropped']

/** What the status badge of an event says. */
export function describeStatus(entry: EventEntry): string {
  switch (entry.status) {
    case 'tracked':
      return 'in pipeline'
    case 'held':
      return 'held: consent pending'
    case 'restored':
      return 'restored from storage'
    case 'queued':
      return 'queued'
    case 'retrying':
      return `retrying${entry.retryInMs === undefined ? '' : ` in ${formatDuration(entry.retryInMs)}`} (attempt ${entry.attempts}${entry.httpStatus === undefined ? ', network error' : `, HTTP ${entry.httpStatus}`})`
    case 'sent':
      return `sent${entry.attempts > 1 ? ` after ${entry.attempts} attempts` : ''}${entry.httpStatus === undefined ? '' : ` (HTTP ${entry.httpStatus})`}`
    case 'dropped':
      return `dropped: ${entry.reason}`
  }
}

/** Props of `EventsTab`. */
export interface EventsTabProps {
  history: OutcomeHistory
}

/** Recent events, newest first, each with its outcome; a row opens to show the event as queued. */
export function EventsTab({ history }: EventsTabProps) {
  const [filter, setFilter] = useState('')
  const [status, setStatus] = useState<EventStatus | 'all'>('all')
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const all = history.events()
  const needle = filter.trim().toLowerCase()
  const shown = all
    .filter(
      (e) => (status === 'all' || e.status === status) && (!needle || e.name.toLowerCase().includes(needle)),
    )
    .reverse()

  const toggle = (key: string) => {
    const next = new Set(open)
    if (!next.delete(key)) next.add(key)
    setOpen(next)
  }

  return (
    <>
      <div className="ikd-bar">
        <input
          type="search"
          aria-label="Filter events by name"
          placeholder="filter by name"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <select
          aria-label="Filter events by outcome"
          value={status}
          onChange={(e) => setStatus(e.target.value as EventStatus | 'all')}
        >
          <option value="all">every outcome</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <span className="ikd-dim">
          {shown.length} of {all.length} kept · {history.seen()} outcomes seen
        </span>
        <button type="button" onClick={() => history.clear()}>
          Clear
        </button>
      </div>
      {shown.length === 0 ? (
        <p className="ikd-dim">
          No events yet. Tracked events appear here with what the pipeline did to them.
        </p>
      ) : (
        <ol className="ikd-list" aria-label="Events, newest first">
          {shown.map((entry) => (
            <EventRow
              key={entry.key}
              entry={entry}
              open={open.has(entry.key)}
              onToggle={() => toggle(entry.key)}
            />
          ))}
        </ol>
      )}
    </>
  )
}

function EventRow({ entry, open, onToggle }: { entry: EventEntry; open: boolean; onToggle(): void }) {
  const rate = entry.event?.properties.sample_rate
  return (
    <li className="ikd-row">
      <button type="button" aria-expanded={open} onClick={onToggle}>
        {/* the spaces between the spans keep the accessible name readable: "10:02:03.120 cart_viewed queued" */}
        <span className="ikd-time">{formatTime(entry.timestamp)}</span>{' '}
        <span className="ikd-name">{entry.name}</span>{' '}
        <span className={`ikd-badge ikd-${entry.status}`}>{describeStatus(entry)}</span>
        {entry.sampled && ' '}
        {entry.sampled && (
          <span className="ikd-chip">sampled at {typeof rate === 'number' ? rate : '<1'}</span>
        )}
        {entry.redacted.length > 0 && ' '}
        {entry.redacted.length > 0 && <span className="ikd-chip">redacted: {entry.redacted.join(', ')}</span>}
        {entry.hashed.length > 0 && ' '}
        {entry.hashed.length > 0 && <span className="ikd-chip">hashed: {entry.hashed.join(', ')}</span>}
        {entry.truncated.length > 0 && ' '}
        {entry.truncated.length > 0 && (
          <span className="ikd-chip">truncated: {entry.truncated.join(', ')}</span>
        )}
      </button>
      {open && (
        <div className="ikd-detail">
          <table>
            <tbody>
              {entry.status === 'dropped' && (
                <tr>
                  <th>dropped at</th>
                  <td>
                    {entry.stage} stage: {entry.reason}
                    {entry.detail ? ` — ${entry.detail}` : ''}
                  </td>
                </tr>
              )}
              <tr>
                <th>message_id</th>
                <td>{entry.key}</td>
              </tr>
              {entry.event && (
                <tr>
                  <th>user / session</th>
                  <td>
                    {entry.event.user_id ?? entry.event.anonymous_id} · {entry.event.session_id} #
                    {entry.event.seq}
                  </td>
                </tr>
              )}
              <tr>
                <th>attempts</th>
                <td>
                  {entry.attempts}
                  {entry.via ? ` via ${entry.via}` : ''}
                </td>
              </tr>
              {entry.event?.context.experiments && (
                <tr>
                  <th>experiments</th>
                  <td>
                    {Object.entries(entry.event.context.experiments)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(', ')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          {entry.event && (
            <>
              <h3>properties</h3>
              <pre>{JSON.stringify(entry.event.properties, null, 2)}</pre>
            </>
          )}
        </div>
      )}
    </li>
  )
}
