/** How failed sends are retried. Every field is optional; the defaults suit a collector you run. */
export interface RetryOptions {
  /** Attempts a batch gets when the collector keeps answering 408, 429 or 5xx (default 10). */
  maxAttempts?: number
  /** First backoff ceiling in milliseconds; it doubles per failure (default 1,000). */
  baseMs?: number
  /** Largest backoff ceiling in milliseconds (default 60,000). */
  capMs?: number
  /**
   * Consecutive network errors after which the collector is taken as unreachable (down, blocked by an ad
   * blocker, behind a captive portal): each attempt is then a probe carrying one event (default 3).
   */
  blockedAfter?: number
  /**
   * Longest wait between attempts after network errors; probes come every half to whole of it, so the
   * collector's return is noticed within that time (default 10,000).
   */
  blockedIntervalMs?: number
  /** Longest `Retry-After` honoured, so a misconfigured collector cannot stall delivery (default 3,600,000). */
  maxRetryAfterMs?: number
  /** Source of randomness in [0, 1) for the jitter (default `Math.random`). */
  random?: () => number
}

/** True for statuses worth retrying: 408, 429 and 5xx except 501 and 505, which no retry can fix. */
export function isRetryableStatus(status: number): boolean {
  return (
    status === 408 || status === 429 || (status >= 500 && status < 600 && status !== 501 && status !== 505)
  )
}

/**
 * Milliseconds to wait before retry number `failures` (1 for the first retry): exponential backoff with
 * full jitter, a uniform pick in [0, min(cap, base × 2^(failures − 1))).
 */
export function backoffDelay(failures: number, options: RetryOptions = {}): number {
  const ceiling = Math.min(
    options.capMs ?? 60_000,
    (options.baseMs ?? 1_000) * 2 ** Math.max(0, failures - 1),
  )
  return Math.floor((options.random ?? Math.random)() * ceiling)
}

/**
 * Reads a `Retry-After` header value in either form — delay-seconds (`"120"`) or an HTTP-date
 * (`"Wed, 21 Oct 2026 07:28:00 GMT"`) — as milliseconds from `now`. Returns undefined when absent or
 * unreadable; a date in the past gives 0.
 *
 * @example
 * parseRetryAfter('120') // 120000
 * parseRetryAfter(response.headers.get('retry-after')) // undefined when the header is absent
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1_000
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}
