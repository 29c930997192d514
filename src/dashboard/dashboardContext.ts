import { createContext, useContext } from 'react'
import type { DateRange } from './dateRange.js'

/** What every view reads: where the query API is, the token, the range and the refresh interval. */
export interface DashboardConfig {
  baseUrl: string
  token: string | null
  /** Sets the read token (kept in sessionStorage when the provider was asked to). */
  setToken: (token: string | null) => void
  range: DateRange
  setRange: (range: DateRange) => void
  /** Milliseconds between background refreshes; 0 turns auto-refresh off. */
  refreshMs: number
  setRefreshMs: (ms: number) => void
  fetch: typeof fetch | undefined
  /** The clock, for tests and stories. */
  now: () => number
}

/** The nearest `DashboardProvider`'s configuration, or null outside one. */
export const DashboardContext = createContext<DashboardConfig | null>(null)

/** Reads the nearest `DashboardProvider`; views outside one get a provider of their own (see `ViewRoot`). */
export function useDashboardConfig(): DashboardConfig {
  const config = useContext(DashboardContext)
  if (!config) throw new Error('[instrumentkit] dashboard views must render inside their ViewRoot')
  return config
}
