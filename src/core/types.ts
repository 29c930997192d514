/** A value that survives `JSON.stringify` unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** Free-form properties as the application passes them; the pipeline makes them JSON-safe. */
export type Properties = Record<string, unknown>

/** The page an event was tracked on. */
export type PageContext = {
  path: string
  url: string
  title: string
}

/** The low-entropy user-agent client hints (`navigator.userAgentData`) of browsers that have them. */
export type UserAgentData = {
  brands?: { brand: string; version: string }[]
  mobile?: boolean
  platform?: string
}

/** Where an event came from. Fields that have no meaning in the current runtime are absent, not faked. */
export interface EventContext {
  platform?: 'web' | 'node' | 'worker' | (string & {})
  /** The browser's user agent, sent as is: the collector derives browser, system and device from it. */
  user_agent?: string
  /** The user-agent client hints, where the browser has them (Chromium). */
  user_agent_data?: UserAgentData
  /** Filled by the collector from `user_agent` and `user_agent_data`, never by the browser. */
  device_type?: 'desktop' | 'mobile' | 'tablet' | 'bot' | (string & {})
  /** Filled by the collector. */
  browser?: string
  /** Filled by the collector. */
  browser_version?: string
  /** Filled by the collector. */
  os?: string
  screen_resolution?: string
  referrer?: string
  utm_source?: string
  utm_medium?: string
  utm_campaign?: string
  utm_term?: string
  utm_content?: string
  page?: PageContext
  locale?: string
  timezone?: string
  library: { name: string; version: string }
  /** Active experiment assignments: experiment key → variation name. */
  experiments?: Record<string, string>
  [key: string]: JsonValue | undefined
}

/** An event as it travels the pipeline and the wire (docs/client.md, "The event"). */
export interface AnalyticsEvent {
  event_name: string
  /** UUID made once; the collector deduplicates on it. */
  message_id: string
  /** ISO-8601, when `track` was called. */
  timestamp: string
  user_id: string | null
  anonymous_id: string
  session_id: string
  /** Per-session counter, so a collector can detect gaps. */
  seq: number
  properties: Record<string, JsonValue>
  context: EventContext
}

/** Why an event did not reach the collector. Every drop is counted in the ledger under one of these. */
export type DropReason =
  | 'consent_denied'
  | 'consent_overflow'
  | 'naming'
  | 'invalid'
  | 'unknown_event'
  | 'sampled_out'
  | 'privacy'
  | 'middleware'
  | 'too_large'
  | 'queue_full'
  | 'retries_exhausted'
  | 'client_closed'
  | 'internal_error'
  | 'no_identity'
  | `http_${number}`

/** The pipeline stage that produced an outcome. */
export type Stage =
  | 'build'
  | 'consent'
  | 'naming'
  | 'validation'
  | 'sampling'
  | 'privacy'
  | 'middleware'
  | 'enqueue'
  | 'delivery'

/** One observable step of an event's life, delivered to `analytics.subscribe` listeners. */
export type PipelineOutcome =
  | { type: 'tracked'; event: AnalyticsEvent }
  | { type: 'held'; event: AnalyticsEvent; stage: 'consent' }
  | {
      type: 'dropped'
      reason: DropReason
      stage: Stage
      /** Absent only when the event could not even be built. */
      event?: AnalyticsEvent
      event_name: string
      message_id?: string
      /** A readable explanation (the failed checks, the status), in development builds only. */
      detail?: string
    }
  | {
      type: 'queued'
      event: AnalyticsEvent
      /** Property paths whose value was redacted or hashed by the privacy stage. */
      redacted: string[]
      hashed: string[]
      sampled: boolean
      /** Property paths the JSON rules cut (long strings, deep nesting, cycles, unreadable values), when any. */
      truncated?: string[]
    }
  | {
      /** Events persisted by an earlier page load that this client will deliver; they join the ledger as tracked. */
      type: 'restored'
      events: AnalyticsEvent[]
    }
  | { type: 'sent'; message_ids: string[]; status: number; attempt: number; bytes: number; via: string }
  | {
      type: 'failed'
      message_ids: string[]
      status?: number
      error?: string
      attempt: number
      /** When the batch will be tried again, or undefined when it will not be. */
      retry_in_ms?: number
    }

/** A listener for pipeline outcomes. Exceptions it throws are caught and reported once in development. */
export type OutcomeListener = (outcome: PipelineOutcome) => void

/** Counts that always satisfy `tracked = delivered + dropped + pending`. */
export interface Ledger {
  /** Events tracked by this client, plus events restored from an earlier page load. */
  tracked: number
  /** Of `tracked`, how many came from storage written by an earlier page load. */
  restored: number
  delivered: number
  pending: number
  dropped: Partial<Record<DropReason, number>>
  /** Sum of every `dropped` reason. */
  droppedTotal: number
}

/** Consent for collecting analytics; `pending` holds events in memory until decided. */
export type Consent = 'granted' | 'denied' | 'pending'
