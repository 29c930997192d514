import { useMemo } from 'react'
import type { Analytics } from '../core/createAnalytics.js'
import { trackIn, useFrame } from './analyticsContext.js'

/**
 * Returns a `track(name, properties?, options?)` function that keeps its identity across renders and adds
 * the properties of every enclosing `TrackingScope` (the nearest scope wins; the call site wins over all).
 * Safe to pass to memoised children and to list in effect dependencies.
 *
 * For names and properties checked against your event catalogue, use the `useTrack` from
 * `createAnalyticsHooks<typeof analytics>()`.
 *
 * @example
 * const track = useTrack()
 * <button onClick={() => track('cart_item_added', { sku })}>Add</button>
 */
export function useTrack(): Analytics['track'] {
  const frame = useFrame('useTrack()')
  return useMemo<Analytics['track']>(
    () => (name, properties, options) => trackIn(frame, name, properties as never, options),
    [frame],
  )
}
