import type { ForwardedRef } from 'react'

/**
 * The props a tracked component hands to its element: every prop but `event` and `properties`, and the
 * forwarded ref. The caller then sets its own handlers on the copy, over the ones it received.
 */
export function forwardedProps<P extends { event?: unknown; properties?: unknown }, E>(
  props: P,
  ref: ForwardedRef<E>,
): Omit<P, 'event' | 'properties'> & { ref: ForwardedRef<E> } {
  // one plain copy: rest destructuring with excluded keys takes a slow path in V8, and it runs for
  // every tracked element on every render
  const own: Record<string, unknown> = { ref }
  for (const key in props) if (key !== 'event' && key !== 'properties') own[key] = props[key]
  return own as Omit<P, 'event' | 'properties'> & { ref: ForwardedRef<E> }
}
