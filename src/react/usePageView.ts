import { type DependencyList, useEffect, useRef } from 'react'
import type { Properties } from '../core/types.js'
import { type Frame, scopeProperties, useFrame } from './analyticsContext.js'

/**
 * Tracks `page_viewed` (with path, url, title, referrer, the enclosing scopes' properties and
 * `properties`) once when the component mounts, and again whenever a value in `deps` changes, e.g. the
 * route. React StrictMode's double effects still give one page view, because the last tracked `deps` are
 * remembered across them; a real remount tracks again.
 *
 * @example
 * usePageView({ page_type: 'product' }, [productId])
 */
export function usePageView(properties?: Properties, deps: DependencyList = []): void {
  const frame = useFrame('usePageView()')
  const last = useRef<{ frame: Frame; deps: DependencyList } | null>(null)
  // no dependency array on purpose: `deps` is compared by hand so that StrictMode's re-run is a no-op
  useEffect(() => {
    const seen = last.current
    if (seen && seen.frame === frame && sameDeps(seen.deps, deps)) return
    last.current = { frame, deps }
    frame.client.page({ ...scopeProperties(frame), ...properties })
  })
}

function sameDeps(a: DependencyList, b: DependencyList): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]))
}
