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
  status: number
  events: number
  sentAt?: string
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
