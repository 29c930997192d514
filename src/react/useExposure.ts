import type { Properties } from '../core/types.js'
import { trackIn, useFrame } from './analyticsContext.js'
import { useLatest } from './useLatest.js'
import { useOnVisible, type VisibilityOptions } from './useOnVisible.js'

/** Options of `useExposure`: when the element counts as seen. */
export type ExposureOptions = VisibilityOptions

/**
 * Returns a ref callback for an element; once the element has been at least `threshold` visible for
 * `minVisibleMs`, `event` is tracked with the enclosing scopes' properties and `properties`. By default
 * once per mounted component (`once: false` tracks each time it comes back into view). Without
 * IntersectionObserver (server rendering, very old browsers) it never tracks.
 *
 * @example
 * const ref = useExposure('product_impression', { product_id }, { threshold: 0.5, minVisibleMs: 1000 })
 * return <li ref={ref}>{name}</li>
 */
export function useExposure(
  event: string,
  properties?: Properties,
  options?: ExposureOptions,
): (element: Element | null) => void {
  const frame = useFrame('useExposure()')
  const latest = useLatest({ frame, event, properties })
  return useOnVisible(
    () => trackIn(latest.current.frame, latest.current.event, latest.current.properties),
    options,
  )
}
