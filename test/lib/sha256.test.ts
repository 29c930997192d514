import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sha256 } from '../../src/lib/sha256.js'

describe('sha256', () => {
  it('matches the FIPS 180-2 test vectors', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    )
    expect(sha256('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    )
  })

  it('hashes the UTF-8 bytes of the text, like every other SHA-256 implementation', () => {
    expect(sha256('é')).toBe(createHash('sha256').update('é', 'utf8').digest('hex'))
    expect(sha256('😀 naïve 中文')).toBe(createHash('sha256').update('😀 naïve 中文', 'utf8').digest('hex'))
  })

  it('is right at every padding boundary (55, 56, 63, 64 and 119 bytes)', () => {
    for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 128]) {
      const text = 'x'.repeat(n)
      expect(sha256(text), `${n} bytes`).toBe(createHash('sha256').update(text).digest('hex'))
    }
  })

  it('agrees with node:crypto on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(sha256(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'))
      }),
      { numRuns: 300 },
    )
  })
})
