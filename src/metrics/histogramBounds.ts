/**
 * The OpenTelemetry default explicit bucket bounds, in the unit of the recorded values (milliseconds for
 * timers). Bucket `i` counts values `v` with `bounds[i - 1] < v <= bounds[i]`; the last bucket counts
 * values above the last bound.
 */
export const DEFAULT_BOUNDS: readonly number[] = [
  0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000,
]

/**
 * Returns the index of the bucket `value` falls into, following OpenTelemetry's explicit bucket
 * semantics (upper bounds inclusive): `bounds.length` when it is above every bound.
 */
export function bucketIndex(bounds: readonly number[], value: number): number {
  let lo = 0
  let hi = bounds.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (value <= bounds[mid]!) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** True when `bounds` is a non-empty list of finite numbers in strictly increasing order. */
export function validBounds(bounds: unknown): bounds is readonly number[] {
  if (!Array.isArray(bounds) || bounds.length === 0) return false
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i]
    if (typeof b !== 'number' || !Number.isFinite(b) || (i > 0 && b <= bounds[i - 1])) return false
  }
  return true
}
