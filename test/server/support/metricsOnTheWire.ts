import { type MetricPoint, memoryTransport } from '../../../src/index.js'
import { createServerAnalytics } from '../../../src/server.js'

/** A server client on a memory transport, and `wire()`: shut it down and return the metric points it sent. */
export function metricsOnTheWire() {
  const transport = memoryTransport()
  const analytics = createServerAnalytics({ transport })
  const wire = async (): Promise<MetricPoint[]> => {
    await analytics.shutdown()
    return transport.batches.flatMap((b) => b.metrics ?? [])
  }
  return { analytics, wire }
}
