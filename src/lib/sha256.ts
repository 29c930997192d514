let K: number[] | undefined
let H: number[]

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n))

/**
 * SHA-256 of a string's UTF-8 bytes, as 64 lower-case hex digits. Synchronous and pure JavaScript, so it
 * works where `crypto.subtle` is missing (pages served over plain http) and keeps the pipeline synchronous.
 *
 * @example
 * sha256('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function sha256(text: string): string {
  if (!K) {
    // the fractional parts of the square and cube roots of the first primes (FIPS 180-4 §4.2.2): deriving
    // them is smaller than shipping 72 literals, and doubles hold enough bits to get every one exact
    const primes: number[] = []
    for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p)) primes.push(n)
    K = primes.map((p) => ((p ** (1 / 3) % 1) * 2 ** 32) | 0)
    H = primes.slice(0, 8).map((p) => ((p ** 0.5 % 1) * 2 ** 32) | 0)
  }
  const bytes = new TextEncoder().encode(text)
  const n = bytes.length
  // message, the 0x80 marker, zero padding, then the 64-bit length in bits: whole 64-byte blocks
  const words = new Int32Array((((n + 8) >> 6) + 1) * 16)
  for (let i = 0; i <= n; i++) words[i >> 2]! |= (i < n ? bytes[i]! : 128) << (24 - (i % 4) * 8)
  words[words.length - 2] = n / 2 ** 29
  words[words.length - 1] = n * 8
  const h = H.slice()
  const w = new Int32Array(64)
  for (let block = 0; block < words.length; block += 16) {
    const v = h.slice()
    for (let t = 0; t < 64; t++) {
      const a = w[t - 15]!
      const b = w[t - 2]!
      w[t] =
        t < 16
          ? words[block + t]!
          : (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10)) +
            w[t - 7]! +
            (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) +
            w[t - 16]!
      const [x, y, z, , e, f, g] = v as [number, number, number, number, number, number, number, number]
      const t1 = v[7]! + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t]! + w[t]!
      v.pop()
      v.unshift((t1 + (rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22)) + ((x & y) ^ (x & z) ^ (y & z))) | 0)
      v[4] = (v[4]! + t1) | 0
    }
    for (let i = 0; i < 8; i++) h[i] = (h[i]! + v[i]!) | 0
  }
  return h.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('')
}
