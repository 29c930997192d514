/**
 * The logical schema every store keeps: one row type per table. Times are epoch milliseconds (UTC);
 * JSON columns hold the wire's objects as JSON text, so both dialects can read them with plain SQL.
 */

/** Whether an event matched the app's catalogue at ingest. */
export type SchemaStatus = 'valid' | 'invalid' | 'unknown' | 'unchecked'

/** A row of `events`: the wire fields, corrected and client times, enrichment and ingest metadata. */
export interface EventRow {
  /** The event's id; the `events_unique` view keeps one row per id. */
  message_id: string
  /** The event's name. */
  event_name: string
  /** Corrected for client clock skew and clamped when in the future; what reports use. */
  timestamp_ms: number
  /** The client's own `timestamp`, as sent. */
  client_timestamp_ms: number
  /** The batch's `sent_at`, when it had one. */
  sent_at_ms: number | null
  /** When the collector received the batch. */
  received_at_ms: number
  /** The event's `user_id`. */
  user_id: string | null
  /** The event's `anonymous_id`. */
  anonymous_id: string
  /** The event's `session_id`. */
  session_id: string
  /** The event's per-session counter. */
  seq: number
  /** JSON object text. */
  properties: string
  /** JSON object text, as the client sent it. */
  context: string
  /** `context.page.path`, when the event has it. */
  page_path: string | null
  /** Derived from the user agent and client hints, e.g. `Chrome`. */
  browser: string | null
  /** The browser's version. */
  browser_version: string | null
  /** The operating system, e.g. `macOS`. */
  os: string | null
  /** Its version. */
  os_version: string | null
  /** `desktop`, `mobile`, `tablet`, `bot`… */
  device_type: string | null
  /** Whether the user agent is a known bot or crawler; reports leave bots out. */
  is_bot: boolean
  /** The batch's write key. */
  write_key: string | null
  /** Only when the collector was asked to keep addresses. */
  ip: string | null
  /** Whether the event matched the app's catalogue at ingest. */
  schema_status: SchemaStatus
  /** Why the event did not match the catalogue (first issues, with their paths). */
  schema_error: string | null
}

/** A row of `metric_points`: one aggregated point of the wire's `metrics`. */
export interface MetricRow {
  /** The point's id from the wire, or one made at ingest; reports count each id once. */
  id: string
  /** The metric's name. */
  name: string
  /** The metric's kind. */
  type: 'counter' | 'gauge' | 'histogram'
  /** JSON object text of string tags. */
  tags: string
  /** Start of the point's interval. */
  start_ms: number
  /** End of the point's interval. */
  end_ms: number
  /** Counter: the sum; gauge: the last value; null for histograms. */
  value: number | null
  /** Histogram: how many values. */
  count: number | null
  /** Histogram: their sum. */
  sum: number | null
  /** Histogram: the smallest. */
  min: number | null
  /** Histogram: the largest. */
  max: number | null
  /** JSON array text of histogram bucket bounds, or null. */
  bounds: string | null
  /** JSON array text of histogram bucket counts, or null. */
  buckets: string | null
  /** When the collector received the batch. */
  received_at_ms: number
  /** The batch's write key. */
  write_key: string | null
}

/** A row of `ingest_rejections`: one rejected event, or one rejected request when `message_id` is null. */
export interface RejectionRow {
  /** When the collector received the request. */
  received_at_ms: number
  /** The request's write key, when it had one. */
  write_key: string | null
  /** The rejected event's id; null when the whole request was rejected. */
  message_id: string | null
  /** The rejected event's name, when it had one. */
  event_name: string | null
  /** A stable reason code, e.g. `malformed_json`, `event_too_large`, `rate_limited`. */
  reason: string
  /** What was wrong, in words. */
  detail: string | null
  /** Events the rejection covers (1 for an event; the batch's count, when known, for a request). */
  events: number
}

/** Rows written together, durably, in one call. */
export interface WriteSet {
  /** Rows for `events`. */
  events: EventRow[]
  /** Rows for `metric_points`. */
  metrics: MetricRow[]
  /** Rows for `ingest_rejections`. */
  rejections: RejectionRow[]
}

/** A value a query parameter may take; the store quotes it for its dialect. */
export type QueryParam = string | number | boolean | null | readonly (string | number)[]

/**
 * Where the collector keeps what it accepted. Each store creates and migrates the tables `events`,
 * `metric_points` and `ingest_rejections` in `init()`, and the views `events_unique` (one row per
 * `message_id`: the first received in DuckDB, the last written in ClickHouse) and `metric_points_unique`
 * (one row per point `id`), which reports read.
 */
export interface Store {
  /** The SQL dialect `query` speaks; `memory` runs no SQL. */
  readonly dialect: 'duckdb' | 'clickhouse' | 'memory'
  /** Creates or migrates the schema. Safe to call again. */
  init(): Promise<void>
  /** Appends rows; resolves only once they are durable (they survive the process being killed). */
  write(rows: WriteSet): Promise<void>
  /** `message_id`s received at or after `sinceMs` (newest first, at most `limit`), to seed ingest dedup after a restart. */
  recentMessageIds(sinceMs: number, limit: number): Promise<string[]>
  /**
   * Runs read-only SQL in the store's dialect. `{name}` placeholders are replaced by `params[name]`,
   * quoted as literals for the dialect (arrays become `(a, b)` lists). Numbers come back as numbers.
   */
  query<T = Record<string, unknown>>(sql: string, params?: Record<string, QueryParam>): Promise<T[]>
  /** True when the store answers. */
  ping(): Promise<boolean>
  /** Waits for pending writes and releases the connection or file. */
  close(): Promise<void>
}
