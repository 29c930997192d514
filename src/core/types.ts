/** A value that survives `JSON.stringify` unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** Free-form properties as the application passes them; the pipeline makes them JSON-safe. */
export type Properties = Record<string, unknown>

/** The page an event was tracked on. */
export type PageContext = {
  /** `location.pathname`, e.g. `/orders/42`. */
  path: string
  /** `location.href`: the full URL, query and fragment included (the privacy stage may redact parts). */
  url: string
  /** `document.title`. */
  title: string
}

/** The low-entropy user-agent client hints (`navigator.userAgentData`) of browsers that have them. */
export type UserAgentData = {
  /** The browser's brands with their major versions, e.g. `{ brand: 'Google Chrome', version: '131' }`. */
  brands?: {
    /** The brand's name. */
    brand: string
    /** Its major version. */
    version: string
  }[]
  /** Whether the browser asks for a mobile experience. */
  mobile?: boolean
  /** The operating system, e.g. `Android`, `macOS`, `Windows`. */
  platform?: string
}

/** Where an event came from. Fields that have no meaning in the current runtime are absent, not faked. */
export interface EventContext {
  /** The runtime the event was tracked in: `web`, `node` or `worker`. */
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
  /** The screen's size in CSS pixels, `widthxheight` (e.g. `1920x1080`). */
  screen_resolution?: string
  /** `document.referrer` of the page the client was made on. */
  referrer?: string
  /** The `utm_source` parameter of the URL the session landed on, kept for the rest of the session. */
  utm_source?: string
  /** The `utm_medium` parameter of the URL the session landed on, kept for the rest of the session. */
  utm_medium?: string
  /** The `utm_campaign` parameter of the URL the session landed on, kept for the rest of the session. */
  utm_campaign?: string
  /** The `utm_term` parameter of the URL the session landed on, kept for the rest of the session. */
  utm_term?: string
  /** The `utm_content` parameter of the URL the session landed on, kept for the rest of the session. */
  utm_content?: string
  /** The page the event was tracked on, read when it was tracked. */
  page?: PageContext
  /** The user's language, e.g. `en-GB` (`navigator.language`). */
  locale?: string
  /** The IANA time zone, e.g. `Europe/Berlin`. */
  timezone?: string
  /** The kit that sent the event. */
  library: {
    /** `instrumentkit`. */
    name: string
    /** The kit's version. */
    version: string
  }
  /** Active experiment assignments: experiment key → variation name. */
  experiments?: Record<string, string>
  [key: string]: JsonValue | undefined
}

/** An event as it travels the pipeline and the wire (docs/client.md, "The event"). */
export interface AnalyticsEvent {
  /** The event's name, snake_case by default (`checkout_completed`). */
  event_name: string
  /** UUID made once; the collector deduplicates on it. */
  message_id: string
  /** ISO-8601, when `track` was called. */
  timestamp: string
  /** The id given to `identify`, or null while the user is anonymous. */
  user_id: string | null
  /** A random id kept in storage that follows the browser across sessions until `reset`. */
  anonymous_id: string
  /** The session the event belongs to; a session ends after 30 minutes without events (`sessionTimeoutMs`). */
  session_id: string
  /** Per-session counter, so a collector can detect gaps. */
  seq: number
  /** The properties after validation, privacy rules and the JSON limits. */
  properties: Record<string, JsonValue>
  /** Where the event came from: page, user agent, locale, campaign, experiments. */
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
  | {
      /** `track` (or `page`, `identify`) built the event; the pipeline starts. */
      type: 'tracked'
      /** The event as built. */
      event: AnalyticsEvent
    }
  | {
      /** Consent is pending: the event waits in memory until it is granted or denied. */
      type: 'held'
      /** The event held. */
      event: AnalyticsEvent
      /** Always `consent`. */
      stage: 'consent'
    }
  | {
      /** The event will not be sent; it is counted in the ledger under `reason`. */
      type: 'dropped'
      /** Why it was dropped. */
      reason: DropReason
      /** The stage that dropped it. */
      stage: Stage
      /** Absent only when the event could not even be built. */
      event?: AnalyticsEvent
      /** The name the event was tracked with; `(number)`, `(undefined)`… when it was not a string. */
      event_name: string
      /** The event's id, when it had one. */
      message_id?: string
      /** A readable explanation (the failed checks, the status), in development builds only. */
      detail?: string
    }
  | {
      /** The event passed every stage and waits in the delivery queue. */
      type: 'queued'
      /** The event as it will be sent. */
      event: AnalyticsEvent
      /** Property paths whose value was redacted by the privacy stage. */
      redacted: string[]
      /** Property paths whose value was hashed by the privacy stage. */
      hashed: string[]
      /** Whether sampling applied to this event (it was kept at a rate below 1). */
      sampled: boolean
      /** Property paths the JSON rules cut (long strings, deep nesting, cycles, unreadable values), when any. */
      truncated?: string[]
    }
  | {
      /** Events persisted by an earlier page load that this client will deliver; they join the ledger as tracked. */
      type: 'restored'
      /** The restored events, oldest first. */
      events: AnalyticsEvent[]
    }
  | {
      /** A batch was acknowledged by the collector. */
      type: 'sent'
      /** The events of the batch. */
      message_ids: string[]
      /** The HTTP status of the answer (2xx). */
      status: number
      /** Which attempt succeeded, from 1. */
      attempt: number
      /** Bytes that went on the wire (after compression, when the transport reports it), else the body's size. */
      bytes: number
      /** The transport's name, e.g. `fetch` or `beacon`. */
      via: string
    }
  | {
      /** An attempt to send a batch failed; `retry_in_ms` says whether it will be tried again. */
      type: 'failed'
      /** The events of the batch. */
      message_ids: string[]
      /** The HTTP status of the answer, absent for network errors. */
      status?: number
      /** The error's message, when there was no answer (network error, a transport that threw). */
      error?: string
      /** Which attempt failed, from 1. */
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
  /** Events the collector acknowledged. */
  delivered: number
  /** Events held for consent, still in the pipeline, queued or in flight. */
  pending: number
  /** Dropped events by reason. */
  dropped: Partial<Record<DropReason, number>>
  /** Sum of every `dropped` reason. */
  droppedTotal: number
}

/** Consent for collecting analytics; `pending` holds events in memory until decided. */
export type Consent = 'granted' | 'denied' | 'pending'
