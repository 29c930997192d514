import { webcrypto } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { uuid } from '../../src/lib/uuid.js'

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('uuid', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('gives RFC 4122 version 4 ids that do not repeat', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 5_000; i++) {
      const id = uuid()
      expect(id).toMatch(V4)
      seen.add(id)
    }
    expect(seen.size).toBe(5_000)
  })

  it('draws from crypto.getRandomValues, with no need for crypto.randomUUID (http pages)', () => {
    let calls = 0
    vi.stubGlobal('crypto', {
      getRandomValues(bytes: Uint8Array) {
        calls++
        return webcrypto.getRandomValues(bytes)
      },
    })
    for (let i = 0; i < 600; i++) expect(uuid()).toMatch(V4)
    // one call fills the pool for 256 ids
    expect(calls).toBeGreaterThanOrEqual(2)
    expect(calls).toBeLessThanOrEqual(4)
  })

  it('still works where there is no crypto at all (old webviews) or it throws', () => {
    vi.stubGlobal('crypto', undefined)
    // use up the current pool so that the next id needs fresh randomness
    for (let i = 0; i < 300; i++) expect(uuid()).toMatch(V4)
    vi.stubGlobal('crypto', {
      getRandomValues() {
        throw new Error('blocked')
      },
    })
    for (let i = 0; i < 300; i++) expect(uuid()).toMatch(V4)
  })
})
