import type { AnalyticsEvent, JsonValue } from '../core/types.js'
import { post } from './post.js'
import { sendOnExit } from './sendOnExit.js'
import type { Batch, Transport } from './types.js'

/** One message of Segment's `/v1/batch` API. */
export interface SegmentMessage {
  /** `page` for `page_viewed`, `identify` for `user_identified`, `track` for every other event. */
  type: 'track' | 'page' | 'identify'
  /** The event's `message_id`, which Segment deduplicates on. */
  messageId: string
  /** The event's `timestamp`. */
  timestamp: string
  /** The event's `anonymous_id`. */
  anonymousId: string
  /** The event's `user_id`, when there is one. */
  userId?: string
  /** The event name (`track` only). */
  event?: string
  /** Event properties (`track` and `page`). */
  properties?: Record<string, JsonValue>
  /** User traits (`identify`, from the `user_identified` event's properties). */
  traits?: Record<string, JsonValue>
  /** The event's context in Segment's names (`campaign`, `page.referrer`), with `session_id` and `seq`. */
  context: Record<string, unknown>
}

/** The body of a Segment `/v1/batch` request. */
export interface SegmentBatch {
  /** The events as Segment messages. */
  batch: SegmentMessage[]
  /** When the batch left the client (the batch's `sent_at`). */
  sentAt: string
  /** The Segment source's write key. */
  writeKey: string
}

/**
 * Maps a batch to Segment's `/v1/batch` format: `page_viewed` becomes a `page` call, `user_identified`
 * an `identify` call with the properties as traits, everything else a `track` call. Context fields
 * are renamed where Segment has a name for them (`utm_*` → `campaign`, page referrer), `session_id` and
 * `seq` ride in the context. Metric points have no place in this format and are left out.
 */
export function toSegmentBatch(batch: Batch, writeKey: string): SegmentBatch {
  return { batch: batch.events.map(toSegmentMessage), sentAt: batch.sent_at, writeKey }
}

function toSegmentMessage(e: AnalyticsEvent): SegmentMessage {
  const { utm_source, utm_medium, utm_campaign, utm_term, utm_content, referrer, page, ...rest } = e.context
  const context: Record<string, unknown> = { ...rest, session_id: e.session_id, seq: e.seq }
  if (page || referrer) context.page = { ...page, ...(referrer !== undefined && { referrer }) }
  const campaign = Object.fromEntries(
    Object.entries({
      source: utm_source,
      medium: utm_medium,
      name: utm_campaign,
      term: utm_term,
      content: utm_content,
    }).filter(([, v]) => v !== undefined),
  )
  if (Object.keys(campaign).length > 0) context.campaign = campaign
  const type =
    e.event_name === 'page_viewed' ? 'page' : e.event_name === 'user_identified' ? 'identify' : 'track'
  const message: SegmentMessage = {
    type,
    messageId: e.message_id,
    timestamp: e.timestamp,
    anonymousId: e.anonymous_id,
    context,
  }
  if (e.user_id) message.userId = e.user_id
  if (type === 'identify') message.traits = e.properties
  else message.properties = e.properties
  if (type === 'track') message.event = e.event_name
  return message
}

/**
 * Sends batches straight to a Segment-compatible `/v1/batch` endpoint (Segment, RudderStack, Jitsu…)
 * with the write key in the body and a `text/plain` content type, so requests stay CORS-simple, as
 * analytics.js does. Page-exit sends use `navigator.sendBeacon`.
 *
 * @example
 * createAnalytics({ transport: segmentTransport({ writeKey: 'YOUR_WRITE_KEY' }) })
 */
export function segmentTransport(options: { writeKey: string; url?: string }): Transport {
  const url = options.url ?? 'https://api.segment.io/v1/batch'
  const encode = (batch: Batch) => JSON.stringify(toSegmentBatch(batch, options.writeKey))
  return {
    name: 'segment',
    url,
    send: (batch) => post(url, encode(batch), { 'content-type': 'text/plain' }),
    sendOnExit: (batch) => sendOnExit(url, encode(batch)),
  }
}
