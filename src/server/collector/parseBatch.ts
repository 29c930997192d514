/** The batch envelope is malformed: answered 400 with the path that is wrong. */
export class ShapeError extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly reason = 'invalid_shape',
  ) {
    super(`${path}: ${message}`)
  }
}

/** A batch whose envelope was checked; its events and metric points are checked one by one later. */
export interface ParsedBatch {
  write_key: string | undefined
  /** Epoch ms of `sent_at`, when the batch had a valid one. */
  sent_at_ms: number | undefined
  events: unknown[]
  metrics: unknown[]
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Parses the wire format (docs/delivery.md, "What your collector must do") as far as the envelope: `events` and `metrics` arrays, an optional
 * `write_key` and `sent_at`. A body that is not JSON, or an envelope of the wrong shape, throws a
 * `ShapeError` naming the path.
 */
export function parseBatch(text: string): ParsedBatch {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    throw new ShapeError('body', `malformed JSON (${(error as Error).message})`, 'malformed_json')
  }
  if (!isObject(body)) throw new ShapeError('body', 'expected a JSON object with an "events" array')
  const { events = [], metrics = [], write_key, sent_at } = body
  if (!Array.isArray(events)) throw new ShapeError('events', 'expected an array')
  if (!Array.isArray(metrics)) throw new ShapeError('metrics', 'expected an array')
  if (write_key !== undefined && write_key !== null && typeof write_key !== 'string')
    throw new ShapeError('write_key', 'expected a string')
  let sent_at_ms: number | undefined
  if (sent_at !== undefined && sent_at !== null) {
    sent_at_ms = typeof sent_at === 'string' ? Date.parse(sent_at) : Number.NaN
    if (Number.isNaN(sent_at_ms)) throw new ShapeError('sent_at', 'expected an ISO-8601 date string')
  }
  return { write_key: write_key ?? undefined, sent_at_ms, events, metrics }
}

export { isObject }
