const POOL = 4_096
// where the two hex digits of each random byte go in `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`
const AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34]
const DIGITS = '0123456789abcdef'

let pool: Uint8Array<ArrayBuffer> | undefined
let used = POOL
let codes: number[] | undefined

// random bytes come from one getRandomValues call per 256 ids: a call per id costs more than the id
function refill(): Uint8Array<ArrayBuffer> {
  if (!pool) pool = new Uint8Array(POOL)
  const bytes = pool
  const c = (globalThis as { crypto?: Crypto }).crypto
  let filled = false
  try {
    if (c?.getRandomValues) {
      c.getRandomValues(bytes)
      filled = true
    }
  } catch {
    // a crypto object that refuses (some sandboxed iframes): fall through to Math.random
  }
  if (!filled) for (let i = 0; i < POOL; i++) bytes[i] = (Math.random() * 256) | 0
  used = 0
  return bytes
}

/**
 * Returns a random RFC 4122 version 4 UUID from `crypto.getRandomValues` (`Math.random` only where there
 * is no crypto at all). Works on insecure (http) origins, where `crypto.randomUUID` is missing, and is
 * built as one flat string: queued events keep their id, and a concatenated one costs ten times the memory.
 */
export function uuid(): string {
  const bytes = !pool || used + 16 > POOL ? refill() : pool
  if (!codes) codes = Array.from('00000000-0000-0000-0000-000000000000', (c) => c.charCodeAt(0))
  for (let i = 0; i < 16; i++) {
    let x = bytes[used + i]!
    if (i === 6) x = (x & 0x0f) | 0x40
    else if (i === 8) x = (x & 0x3f) | 0x80
    codes[AT[i]!] = DIGITS.charCodeAt(x >> 4)
    codes[AT[i]! + 1] = DIGITS.charCodeAt(x & 15)
  }
  used += 16
  return String.fromCharCode.apply(null, codes)
}
