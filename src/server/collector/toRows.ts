import type { EventSchemas } from '../../core/createAnalytics.js'
import { validateProperties } from '../../core/validation.js'
import type { EventRow, MetricRow, RejectionRow, SchemaStatus } from '../stores/types.js'
import type { Enrichment } from './enrich.js'
import { isObject } from './parseBatch.js'

/** Per-event limits the collector enforces (defaults follow Segment's tracking API). */
export interface EventLimits {
  /** Bytes of one event's JSON (default 32 KB). */
  maxEventBytes: number
  /** Characters of a `message_id` (default 100). */
  maxMessageIdLength: number
}

/** What the collector knows about the request an event came in. */
export interface Arrival {
  received_at_ms: number
  sent_at_ms: number | undefined
  write_key: string | null
  ip: string | null
  /** The request's `User-Agent`, for clients that send no `context.user_agent`. */
  userAgent: string
}

/** An event that passed the checks, waiting for dedup and catalogue validation. */
export interface CheckedEvent {
  row: EventRow
  properties: Record<string, unknown>
}

const MAX_NAME = 255
const encoder = new TextEncoder()

const rejection = (
  arrival: Arrival,
  reason: string,
  detail: string | null,
  message_id: string | null = null,
  event_name: string | null = null,
): RejectionRow => ({
  received_at_ms: arrival.received_at_ms,
  write_key: arrival.write_key,
  message_id,
  event_name,
  reason,
  detail,
  events: 1,
})

export { rejection }

/**
 * Checks one wire event and turns it into a row: identity, ids and sizes checked, the timestamp
 * corrected for the client's clock skew (`received_at − (sent_at − timestamp)`) and never later than
 * its arrival, browser/OS/device derived from the user agent. Returns a rejection row instead when the
 * event cannot be stored.
 */
export function toEventRow(
  raw: unknown,
  index: number,
  arrival: Arrival,
  limits: EventLimits,
  enrich: (userAgent: string, hints: unknown) => Enrichment,
): CheckedEvent | RejectionRow {
  const path = `events[${index}]`
  if (!isObject(raw)) return rejection(arrival, 'invalid_event', `${path}: expected an object`)
  const { message_id, event_name, timestamp, user_id, anonymous_id, session_id, seq } = raw
  const name = typeof event_name === 'string' ? event_name : null
  if (typeof message_id !== 'string' || message_id === '')
    return rejection(
      arrival,
      'missing_message_id',
      `${path}.message_id: expected a non-empty string`,
      null,
      name,
    )
  if (message_id.length > limits.maxMessageIdLength)
    return rejection(
      arrival,
      'message_id_too_long',
      `${path}.message_id: ${message_id.length} characters, at most ${limits.maxMessageIdLength}`,
      message_id.slice(0, limits.maxMessageIdLength),
      name,
    )
  const reject = (reason: string, field: string, message: string) =>
    rejection(arrival, reason, `${path}${field && `.${field}`}: ${message}`, message_id, name)
  if (name === null || name === '' || name.length > MAX_NAME)
    return reject('invalid_event', 'event_name', `expected a string of 1 to ${MAX_NAME} characters`)
  if (user_id != null && typeof user_id !== 'string')
    return reject('invalid_event', 'user_id', 'expected a string')
  if (anonymous_id != null && typeof anonymous_id !== 'string')
    return reject('invalid_event', 'anonymous_id', 'expected a string')
  if (!user_id && !anonymous_id)
    return reject('missing_identity', 'anonymous_id', 'an event needs an anonymous_id or a user_id')
  if (session_id != null && typeof session_id !== 'string')
    return reject('invalid_event', 'session_id', 'expected a string')
  if (seq != null && !(Number.isInteger(seq) && (seq as number) >= 0))
    return reject('invalid_event', 'seq', 'expected a whole number')
  const properties = raw.properties ?? {}
  const context = raw.context ?? {}
  if (!isObject(properties)) return reject('invalid_event', 'properties', 'expected an object')
  if (!isObject(context)) return reject('invalid_event', 'context', 'expected an object')
  const propertiesJson = JSON.stringify(properties)
  const contextJson = JSON.stringify(context)
  const bytes = eventBytes(raw, propertiesJson, contextJson, limits.maxEventBytes)
  if (bytes > limits.maxEventBytes)
    return reject('event_too_large', '', `${bytes} bytes, at most ${limits.maxEventBytes}`)
  let client = arrival.received_at_ms
  if (timestamp != null) {
    client = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN
    if (Number.isNaN(client))
      return reject('invalid_timestamp', 'timestamp', 'expected an ISO-8601 date string')
  }
  const corrected =
    arrival.sent_at_ms === undefined ? client : arrival.received_at_ms - (arrival.sent_at_ms - client)
  const userAgent = typeof context.user_agent === 'string' ? context.user_agent : arrival.userAgent
  const found = enrich(userAgent, context.user_agent_data)
  const page = context.page
  return {
    properties,
    row: {
      message_id,
      event_name: name,
      timestamp_ms: Math.min(corrected, arrival.received_at_ms),
      client_timestamp_ms: client,
      sent_at_ms: arrival.sent_at_ms ?? null,
      received_at_ms: arrival.received_at_ms,
      user_id: (user_id as string | null | undefined) || null,
      anonymous_id: (anonymous_id as string | undefined) || '',
      session_id: (session_id as string | undefined) ?? '',
      seq: (seq as number | undefined) ?? 0,
      properties: propertiesJson,
      context: contextJson,
      page_path: isObject(page) && typeof page.path === 'string' ? page.path : null,
      ...found,
      write_key: arrival.write_key,
      ip: arrival.ip,
      schema_status: 'unchecked',
      schema_error: null,
    },
  }
}

