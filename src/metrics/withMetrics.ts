import type { Analytics, AnalyticsPlugin } from '../core/createAnalytics.js'
import type { MetricPoint, Transport } from '../delivery/types.js'
import { createMetrics, type Metrics, type MetricsOptions } from './createMetrics.js'

// the metrics of each client, whether given as an option or installed on first use
const installed = new WeakMap<Analytics, Metrics>()

/**
 * Opt-in metrics: `analytics.metrics` with counters, gauges, histograms and timers, aggregated per
 * interval and sent with the event batches, plus the kit's own health (`kit.*`). Clients made without it
 * carry none of this code.
 *
 * @example
 * const analytics = createAnalytics({ transport, metrics: withMetrics({ intervalMs: 30_000 }) })
 * analytics.metrics.increment('search.queries.count')
 */
export function withMetrics(options: MetricsOptions = {}): AnalyticsPlugin<Metrics> {
  return (client) => {
    const existing = installed.get(client)
    if (existing) return existing
    const { internals } = client
    const { naming, now, transport, writeKey } = internals.options
    const metrics = createMetrics(options, {
      naming: naming ?? 'warn',
      now: internals.now,
      ...(now && { clock: now }),
      consent: internals.consent,
      queueSize: () => client.getState().queueSize,
      flush: () => client.flush(),
      ...(transport && metricsAlone(transport, writeKey, internals.now)),
    })
    internals.addMetricsSource(metrics.collect)
    internals.observe(metrics.observe)
    internals.addHooks({ flush: metrics.flush, close: metrics.close, endpoints: metrics.endpoints })
    installed.set(client, metrics.api)
    return metrics.api
  }
}

/**
 * The metrics of `client`: those given with `withMetrics(options)`, else default ones installed now,
 * once per client. The React metrics hooks use it, so an app needs no set-up to use them.
 */
export function metricsOf(client: Analytics): Metrics {
  return installed.get(client) ?? withMetrics()(client)
}

/** The metrics of `client` if it has any, without installing them (the devtools only look). */
export function installedMetrics(client: Analytics): Metrics | undefined {
  return installed.get(client)
}

/** Sends metric points in a batch of their own, for when no events are there to carry them. */
export function metricsAlone(transport: Transport, writeKey: string | undefined, now: () => number) {
  const batch = (metrics: MetricPoint[]) => ({
    ...(writeKey !== undefined && { write_key: writeKey }),
    sent_at: new Date(now()).toISOString(),
    events: [],
    metrics,
  })
  return {
    send: (points: MetricPoint[]) => transport.send(batch(points)),
    sendOnExit: (points: MetricPoint[]) => transport.sendOnExit?.(batch(points)) ?? false,
  }
}
