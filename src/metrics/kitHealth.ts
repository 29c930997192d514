import type { PipelineOutcome } from '../core/types.js'
import type { Metrics } from './createMetrics.js'

/** Names of the metrics the kit records about itself. */
export const KIT_HEALTH_METRICS = {
  /** Counter, tag `reason`: events dropped by the pipeline or the delivery. */
  dropped: 'kit.events_dropped.count',
  /** Gauge: events waiting in the delivery queue after each request. */
  queueDepth: 'kit.queue_depth.events',
  /** Histogram: milliseconds from an event being queued (or restored) to its batch being acknowledged. */
  latency: 'kit.delivery_latency.ms',
  /** Counter, tag `status` (an HTTP status or `network`): failed requests that will be retried. */
  retries: 'kit.delivery_retries.count',
} as const

const MAX_WATCHED = 20_000

/**
 * Returns an outcome listener that records the kit's own health (drops by reason, queue depth, delivery
 * latency, retries) into `metrics`. Requests that carry no events record nothing, so that the health
 * points of one request never cause another.
 */
export function createKitHealth(
  metrics: Metrics,
  env: { now(): number; queueSize(): number },
): (outcome: PipelineOutcome) => void {
  const queuedAt = new Map<string, number>()
  // read once the delivery has finished handling the outcome (it may report before it dequeues)
  const depth = () => {
    void Promise.resolve().then(() => metrics.gauge(KIT_HEALTH_METRICS.queueDepth, env.queueSize()))
  }
  const watch = (id: string, at: number) => {
    if (queuedAt.size < MAX_WATCHED && Number.isFinite(at)) queuedAt.set(id, at)
  }
  return (outcome) => {
    switch (outcome.type) {
      case 'queued':
        watch(outcome.event.message_id, env.now())
        break
      case 'restored':
        for (const event of outcome.events) watch(event.message_id, Date.parse(event.timestamp))
        break
      case 'dropped':
        metrics.increment(KIT_HEALTH_METRICS.dropped, 1, { reason: outcome.reason })
        if (outcome.message_id) queuedAt.delete(outcome.message_id)
        break
      case 'sent': {
        if (outcome.message_ids.length === 0) break
        const at = env.now()
        for (const id of outcome.message_ids) {
          const since = queuedAt.get(id)
          if (since === undefined) continue
          queuedAt.delete(id)
          metrics.histogram(KIT_HEALTH_METRICS.latency, Math.max(0, at - since))
        }
        depth()
        break
      }
      case 'failed':
        if (outcome.message_ids.length === 0) break
        if (outcome.retry_in_ms !== undefined)
          metrics.increment(KIT_HEALTH_METRICS.retries, 1, {
            status: outcome.status === undefined ? 'network' : String(outcome.status),
          })
        depth()
        break
    }
  }
}
