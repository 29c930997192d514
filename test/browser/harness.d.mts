import type { Browser } from 'playwright-core'

export const CHROMIUM: string
export const INSTALL_HINT: string
/** A desktop Chrome's user agent: headless Chromium's is stored as a bot's, and reports leave bots out. */
export const CHROME_USER_AGENT: string
export function launchChromium(options?: { backForwardCache?: boolean; args?: string[] }): Promise<Browser>
export function buildBundle(entry: string, options?: { mode?: 'production' | 'development' }): Promise<string>
export function startSite(
  routes: Record<string, string | ((url: URL) => string)>,
  options?: { cacheable?: boolean },
): Promise<{ origin: string; close(): Promise<void> }>

export interface CollectorRequest {
  at: number
  bytes: number
  gzip: boolean
  contentType: string | undefined
  /** The request's Sec-Fetch-Mode: `no-cors` for a beacon, `cors` for the client's fetch. */
  mode: string | undefined
  status: number
  events: number
  sentAt?: string
  /** Set while the collector refuses (`refuse()`): the connection was closed without an answer. */
  refused?: boolean
  /** The decompressed body of a batch that parsed. */
  body?: string
}

export interface Collector {
  origin: string
  url: string
  requests: CollectorRequest[]
  readonly preflights: number
  unique(name?: string): number
  raw(name?: string): number
  copies(id: string): number
  ids(name?: string): string[]
  failNext(n: number, status: number, headers?: Record<string, string>): void
  rejectAbove(bytes: number): void
  dropResponses(n: number): void
  answerAfter(ms: number): void
  down(): Promise<void>
  refuse(): void
  up(): Promise<void>
  reset(): void
  close(): Promise<void>
}

export function startCollector(): Promise<Collector>
export function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  message?: string,
): Promise<void>
