/** A half-open interval `[start, end)` of the hash space that maps to one variation. */
export type BucketRange = readonly [start: number, end: number]

/**
 * `n` equal weights summing to 1; an empty list when `n` is not positive.
 *
 * @example
 * getEqualWeights(4) // [0.25, 0.25, 0.25, 0.25]
 */
export function getEqualWeights(n: number): number[] {
  return n > 0 ? Array<number>(n).fill(1 / n) : []
}

/**
 * The hash ranges of each variation, GrowthBook-compatible. Each variation keeps its slot
 * `[start, start + weight)` and `coverage` (clamped to [0, 1]) shrinks every slot from its start, so
 * raising coverage later never moves a unit to another variation. Weights that do not match
 * `numVariations` or do not sum to 1 (±0.01) are replaced by equal weights.
 *
 * @example
 * getBucketRanges(2, 0.5) // [[0, 0.25], [0.5, 0.75]]
 */
export function getBucketRanges(
  numVariations: number,
  coverage = 1,
  weights?: readonly number[] | null,
): BucketRange[] {
  const cover = Math.max(0, Math.min(coverage, 1))
  const total = weights?.reduce((sum, x) => sum + x, 0) ?? 0
  const w =
    weights?.length === numVariations && total >= 0.99 && total <= 1.01
      ? weights
      : getEqualWeights(numVariations)
  let start = 0
  return w.map((x) => {
    const range = [start, start + cover * x] as const
    start += x
    return range
  })
}

/**
 * The index of the range that contains `n`, or -1 when none does (the unit is outside coverage).
 *
 * @example
 * chooseVariation(0.6, getBucketRanges(2)) // 1
 */
export function chooseVariation(n: number, ranges: readonly BucketRange[]): number {
  return ranges.findIndex(([start, end]) => n >= start && n < end)
}
