/// <reference types="node" />
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { WithMetrics } from '../middleware/createRequestRecorder.js'
import { SERVER_METRICS } from '../middleware/serverMetrics.js'

/** Options of `instrumentProcess`. */
export interface InstrumentProcessOptions {
  /** How often the gauges are sampled, in milliseconds (default 10,000). */
  intervalMs?: number
}

/**
 * Samples the Node process on an interval into gauges: event-loop delay p50, p99 and max over the
 * interval, heap used and total, RSS, and CPU use (CPU time over wall time; 1 is one core busy). See
 * `SERVER_METRICS` for the names. The timer does not keep the process alive. Returns the function that
 * stops it.
 *
 * @example
 * const stop = instrumentProcess(analytics, { intervalMs: 10_000 })
 */
export function instrumentProcess(
  analytics: WithMetrics,
  options: InstrumentProcessOptions = {},
): () => void {
  const { metrics } = analytics
  const intervalMs = Math.max(100, options.intervalMs ?? 10_000)
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  let lastCpu = process.cpuUsage()
  let lastAt = performance.now()
  const sample = () => {
    try {
      // the histogram holds nanoseconds; it is empty until the loop has run a few resolutions
      if (delay.count > 0) {
        metrics.gauge(SERVER_METRICS.eventLoopDelayP50, delay.percentile(50) / 1e6)
        metrics.gauge(SERVER_METRICS.eventLoopDelayP99, delay.percentile(99) / 1e6)
        metrics.gauge(SERVER_METRICS.eventLoopDelayMax, delay.max / 1e6)
      }
      delay.reset()
      const memory = process.memoryUsage()
      metrics.gauge(SERVER_METRICS.heapUsed, memory.heapUsed)
      metrics.gauge(SERVER_METRICS.heapTotal, memory.heapTotal)
      metrics.gauge(SERVER_METRICS.rss, memory.rss)
      const cpu = process.cpuUsage()
      const at = performance.now()
      const usedMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1_000
      if (at > lastAt) metrics.gauge(SERVER_METRICS.cpu, usedMs / (at - lastAt))
      lastCpu = cpu
      lastAt = at
    } catch {
      // sampling is best effort and must never disturb the process it watches
    }
  }
  const timer = setInterval(sample, intervalMs)
  timer.unref()
  return () => {
    clearInterval(timer)
    delay.disable()
  }
}
