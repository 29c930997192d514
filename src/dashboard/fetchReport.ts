import type { ReportName, ReportParamsByName, ReportResults } from '../server/reports/types.js'

/** Where the query API is and how to reach it. */
export interface QueryApiOptions {
  /** The collector's base path or URL (default `/api/analytics`); reports are at `<baseUrl>/query/<report>`. */
  baseUrl?: string
  /** The read token, sent as `Authorization: Bearer <token>`. */
  token?: string | null
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch
  /** Aborts the request; the outcome is then `aborted`. */
  signal?: AbortSignal
}

/** What a report request came to: the answer, a request for the read token, or an error to show. */
export type ReportOutcome<TName extends ReportName> =
  | {
      /** The report answered. */
      kind: 'ok'
      /** The report. */
      data: ReportResults[TName]
      /** The answer's body as received, to tell whether anything changed since the last request. */
      text: string
    }
  | {
      /** The collector wants a (different) read token: 401 or 403. */
      kind: 'unauthorized'
      /** What to tell the user. */
      message: string
    }
  | {
      /** The request failed, or the answer was not a report. */
      kind: 'error'
      /** What went wrong, in words. */
      message: string
      /** The HTTP status, when there was an answer. */
      status?: number
    }
  | {
      /** The request was aborted through `signal`. */
      kind: 'aborted'
    }

/** The default query API base, the collector's default base path. */
export const DEFAULT_BASE_URL = '/api/analytics'

/** Builds `<baseUrl>/query/<name>?…`, leaving out empty parameters. */
export function reportUrl<TName extends ReportName>(
  baseUrl: string,
  name: TName,
  params: Partial<ReportParamsByName[TName]> | Record<string, string | undefined>,
): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params as Record<string, string | undefined>))
    if (value !== undefined && value !== '') search.set(key, String(value))
  const query = search.toString()
  return `${baseUrl.replace(/\/+$/, '')}/query/${name}${query ? `?${query}` : ''}`
}

/**
 * Asks the query API for one report. Never throws: a network failure, a 400 with `{ error }`, a 401
 * or a body that is not JSON each come back as an outcome with a message a person can act on.
 *
 * @example
 * const outcome = await fetchReport('funnel', { steps: 'page_viewed,signup_completed' }, { token })
 * if (outcome.kind === 'ok') console.log(outcome.data.steps)
 */
export async function fetchReport<TName extends ReportName>(
  name: TName,
  params: Partial<ReportParamsByName[TName]> | Record<string, string | undefined>,
  options: QueryApiOptions = {},
): Promise<ReportOutcome<TName>> {
  const doFetch = options.fetch ?? globalThis.fetch
  const url = reportUrl(options.baseUrl ?? DEFAULT_BASE_URL, name, params)
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  let response: Response
  try {
    response = await doFetch(url, { headers, signal: options.signal, credentials: 'same-origin' })
  } catch (error) {
    if (options.signal?.aborted) return { kind: 'aborted' }
    return { kind: 'error', message: `Could not reach the query API at ${url}: ${describe(error)}` }
  }
  let text: string
  try {
    text = await response.text()
  } catch (error) {
    if (options.signal?.aborted) return { kind: 'aborted' }
    return {
      kind: 'error',
      message: `The answer from ${url} was cut off: ${describe(error)}`,
      status: response.status,
    }
  }
  if (response.status === 401 || response.status === 403)
    return {
      kind: 'unauthorized',
      message: options.token
        ? 'The read token was not accepted.'
        : 'This dashboard needs the collector’s read token.',
    }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return {
      kind: 'error',
      message: `The query API answered ${response.status} without JSON${response.ok ? '' : `: ${text.slice(0, 200)}`}`,
      status: response.status,
    }
  }
  if (!response.ok) {
    const error = (body as { error?: unknown } | null)?.error
    return {
      kind: 'error',
      message: typeof error === 'string' ? error : `The query API answered ${response.status}.`,
      status: response.status,
    }
  }
  return { kind: 'ok', data: body as ReportResults[TName], text }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error))
