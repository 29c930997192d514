import { hash } from './hash.js'

/**
 * A slice `[id, start, end)` of a namespace. Experiments sharing a namespace id with disjoint slices
 * never share a unit (mutual exclusion).
 */
export type Namespace = readonly [id: string, start: number, end: number]

/**
 * Whether the unit `id` falls in the namespace slice, GrowthBook-compatible.
 *
 * @example
 * // two experiments that must not overlap
 * inNamespace(userId, ['checkout', 0, 0.5]) !== inNamespace(userId, ['checkout', 0.5, 1]) // always true
 */
export function inNamespace(id: string, namespace: Namespace): boolean {
  const n = hash(`__${namespace[0]}`, id, 1)!
  return n >= namespace[1] && n < namespace[2]
}
