import type { Batch, SendResult, Transport } from './types.js'

/** A transport that keeps every batch in memory; for tests and demos. */
export interface MemoryTransport extends Transport {
  /** Every batch sent so far, in order. */
  readonly batches: Batch[]
  /** Replaces the answer given to the next sends (default: always ok). */
  respond(answer: (batch: Batch) => SendResult | Promise<SendResult>): void
  /** Forgets the recorded batches. */
  clear(): void
}

/**
 * Creates a transport that records batches instead of sending them, for tests of what goes over the wire.
 *
 * @example
 * const transport = memoryTransport()
 * const analytics = createAnalytics({ transport, storage: false })
 * analytics.track('signup_completed', { method: 'email' })
 * await analytics.flush()
 * transport.batches[0]?.events.map((e) => e.event_name) // ['session_started', 'signup_completed']
 * transport.respond(() => ({ ok: false, status: 503 })) // the next sends fail and are retried
 */
export function memoryTransport(): MemoryTransport {
  const batches: Batch[] = []
  let answer: (batch: Batch) => SendResult | Promise<SendResult> = () => ({ ok: true, status: 200 })
  return {
    name: 'memory',
    batches,
    async send(batch) {
      // a deep copy, so that later mutation by the caller cannot rewrite history
      batches.push(JSON.parse(JSON.stringify(batch)) as Batch)
      try {
        return await answer(batch)
      } catch (error) {
        return { ok: false, error: String(error) }
      }
    },
    respond(next) {
      answer = next
    },
    clear() {
      batches.length = 0
    },
  }
}
