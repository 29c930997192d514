/** The summed counts of one histogram bucket: `le` its upper bound, null for the bucket above the last. */
export interface BucketCount {
  le: number | null
  count: number
}

/**
 * Estimates the `q` quantile of values summarised as bucket counts, interpolating linearly within the
 * bucket the quantile falls in (as Prometheus' `histogram_quantile`). `min` and `max` of the values, when
 * known, bound the first and the overflow bucket. Null without values.
 */
export function histogramQuantile(
  buckets: readonly BucketCount[],
  q: number,
  min: number | null = null,
  max: number | null = null,
): number | null {
  const sorted = [...buckets].sort(
    (a, b) => (a.le ?? Number.POSITIVE_INFINITY) - (b.le ?? Number.POSITIVE_INFINITY),
  )
  const total = sorted.reduce((sum, b) => sum + b.count, 0)
  if (total <= 0) return null
  const rank = q * total
  let below = 0
  let lower = min ?? 0
  for (const bucket of sorted) {
    const upper = bucket.le ?? max ?? lower
    if (bucket.count > 0 && below + bucket.count >= rank) {
      const low = Math.min(min === null ? lower : Math.max(lower, min), upper)
      const value = low + (upper - low) * ((rank - below) / bucket.count)
      return clamp(value, min, max)
    }
    below += bucket.count
    lower = bucket.le ?? lower
  }
  return clamp(lower, min, max)
}

function clamp(value: number, min: number | null, max: number | null): number {
  const floor = min === null ? value : Math.max(value, min)
  return max === null ? floor : Math.min(floor, max)
}
