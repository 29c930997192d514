import type { Analytics } from '../core/createAnalytics.js'
import { useFrame } from './analyticsContext.js'

/**
 * The client of the nearest `AnalyticsProvider`. Outside a provider it returns a client that drops
 * everything, and warns once in development. Reading it never re-renders the component.
 *
 * For a client typed by your event catalogue, use the `useAnalytics` from `createAnalyticsHooks`.
 *
 * @example
 * const analytics = useAnalytics()
 * useEffect(() => analytics.identify(user.id), [analytics, user.id])
 */
export function useAnalytics(): Analytics {
  return useFrame('useAnalytics()').client
}
