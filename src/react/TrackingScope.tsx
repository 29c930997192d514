import { type ReactNode, useInsertionEffect, useMemo } from 'react'
import type { Properties } from '../core/types.js'
import { AnalyticsContext, type Frame, useFrame } from './analyticsContext.js'

/** Props of `TrackingScope`. */
export interface TrackingScopeProps {
  /** Added to every event tracked below; nearer scopes and the call site win on the same key. */
  properties: Properties
  /** The part of the tree whose events get `properties`. */
  children?: ReactNode
}

/**
 * Adds `properties` to every event tracked by the hooks and components below it, so a leaf says only
 * what is new. Scopes nest and the nearest wins. Changing `properties` re-renders nothing: the scope is
 * read when an event is tracked, not when its children render.
 *
 * @example
 * <TrackingScope properties={{ page: 'product', product_id }}>
 *   <TrackedButton event="cart_item_added">Add to cart</TrackedButton>
 * </TrackingScope>
 */
export function TrackingScope({ properties, children }: TrackingScopeProps) {
  const parent = useFrame('<TrackingScope>')
  // biome-ignore lint/correctness/useExhaustiveDependencies: properties only seed the frame; the effect below keeps them current without a new context value
  const frame = useMemo<Frame>(() => ({ client: parent.client, parent, properties }), [parent])
  // an insertion effect runs before every layout and passive effect of the tree, so effects below
  // that track already see the new properties (and, unlike a layout effect, is silent on the server)
  useInsertionEffect(() => {
    frame.properties = properties
  })
  return <AnalyticsContext.Provider value={frame}>{children}</AnalyticsContext.Provider>
}
