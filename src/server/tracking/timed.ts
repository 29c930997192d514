import type { MetricTags } from '../../metrics/createMetrics.js'
import { errorType, type WithMetrics } from '../middleware/createRequestRecorder.js'

/**
 * Runs `fn` (a database query, a call to a third-party API) and records how long it took into the
 * histogram `name`, with `tags` plus `outcome: 'success' | 'error'`; on failure it also counts
 * `<name without its unit>.errors` by `error_type` (`db.query.ms` → `db.query.errors`). Returns what
 * `fn` returns and rethrows what it throws, unchanged.
 *
 * @example
 * const rows = await timed(analytics, 'db.query.ms', () => sql`select …`, { table: 'orders', op: 'select' })
 * const rate = await timed(analytics, 'fx_api.latency.ms', () => fetch(fxUrl).then((r) => r.json()))
 */
export function timed<T>(analytics: WithMetrics, name: string, fn: () => T, tags?: MetricTags): T {
  const { metrics } = analytics
  const startedAt = performance.now()
  const record = (error?: unknown, failed = false) => {
    metrics.histogram(name, performance.now() - startedAt, {
      ...tags,
      outcome: failed ? 'error' : 'success',
    })
    if (failed) {
      const cut = name.lastIndexOf('.')
      metrics.increment(`${cut > 0 ? name.slice(0, cut) : name}.errors`, 1, {
        ...tags,
        error_type: errorType(error),
      })
    }
  }
  let result: T
  try {
    result = fn()
  } catch (error) {
    record(error, true)
    throw error
  }
  const thenable = result as unknown as PromiseLike<unknown> | undefined
  if (thenable && typeof thenable.then === 'function') {
    // the caller's own promise goes back, so rejection handling and identity stay theirs
    thenable.then(
      () => record(),
      (error) => record(error, true),
    )
    return result
  }
  record()
  return result
}
