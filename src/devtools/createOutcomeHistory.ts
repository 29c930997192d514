import type { Analytics } from '../core/createAnalytics.js'
import type { AnalyticsEvent, DropReason, PipelineOutcome, Stage } from '../core/types.js'
import type { MetricPoint } from '../delivery/types.js'
import { installedMetrics } from '../metrics/withMetrics.js'

/** Where an event stands, as the devtools show it. */
export type EventStatus = 'tracked' | 'held' | 'restored' | 'queued' | 'retrying' | 'sent' | 'dropped'

/** The life of one event, folded from its pipeline outcomes. Mutated in place as outcomes arrive. */
export interface EventEntry {
  /** The message id, or a made-up key for events that could not be built. */
  key: string
  name: string
  /** When the event was tracked (ISO-8601), when known. */
  timestamp?: string
  status: EventStatus
  /** The latest form of the event: after privacy and middleware once it is queued. */
  event?: AnalyticsEvent
  redacted: string[]
  hashed: string[]
  /** Property paths cut by the JSON rules (long strings, deep nesting, cycles). */
  truncated: string[]
  sampled: boolean
  /** Delivery attempts that included this event. */
  attempts: number
  /** HTTP status of the last attempt. */
  httpStatus?: number
  via?: string
  retryInMs?: number
  reason?: DropReason
  stage?: Stage
  detail?: string
}

/** One delivery attempt of one batch. */
export interface BatchEntry {
  id: number
  /** Client clock (`internals.now()`) when the outcome arrived. */
  at: number
  result: 'sent' | 'retrying' | 'failed'
  events: number
  attempt: number
  status?: number
  bytes?: number
  via?: string
  error?: string
  retryInMs?: number
}

/** The points of one closed metrics aggregation interval. */
export interface MetricInterval {
  /** Client clock when the interval closed. */
  at: number
  points: MetricPoint[]
}

/** A bounded record of recent outcomes of one client, kept outside React state. */
export interface OutcomeHistory {
  /** Recent events, oldest first (at most `limit`). */
  events(): EventEntry[]
  /** Recent delivery attempts, oldest first (at most `limit / 4`). */
  batches(): BatchEntry[]
  /** The latest `experiment_exposed` event of each experiment key, with its live outcome. */
  exposures(): ReadonlyMap<string, EventEntry>
  /** The last closed metrics intervals, oldest first (at most 5). */
  metricIntervals(): MetricInterval[]
  /** Outcomes seen since the history started, including those no longer kept. */
  seen(): number
  /** Changes whenever the history does; a `useSyncExternalStore` snapshot. */
  version(): number
  /** Calls `listener` at most once per task after the history changed. */
  subscribe(listener: () => void): () => void
  /** Signals a change that did not come through an outcome (consent, identity, overrides). */
  touch(): void
  clear(): void
  /** Stops listening to the client. */
  stop(): void
}

/**
 * Records the recent pipeline outcomes of `client` in a bounded buffer: a `Map` keyed by message id,
 * whose insertion order makes the oldest entry the first to be evicted. Each outcome costs O(1)
 * (a batch outcome O(batch size)); nothing is rendered, so a closed panel costs a map update per event.
 * It also keeps the latest exposure per experiment and the last closed metrics intervals.
 */
