const HEX = '0123456789abcdef'
const codes: number[] = []
let pool: Uint8Array<ArrayBuffer> | undefined
let used = 0

/**
 * Returns a random RFC 4122 version 4 UUID from `crypto.getRandomValues` (`Math.random` only where there
 * is no crypto at all). Works on insecure (http) origins, where `crypto.randomUUID` is missing, and is
 * built as one flat string: queued events keep their id, and a concatenated one costs ten times the memory.
 */
export function uuid(): string {
  // random bytes come from one getRandomValues call per 256 ids: a call per id costs more than the id
  if (!pool || used > 4_080) {
    pool = new Uint8Array(4_096)
    used = 0
    try {
      crypto.getRandomValues(pool)
    } catch {
      // no crypto, or one that refuses (some sandboxed iframes)
      for (let i = 0; i < 4_096; i++) pool[i] = Math.random() * 256
    }
  }
  for (let i = 0, j = 0; i < 16; i++) {
    let x = pool[used++]!
    if (i === 6) x = (x & 15) | 64
    if (i === 8) x = (x & 63) | 128
    if (j === 8 || j === 13 || j === 18 || j === 23) codes[j++] = 45
    codes[j++] = HEX.charCodeAt(x >> 4)
    codes[j++] = HEX.charCodeAt(x & 15)
  }
  return String.fromCharCode(...codes)
}
