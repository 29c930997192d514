import { useCallback, useEffect, useRef, useState } from 'react'
import type { ReportName, ReportResults } from '../server/reports/types.js'
import { useDashboardConfig } from './dashboardContext.js'
import { rangeKey, rangeParams } from './dateRange.js'
import { fetchReport } from './fetchReport.js'

/** Where a report's request stands. */
export type ReportStatus = 'loading' | 'ready' | 'error' | 'unauthorized'

/** What `useReport` returns. */
export interface ReportState<TData> {
  /** Where the request stands: `loading`, `ready`, `error`, or `unauthorized` (the read token is needed). */
  status: ReportStatus
  /** The latest answer; kept while a newer one loads or when a refresh fails. */
  data: TData | undefined
  /** Why the last request failed, in words. */
  error: string | undefined
  /** When `data` was last fetched (epoch ms). */
  updatedAt: number | undefined
  /** Fetches again now. */
  reload: () => void
}

interface Snapshot<TData> {
  status: ReportStatus
  data: TData | undefined
  error: string | undefined
  updatedAt: number | undefined
  text: string | undefined
}

/** Options of `useReport`. */
export interface UseReportOptions {
  /** `false` holds the request (e.g. until a required parameter is chosen). */
  enabled?: boolean
  /** Whether the provider's date range applies (default true). */
  useRange?: boolean
}

/**
 * Fetches one report from the query API with the provider's token and date range, and refetches it
 * every `refreshMs` while the page is visible. A request in flight is aborted when the parameters
 * change or the component unmounts. A refresh whose answer is unchanged renders nothing, so an
 * open dashboard costs one request per interval and no re-render.
 *
 * @example
 * const { status, data, error } = useReport('funnel', { steps: 'page_viewed,checkout_completed' })
 */
export function useReport<TName extends ReportName>(
  name: TName,
  params: Record<string, string | undefined>,
  options: UseReportOptions = {},
): ReportState<ReportResults[TName]> {
  const config = useDashboardConfig()
  const { baseUrl, token, range, refreshMs, fetch: fetchImpl, now } = config
  const enabled = options.enabled ?? true
  const useRange = options.useRange ?? true
  const [snapshot, setSnapshot] = useState<Snapshot<ReportResults[TName]>>({
    status: 'loading',
    data: undefined,
    error: undefined,
    updatedAt: undefined,
    text: undefined,
  })
  const latest = useRef(snapshot)
  latest.current = snapshot
  const [nonce, setNonce] = useState(0)
  const reload = useCallback(() => setNonce((n) => n + 1), [])

  // the effect depends on a text key, so callers may pass a fresh params object on every render
  const paramsKey = JSON.stringify(Object.entries(params).filter(([, v]) => v !== undefined && v !== ''))
  const key = `${baseUrl}|${name}|${paramsKey}|${useRange ? rangeKey(range) : ''}|${token ?? ''}`
  const rangeRef = useRef(range)
  rangeRef.current = range

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the parameters; `nonce` forces a reload
  useEffect(() => {
    if (!enabled) return
    let controller: AbortController | null = null
    let disposed = false
    const load = async (background: boolean) => {
      if (controller) {
        // a background tick never piles a second request on a slow one
        if (background) return
        controller.abort()
      }
      const current = new AbortController()
      controller = current
      if (!background)
        setSnapshot((s) =>
          s.status === 'loading' && s.error === undefined ? s : { ...s, status: 'loading', error: undefined },
        )
      const query = {
        ...(useRange ? rangeParams(rangeRef.current, now()) : {}),
        ...(JSON.parse(paramsKey) as [string, string][]).reduce<Record<string, string>>((acc, [k, v]) => {
          acc[k] = v
          return acc
        }, {}),
      }
      const outcome = await fetchReport(name, query, {
        baseUrl,
        token,
        fetch: fetchImpl,
        signal: current.signal,
      })
      if (controller === current) controller = null
      if (disposed || outcome.kind === 'aborted') return
      if (outcome.kind === 'ok') {
        // an unchanged answer queues no update at all: even a bailed-out update can cost a render
        const last = latest.current
        if (last.status === 'ready' && last.text === outcome.text) return
        setSnapshot({
          status: 'ready',
          data: outcome.data,
          error: undefined,
          updatedAt: now(),
          text: outcome.text,
        })
      } else if (outcome.kind === 'unauthorized') {
        setSnapshot((s) =>
          s.status === 'unauthorized' && s.error === outcome.message
            ? s
            : { ...s, status: 'unauthorized', error: outcome.message },
        )
      } else {
        setSnapshot((s) =>
          s.status === 'error' && s.error === outcome.message
            ? s
            : { ...s, status: 'error', error: outcome.message },
        )
      }
    }
    void load(false)
    const timer =
      refreshMs > 0
        ? setInterval(() => {
            if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return
            void load(true)
          }, refreshMs)
        : undefined
    return () => {
      disposed = true
      if (timer !== undefined) clearInterval(timer)
      controller?.abort()
    }
  }, [key, nonce, enabled, refreshMs])

  return {
    status: enabled ? snapshot.status : 'ready',
    data: snapshot.data,
    error: snapshot.error,
    updatedAt: snapshot.updatedAt,
    reload,
  }
}
