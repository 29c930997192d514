/** Limits of `createRateLimiter`: per key and in total, per fixed window. */
export interface RateLimits {
  perKey: number
  total: number
  windowMs: number
}

/**
 * Returns `allow(key)`, true while `key` has been allowed fewer than `perKey` times and all keys fewer
 * than `total` times in the current window. Memory is bounded by `total` keys.
 */
export function createRateLimiter(limits: RateLimits, now: () => number): (key: string) => boolean {
  const counts = new Map<string, number>()
  let windowStart = Number.NEGATIVE_INFINITY
  let total = 0
  return (key) => {
    const at = now()
    if (at - windowStart >= limits.windowMs) {
      windowStart = at
      counts.clear()
      total = 0
    }
    const n = counts.get(key) ?? 0
    if (n >= limits.perKey || total >= limits.total) return false
    counts.set(key, n + 1)
    total++
    return true
  }
}
