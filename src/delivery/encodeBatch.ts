import type { Batch } from './types.js'

/**
 * Serializes a batch to the wire format (DESIGN.md section 3). `eventJson`, when given, holds each
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

/** The UTF-8 byte length of a string, without allocating the encoded bytes. */
export function utf8Length(text: string): number {
  // pure ASCII is by far the common case, and the regular expression is native
  if (!/[\u0080-\uffff]/.test(text)) return text.length
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      // a surrogate pair is one 4-byte code point
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}
