/**
 * The logical schema every store keeps: one row type per table. Times are epoch milliseconds (UTC);
 * JSON columns hold the wire's objects as JSON text, so both dialects can read them with plain SQL.
 */

/** Whether an event matched the app's catalogue at ingest. */
export type SchemaStatus = 'valid' | 'invalid' | 'unknown' | 'unchecked'

/** A row of `events`: the wire fields, corrected and client times, enrichment and ingest metadata. */
export interface EventRow {
  message_id: string
  event_name: string
  /** Corrected for client clock skew and clamped when in the future; what reports use. */
  timestamp_ms: number
  /** The client's own `timestamp`, as sent. */
  client_timestamp_ms: number
  /** The batch's `sent_at`, when it had one. */
  sent_at_ms: number | null
  received_at_ms: number
  user_id: string | null
  anonymous_id: string
  session_id: string
  seq: number
  /** JSON object text. */
  properties: string
  /** JSON object text, as the client sent it. */
  context: string
  page_path: string | null
  browser: string | null
  browser_version: string | null
  os: string | null
  os_version: string | null
  device_type: string | null
  is_bot: boolean
  write_key: string | null
  /** Only when the collector was asked to keep addresses. */
  ip: string | null
  schema_status: SchemaStatus
  /** Why the event did not match the catalogue (first issues, with their paths). */
  schema_error: string | null
}

/** A row of `metric_points`: one aggregated point of the wire's `metrics`. */
export interface MetricRow {
  /** The point's id from the wire, or one made at ingest; reports count each id once. */
  id: string
  name: string
  type: 'counter' | 'gauge' | 'histogram'
  /** JSON object text of string tags. */
  tags: string
  start_ms: number
  end_ms: number
  value: number | null
  count: number | null
  sum: number | null
  min: number | null
  max: number | null
  /** JSON array text of histogram bucket bounds, or null. */
  bounds: string | null
  /** JSON array text of histogram bucket counts, or null. */
  buckets: string | null
  received_at_ms: number
  write_key: string | null
}

/** A row of `ingest_rejections`: one rejected event, or one rejected request when `message_id` is null. */
export interface RejectionRow {
  received_at_ms: number
  write_key: string | null
  message_id: string | null
  event_name: string | null
  /** A stable reason code, e.g. `malformed_json`, `event_too_large`, `rate_limited`. */
  reason: string
  detail: string | null
  /** Events the rejection covers (1 for an event; the batch's count, when known, for a request). */
  events: number
}

/** Rows written together, durably, in one call. */
export interface WriteSet {
  events: EventRow[]
  metrics: MetricRow[]
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
  close(): Promise<void>
}
