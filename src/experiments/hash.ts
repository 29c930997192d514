// FNV-1a 32-bit; Math.imul keeps the multiplication exact in 32 bits
const fnv32a = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * GrowthBook-compatible deterministic hash of `value` under `seed`, a number in [0, 1).
 * Version 2 (the default for experiments) hashes twice and has four decimals of resolution;
 * version 1 is GrowthBook's legacy hash (three decimals). Any other version returns `null`.
 *
 * @example
 * hash('checkout_flow', 'user_8x92j4k1', 2) // 0.4127, the same in every runtime and in GrowthBook
 */
export function hash(seed: string, value: string, version: number): number | null {
  if (version === 2) return (fnv32a(`${fnv32a(seed + value)}`) % 10_000) / 10_000
  if (version === 1) return (fnv32a(value + seed) % 1_000) / 1_000
  return null
}