// The size of the event's JSON without serialising it whole: properties and context are serialised
// anyway, and a UTF-16 length bounds the UTF-8 size from above (3 bytes per unit at most), so only an
// event near the limit is measured exactly.
function eventBytes(raw: Record<string, unknown>, properties: string, context: string, max: number): number {
  let units = properties.length + context.length
  for (const key of Object.keys(raw)) {
    if (key === 'properties' || key === 'context') continue
    const value = raw[key]
    units += key.length + 6 + (typeof value === 'string' ? value.length : 24)
  }
  if (units * 3 <= max) return units
  return encoder.encode(JSON.stringify(raw)).byteLength
}

/** How events outside the catalogue, or failing it, are treated at ingest. */
export interface CataloguePolicy {
  /** `'flag'` (default) stores them with `schema_status` `unknown`; `'reject'` refuses them. */
  unknown: 'flag' | 'reject'
  /** `'flag'` (default) stores them with `schema_status` `invalid` and the issues; `'reject'` refuses them. */
  invalid: 'flag' | 'reject'
}

// events a client emits by itself, known whatever the app's catalogue says
const BUILT_IN = new Set(['session_started', 'user_identified', 'page_viewed', 'experiment_exposed'])

/** Checks an event's properties against the app's catalogue; sets `schema_status` and `schema_error`. */
export async function checkCatalogue(
  event: CheckedEvent,
  schemas: EventSchemas | undefined,
): Promise<{ status: SchemaStatus; error: string | null }> {
  if (!schemas) return { status: 'unchecked', error: null }
  const schema = schemas[event.row.event_name]
  if (!schema)
    return BUILT_IN.has(event.row.event_name)
      ? { status: 'valid', error: null }
      : { status: 'unknown', error: `"${event.row.event_name}" is not in the event catalogue` }
  const result = await validateProperties(schema, event.properties)
  return result.ok ? { status: 'valid', error: null } : { status: 'invalid', error: result.issues.join('; ') }
}

const METRIC_TYPES = new Set(['counter', 'gauge', 'histogram'])
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const numbers = (value: unknown) =>
  Array.isArray(value) && value.every((n) => typeof n === 'number' && Number.isFinite(n))
    ? JSON.stringify(value)
    : null

/** Checks one wire metric point and turns it into a row, or a rejection naming what is wrong. */
export function toMetricRow(raw: unknown, index: number, arrival: Arrival): MetricRow | RejectionRow {
  const path = `metrics[${index}]`
  const reject = (detail: string) => rejection(arrival, 'invalid_metric', `${path}${detail}`)
  if (!isObject(raw)) return reject(': expected an object')
  const { id, name, type, tags = {}, start, end } = raw
  if (typeof name !== 'string' || !name || name.length > MAX_NAME)
    return reject('.name: expected a non-empty string')
  if (typeof type !== 'string' || !METRIC_TYPES.has(type))
    return reject('.type: expected "counter", "gauge" or "histogram"')
  if (!isObject(tags)) return reject('.tags: expected an object of strings')
  const startMs = typeof start === 'string' ? Date.parse(start) : Number.NaN
  const endMs = typeof end === 'string' ? Date.parse(end) : Number.NaN
  if (Number.isNaN(startMs) || Number.isNaN(endMs))
    return reject('.start/end: expected ISO-8601 date strings')
  const stringTags: Record<string, string> = {}
  for (const key of Object.keys(tags)) stringTags[key] = String(tags[key])
  const skew = arrival.sent_at_ms === undefined ? 0 : arrival.received_at_ms - arrival.sent_at_ms
  return {
    id: typeof id === 'string' && id && id.length <= 100 ? id : crypto.randomUUID(),
    name,
    type: type as MetricRow['type'],
    tags: JSON.stringify(stringTags),
    start_ms: Math.min(startMs + skew, arrival.received_at_ms),
    end_ms: Math.min(endMs + skew, arrival.received_at_ms),
    value: num(raw.value),
    count: num(raw.count),
    sum: num(raw.sum),
    min: num(raw.min),
    max: num(raw.max),
    bounds: numbers(raw.bounds),
    buckets: numbers(raw.buckets),
    received_at_ms: arrival.received_at_ms,
    write_key: arrival.write_key,
  }
}
