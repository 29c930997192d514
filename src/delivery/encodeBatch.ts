import type { QueueEntry } from './createPersistentQueue.js'
import type { Batch } from './types.js'

/**
 * Serializes a batch to the wire format (docs/delivery.md). `eventJson`, when given, holds each
 * event already serialized (the queue keeps them), so a body costs one string join rather than a
 * second `JSON.stringify` of every event.
 */
export function encodeBatch(batch: Batch, eventJson?: string[]): string {
  let head = '{'
  if (batch.write_key !== undefined) head += `"write_key":${JSON.stringify(batch.write_key)},`
  head += `"sent_at":${JSON.stringify(batch.sent_at)},"events":[`
  const events = eventJson ? eventJson.join(',') : batch.events.map((e) => JSON.stringify(e)).join(',')
  const metrics = batch.metrics?.length ? `,"metrics":${JSON.stringify(batch.metrics)}` : ''
  return `${head}${events}]${metrics}}`
}

/** The UTF-8 byte length of a string; without encoding it when it is plain ASCII, by far the common case. */
export function utf8Length(text: string): number {
  return /[^\0-\x7f]/.test(text) ? new TextEncoder().encode(text).length : text.length
}

// a context is serialized once and repeated in every event that shares it: written in ASCII (\uXXXX for the
// rest, which JSON reads back as the same text), it keeps the strings built from it at one byte per character
// in memory and cheap to encode, even when the page title holds a dash or an accented letter
const toAscii = (json: string) =>
  json.replace(/[^\0-\x7f]/g, (c) => `\\u${(c.charCodeAt(0) + 0x10000).toString(16).slice(1)}`)

/**
 * Serializes queue entries' events. Consecutive events share one context object: it is serialized (and
 * measured) once, and each event's JSON refers to that string, so a queued event holds its own fields
 * and no copy of the context, and storage can keep the context once for many events.
 */
export function createEventSerializer(): (entry: QueueEntry) => void {
  let lastContext: unknown
  let contextJson = ''
  let contextBytes = 0
  return (e) => {
    const event = e.event!
    const { context } = event
    if (context && typeof context === 'object') {
      if (context !== lastContext) {
        contextJson = toAscii(JSON.stringify(context))
        contextBytes = contextJson.length
        lastContext = context
      }
      let head: string
      event.context = 0 as never
      try {
        head = JSON.stringify(event)
      } finally {
        event.context = context
      }
      // only the event's own last key can end its JSON this way; any other order is serialized whole
      if (head.endsWith(',"context":0}')) {
        e.head = head.slice(0, -2)
        e.context = contextJson
        e.json = `${e.head}${contextJson}}`
        e.bytes = utf8Length(e.head) + contextBytes + 1
        return
      }
    }
    e.head = e.context = undefined
    e.json = JSON.stringify(event)
    e.bytes = utf8Length(e.json)
  }
}
