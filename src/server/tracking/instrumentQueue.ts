/// <reference types="node" />
import type { WithMetrics } from '../middleware/createRequestRecorder.js'
import { SERVER_METRICS } from '../middleware/serverMetrics.js'

/** Options of `instrumentQueue`: how to read one of your own queues. */
export interface InstrumentQueueOptions {
  /** The queue's name, the `queue` tag of its gauges (`emails`, `webhooks`). */
  queue: string
  /** Items waiting now. */
  depth: () => number | Promise<number>
  /**
   * When the oldest waiting item was enqueued (epoch ms or Date), or undefined when none waits; its age
   * is the queue's lag.
   */
  oldestEnqueuedAt?: () => number | Date | undefined | Promise<number | Date | undefined>
  /** How often it is read, in milliseconds (default 10,000). */
  intervalMs?: number
  /** The clock, for tests (default `Date.now`). */
  now?: () => number
}

/** A queue being reported; `sample()` reads it now, `stop()` ends the interval. */
export interface QueueReporter {
  /** Reads depth and lag now, besides the interval (e.g. before a flush at shutdown). */
  sample(): Promise<void>
  /** Stops the interval. */
  stop(): void
}

/**
 * Reports the depth (`queue.depth.count`) and lag (`queue.lag.ms`, the age of the oldest waiting item)
 * of a queue of yours, tagged with its name, read on an interval (the timer does not keep the process
 * alive). A reader that throws or rejects skips that sample.
 *
 * @example
 * const reporter = instrumentQueue(analytics, {
 *   queue: 'emails',
 *   depth: () => redis.llen('emails'),
 *   oldestEnqueuedAt: async () => JSON.parse((await redis.lindex('emails', -1)) ?? 'null')?.at,
 * })
 */
export function instrumentQueue(analytics: WithMetrics, options: InstrumentQueueOptions): QueueReporter {
  const { metrics } = analytics
  const now = options.now ?? Date.now
  const tags = { queue: options.queue }
  const sample = async () => {
    try {
      const depth = await options.depth()
      if (typeof depth === 'number' && depth >= 0) metrics.gauge(SERVER_METRICS.queueDepth, depth, tags)
      if (options.oldestEnqueuedAt) {
        const oldest = await options.oldestEnqueuedAt()
        const at = oldest instanceof Date ? oldest.getTime() : oldest
        const lag = typeof at === 'number' && Number.isFinite(at) ? Math.max(0, now() - at) : 0
        metrics.gauge(SERVER_METRICS.queueLag, lag, tags)
      }
    } catch {
      // a queue that cannot be read this time is read again at the next interval
    }
  }
  const timer = setInterval(() => void sample(), Math.max(100, options.intervalMs ?? 10_000))
  timer.unref()
  return { sample, stop: () => clearInterval(timer) }
}
