import { type ReactNode, useCallback, useMemo, useState } from 'react'
import { type DashboardConfig, DashboardContext } from './dashboardContext.js'
import type { DateRange } from './dateRange.js'
import { DEFAULT_BASE_URL } from './fetchReport.js'

/** Props of `DashboardProvider`. */
export interface DashboardProviderProps {
  /** The collector's base path or URL (default `/api/analytics`). */
  baseUrl?: string
  /** The read token, when the app has it; a new value replaces the token in use. */
  token?: string | null
  /**
   * A sessionStorage key under which a token typed into the dashboard is kept for the tab's life, so
   * a reload does not ask again. Without it the token lives in memory only.
   */
  tokenStorageKey?: string
  /** The first date range (default: each report's own window). */
  initialRange?: DateRange
  /** Milliseconds between background refreshes (default 60,000; 0 turns auto-refresh off). */
  refreshMs?: number
  /** A fetch to use instead of the global one (to add headers, or in tests). */
  fetch?: typeof fetch
  /** The clock (default `Date.now`). */
  now?: () => number
  /** The views that read this provider's settings. */
  children?: ReactNode
}

function readStoredToken(key: string | undefined): string | null {
  if (!key) return null
  try {
    return globalThis.sessionStorage?.getItem(key) ?? null
  } catch {
    // storage blocked (privacy settings, sandboxed frame): the token lives in memory
    return null
  }
}

/**
 * Tells the dashboard views where the query API is, which read token to send, and the shared date
 * range and refresh interval. `<Dashboard>` renders one itself; wrap single views in it to configure them.
 *
 * @example
 * <DashboardProvider baseUrl="https://collector.example/api/analytics" tokenStorageKey="ik:read-token">
 *   <FunnelView steps={['page_viewed', 'signup_completed']} />
 * </DashboardProvider>
 */
export function DashboardProvider(props: DashboardProviderProps) {
  const { tokenStorageKey } = props
  const [token, setTokenState] = useState<string | null>(
    () => props.token ?? readStoredToken(tokenStorageKey),
  )
  // a token the app hands over later (after its own login) replaces the one in use
  const [givenToken, setGivenToken] = useState(props.token)
  if (props.token !== givenToken) {
    setGivenToken(props.token)
    if (props.token !== undefined) setTokenState(props.token)
  }
  const [range, setRange] = useState<DateRange>(props.initialRange ?? { preset: 'default' })
  const [refreshMs, setRefreshMs] = useState(props.refreshMs ?? 60_000)
  const setToken = useCallback(
    (next: string | null) => {
      setTokenState(next)
      if (!tokenStorageKey) return
      try {
        if (next) globalThis.sessionStorage?.setItem(tokenStorageKey, next)
        else globalThis.sessionStorage?.removeItem(tokenStorageKey)
      } catch {
        // kept in memory only
      }
    },
    [tokenStorageKey],
  )
  const baseUrl = props.baseUrl ?? DEFAULT_BASE_URL
  const fetchImpl = props.fetch
  const now = props.now ?? Date.now
  const value = useMemo<DashboardConfig>(
    () => ({ baseUrl, token, setToken, range, setRange, refreshMs, setRefreshMs, fetch: fetchImpl, now }),
    [baseUrl, token, setToken, range, refreshMs, fetchImpl, now],
  )
  return <DashboardContext.Provider value={value}>{props.children}</DashboardContext.Provider>
}
