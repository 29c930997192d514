import type { Metrics } from '../metrics/createMetrics.js'
import { metricsOf } from '../metrics/withMetrics.js'
import { useAnalytics } from './useAnalytics.js'

/**
 * The metrics API (`increment`, `gauge`, `histogram`, `startTimer`) of the nearest `AnalyticsProvider`'s
 * client. Its identity never changes, so it is safe in dependency lists. A client made without
 * `withMetrics()` gets default metrics on first use. Outside a provider, values are dropped and a
 * development warning is said once.
 *
 * @example
 * const metrics = useMetrics()
 * const onSearch = () => metrics.increment('search.queries.count', 1, { source: 'header' })
 */
export function useMetrics(): Metrics {
  return metricsOf(useAnalytics())
}
