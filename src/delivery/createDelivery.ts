import type { AnalyticsEvent } from '../core/types.js'
import type { Batch, Delivery, DeliveryHooks, Transport } from './types.js'

/** Batching and retry settings. */
export interface DeliveryOptions {
  transport: Transport
  writeKey?: string
  /** Events per batch (default 100). */
  maxBatchEvents?: number
  /** Milliseconds an event may wait before its batch is sent (default 5000). */
  flushIntervalMs?: number
  /** Events kept in memory before the oldest are dropped (default 10,000). */
  maxQueueEvents?: number
  /** Attempts per batch before it is dropped as `retries_exhausted` (default 10). */
  maxAttempts?: number
  now?: () => number
}

/** A queue that batches events, keeps one request in flight and retries failures with backoff. */
export function createDelivery(options: DeliveryOptions, hooks: DeliveryHooks): Delivery {
  const maxBatch = options.maxBatchEvents ?? 100
  const interval = options.flushIntervalMs ?? 5_000
  const maxQueue = options.maxQueueEvents ?? 10_000
  const maxAttempts = options.maxAttempts ?? 10
  const now = options.now ?? Date.now
  const queue: AnalyticsEvent[] = []
  let inFlight: Promise<void> | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let attempt = 0

  const schedule = (ms: number) => {
    if (timer !== undefined) return
    timer = setTimeout(() => {
      timer = undefined
      void pump()
    }, ms)
  }

  const sendOne = async (): Promise<boolean> => {
    const events = queue.slice(0, maxBatch)
    if (events.length === 0) return false
    const batch: Batch = { sent_at: new Date(now()).toISOString(), events }
    if (options.writeKey) batch.write_key = options.writeKey
    const metrics = hooks.collectMetrics?.()
    if (metrics?.length) batch.metrics = metrics
    attempt++
    const result = await options.transport.send(batch)
    const ids = events.map((e) => e.message_id)
    if (result.ok) {
      queue.splice(0, events.length)
      attempt = 0
      hooks.report({
        type: 'sent',
        message_ids: ids,
        status: result.status ?? 200,
        attempt,
        bytes: 0,
        via: options.transport.name,
      })
      return true
    }
    const retryable =
      result.status === undefined ||
      result.status === 408 ||
      result.status === 429 ||
      (result.status >= 500 && result.status !== 501 && result.status !== 505)
    if (!retryable || attempt >= maxAttempts) {
      queue.splice(0, events.length)
      hooks.report({ type: 'failed', message_ids: ids, status: result.status, error: result.error, attempt })
      hooks.drop(events, retryable ? 'retries_exhausted' : `http_${result.status ?? 0}`)
      attempt = 0
      return true
    }
    const wait = result.retryAfterMs ?? Math.random() * Math.min(60_000, 1_000 * 2 ** attempt)
    hooks.report({
      type: 'failed',
      message_ids: ids,
      status: result.status,
      error: result.error,
      attempt,
      retry_in_ms: wait,
    })
    schedule(wait)
    return false
  }

  const pump = (): Promise<void> => {
    if (inFlight) return inFlight
    inFlight = (async () => {
      try {
        while (queue.length > 0 && (await sendOne())) {}
      } finally {
        inFlight = undefined
      }
    })()
    return inFlight
  }

  return {
    enqueue(event) {
      queue.push(event)
      if (queue.length > maxQueue) hooks.drop(queue.splice(0, queue.length - maxQueue), 'queue_full')
      if (queue.length >= maxBatch) void pump()
      else schedule(interval)
    },
    flush: () => pump(),
    async shutdown() {
      await pump()
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
    size: () => queue.length,
  }
}
