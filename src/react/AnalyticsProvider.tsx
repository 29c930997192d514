import { createContext, type ReactNode, useContext } from 'react'
import type { Analytics } from '../core/createAnalytics.js'

const AnalyticsContext = createContext<Analytics | null>(null)

/** Makes `client` available to the hooks and components below it. */
export function AnalyticsProvider({ client, children }: { client: Analytics; children?: ReactNode }) {
  return <AnalyticsContext.Provider value={client}>{children}</AnalyticsContext.Provider>
}

/** Returns the client of the nearest `AnalyticsProvider`. */
export function useAnalytics(): Analytics | null {
  return useContext(AnalyticsContext)
}