export function createOutcomeHistory(client: Analytics, limit = 200): OutcomeHistory {
  const entries = new Map<string, EventEntry>()
  const batches: BatchEntry[] = []
  const exposures = new Map<string, EventEntry>()
  const intervals: MetricInterval[] = []
  const listeners = new Set<() => void>()
  const maxBatches = Math.max(1, Math.floor(limit / 4))
  let version = 0
  let seen = 0
  let anonymous = 0
  let batchId = 0
  let notifying = false

  const notify = () => {
    version++
    if (notifying || listeners.size === 0) return
    notifying = true
    // a burst of track() calls in one task becomes one panel render
    queueMicrotask(() => {
      notifying = false
      for (const listener of listeners) listener()
    })
  }

  const add = (key: string, name: string): EventEntry => {
    const entry: EventEntry = {
      key,
      name,
      status: 'tracked',
      redacted: [],
      hashed: [],
      truncated: [],
      sampled: false,
      attempts: 0,
    }
    entries.set(key, entry)
    if (entries.size > limit) entries.delete(entries.keys().next().value!)
    return entry
  }

  const entryFor = (event: AnalyticsEvent): EventEntry => {
    const entry = entries.get(event.message_id) ?? add(event.message_id, event.event_name)
    entry.event = event
    entry.timestamp = event.timestamp
    if (event.event_name === 'experiment_exposed') {
      const key = event.properties.experiment_key
      if (typeof key === 'string') exposures.set(key, entry)
    }
    return entry
  }

  const onOutcome = (outcome: PipelineOutcome) => {
    seen++
    switch (outcome.type) {
      case 'tracked':
        entryFor(outcome.event)
        break
      case 'held':
        entryFor(outcome.event).status = 'held'
        break
      case 'restored':
        for (const event of outcome.events) entryFor(event).status = 'restored'
        break
      case 'queued': {
        const entry = entryFor(outcome.event)
        entry.status = 'queued'
        entry.redacted = outcome.redacted
        entry.hashed = outcome.hashed
        entry.truncated = outcome.truncated ?? []
        entry.sampled = outcome.sampled
        break
      }
      case 'dropped': {
        const key = outcome.message_id || `unbuilt:${++anonymous}`
        const entry = outcome.event
          ? entryFor(outcome.event)
          : (entries.get(key) ?? add(key, outcome.event_name))
        entry.status = 'dropped'
        entry.reason = outcome.reason
        entry.stage = outcome.stage
        if (outcome.detail !== undefined) entry.detail = outcome.detail
        break
      }
      case 'sent':
      case 'failed': {
        const retrying = outcome.type === 'failed' && outcome.retry_in_ms !== undefined
        const result = outcome.type === 'sent' ? 'sent' : retrying ? 'retrying' : 'failed'
        batches.push({
          id: ++batchId,
          at: client.internals.now(),
          result,
          events: outcome.message_ids.length,
          attempt: outcome.attempt,
          ...(outcome.status !== undefined && { status: outcome.status }),
          ...(outcome.type === 'sent' && { bytes: outcome.bytes, via: outcome.via }),
          ...(outcome.type === 'failed' && outcome.error !== undefined && { error: outcome.error }),
          ...(retrying && { retryInMs: outcome.retry_in_ms }),
        })
        if (batches.length > maxBatches) batches.shift()
        for (const id of outcome.message_ids) {
          const entry = entries.get(id)
          if (!entry) continue
          entry.attempts++
          entry.httpStatus = outcome.status
          if (outcome.type === 'sent') {
            entry.status = 'sent'
            entry.via = outcome.via
            entry.retryInMs = undefined
          } else if (retrying) {
            entry.status = 'retrying'
            entry.retryInMs = outcome.retry_in_ms
          }
          // a final failure is followed by a `dropped` outcome that carries the reason
        }
        break
      }
    }
    notify()
  }

  const unsubscribe = client.subscribe(onOutcome)
  const unsubscribeMetrics = installedMetrics(client)?.subscribe((points) => {
    if (points.length === 0) return
    intervals.push({ at: client.internals.now(), points })
    if (intervals.length > 5) intervals.shift()
    notify()
  })

  return {
    events: () => [...entries.values()],
    batches: () => batches.slice(),
    exposures: () => exposures,
    metricIntervals: () => intervals.slice(),
    seen: () => seen,
    version: () => version,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    touch: notify,
    clear() {
      entries.clear()
      batches.length = 0
      intervals.length = 0
      notify()
    },
    stop() {
      unsubscribe()
      unsubscribeMetrics?.()
    },
  }
}

const histories = new WeakMap<Analytics, OutcomeHistory>()

/**
 * The one history of `client`, started on first use and kept for the client's lifetime, so that
 * events tracked before the panel's code has loaded, or while it is closed, are still shown.
 */
export function historyFor(client: Analytics): OutcomeHistory {
  let history = histories.get(client)
  if (!history) {
    history = createOutcomeHistory(client)
    histories.set(client, history)
  }
  return history
}
