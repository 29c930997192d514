let K: number[] | undefined
let H: number[] | undefined

// the constants are the fractional parts of the square and cube roots of the first primes (FIPS 180-4 §4.2.2);
// deriving them is smaller than shipping 72 literals, and doubles hold enough bits to get every one exact
const init = () => {
  K = []
  H = []
  for (let n = 2; K.length < 64; n++) {
    let prime = true
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false
    if (!prime) continue
    if (H.length < 8) H.push(((n ** 0.5 % 1) * 2 ** 32) | 0)
    K.push(((n ** (1 / 3) % 1) * 2 ** 32) | 0)
  }
}

/**
 * SHA-256 of a string's UTF-8 bytes, as 64 lower-case hex digits. Synchronous and pure JavaScript, so it
 * works where `crypto.subtle` is missing (pages served over plain http) and keeps the pipeline synchronous.
 *
 * @example
 * sha256('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function sha256(text: string): string {
  if (!K) init()
  const k = K!
  const bytes = new TextEncoder().encode(text)
  const bits = bytes.length * 8
  // message, the 0x80 marker, zero padding, then the 64-bit length: a whole number of 64-byte blocks
  const words = new Int32Array((((bytes.length + 8) >> 6) + 1) * 16)
  for (let i = 0; i < bytes.length; i++) words[i >> 2]! |= bytes[i]! << (24 - (i % 4) * 8)
  words[bytes.length >> 2]! |= 0x80 << (24 - (bytes.length % 4) * 8)
  words[words.length - 2] = (bits / 2 ** 32) | 0
  words[words.length - 1] = bits | 0
  const h = H!.slice()
  const w = new Int32Array(64)
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n))
  for (let block = 0; block < words.length; block += 16) {
    for (let t = 0; t < 64; t++) {
      if (t < 16) w[t] = words[block + t]!
      else {
        const a = w[t - 15]!
        const b = w[t - 2]!
        w[t] =
          (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10)) +
          w[t - 7]! +
          (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) +
          w[t - 16]!
      }
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number]
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[t]! + w[t]!) | 0
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0
      hh = g
      g = f
      f = e
      e = (d + t1) | 0
      d = c
      c = b
      b = a
      a = (t1 + t2) | 0
    }
    const next = [a, b, c, d, e, f, g, hh]
    for (let i = 0; i < 8; i++) h[i] = (h[i]! + next[i]!) | 0
  }
  let hex = ''
  for (const x of h) hex += (x >>> 0).toString(16).padStart(8, '0')
  return hex
}
