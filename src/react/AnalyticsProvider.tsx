import { type ReactNode, useMemo } from 'react'
import type { Analytics, EventSchemas } from '../core/createAnalytics.js'
import { AnalyticsContext, type Frame } from './analyticsContext.js'

/** Props of `AnalyticsProvider`. */
export interface AnalyticsProviderProps<TEvents extends EventSchemas = EventSchemas> {
  /** The client made by `createAnalytics` (or `createTestAnalytics` in tests). */
  client: Analytics<TEvents>
  /** The app, or the part of it whose hooks and tracked components use `client`. */
  children?: ReactNode
}

/**
 * Makes `client` available to the hooks and components below it. The context value changes only when
 * `client` does, so tracking never re-renders anything.
 *
 * For server rendering, create the client per request with the ids the server knows
 * (`createAnalytics({ anonymousId, userId, storage: false })`) and pass the same ids to the browser's
 * client, so both sides agree on the unit (see docs/react.md, "Server rendering").
 *
 * @example
 * <AnalyticsProvider client={analytics}><App /></AnalyticsProvider>
 */
export function AnalyticsProvider<TEvents extends EventSchemas = EventSchemas>({
  client,
  children,
}: AnalyticsProviderProps<TEvents>) {
  const frame = useMemo<Frame>(
    () => ({ client: client as unknown as Analytics, parent: undefined, properties: undefined }),
    [client],
  )
  return <AnalyticsContext.Provider value={frame}>{children}</AnalyticsContext.Provider>
}
