let hex: string[] | undefined
let pool: Uint8Array<ArrayBuffer> | undefined
let used = 0

const POOL = 4_096

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
 * Returns a random RFC 4122 version 4 UUID from the runtime's cryptographic random source (falling back
 * to `Math.random` only where there is none). Works on insecure (http) origins, where `crypto.randomUUID`
 * is missing.
 */
export function uuid(): string {
  if (!hex) {
    hex = []
    for (let i = 0; i < 256; i++) hex.push((i + 0x100).toString(16).slice(1))
  }
  const b = !pool || used + 16 > POOL ? refill() : pool
  const o = used
  used += 16
  const h = hex
  return `${h[b[o]!]}${h[b[o + 1]!]}${h[b[o + 2]!]}${h[b[o + 3]!]}-${h[b[o + 4]!]}${h[b[o + 5]!]}-${h[(b[o + 6]! & 0x0f) | 0x40]}${h[b[o + 7]!]}-${h[(b[o + 8]! & 0x3f) | 0x80]}${h[b[o + 9]!]}-${h[b[o + 10]!]}${h[b[o + 11]!]}${h[b[o + 12]!]}${h[b[o + 13]!]}${h[b[o + 14]!]}${h[b[o + 15]!]}`
}
