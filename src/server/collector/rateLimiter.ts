/** Events a key may send per second, with a burst allowance. */
export interface RateLimit {
  /** Sustained events per second per key; beyond it batches get 429 with `Retry-After`. */
  eventsPerSecond: number
  /** Events a key may send at once after being idle (default: one second's worth). */
  burst?: number
}

/**
 * A token bucket per key. `take` returns 0 when the events may pass, or the seconds to wait before a
 * batch of that size would; the bucket is only charged when the events pass.
 */
export function createRateLimiter(
  { eventsPerSecond, burst = eventsPerSecond }: RateLimit,
  clock: () => number = Date.now,
): (key: string, events: number) => number {
  const buckets = new Map<string, { tokens: number; at: number }>()
  return (key, events) => {
    const now = clock()
    let bucket = buckets.get(key)
    if (!bucket) {
      if (buckets.size > 10_000) buckets.clear()
      bucket = { tokens: burst, at: now }
      buckets.set(key, bucket)
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * eventsPerSecond)
    bucket.at = now
    if (events <= bucket.tokens) {
      bucket.tokens -= events
      return 0
    }
    return Math.max(1, Math.ceil((Math.min(events, burst) - bucket.tokens) / eventsPerSecond))
  }
}
