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
