/**
 * The variation index forced by `?<key>=<index>` in `url`, or `null` when the parameter is absent,
 * not a whole number, or not below `numVariations`. The fragment is ignored.
 *
 * @example
 * getQueryStringOverride('checkout_flow', 'https://shop.test/cart?checkout_flow=1', 2) // 1
 */
export function getQueryStringOverride(key: string, url: string, numVariations: number): number | null {
  const value = url
    .split('#')[0]!
    .split('?')[1]
    ?.split('&')
    .find((pair) => pair.split('=')[0] === key)
    ?.split('=')[1]
  const index = value && /^\d+$/.test(value) ? Number(value) : -1
  return index >= 0 && index < numVariations ? index : null
}
