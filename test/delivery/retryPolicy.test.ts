import { describe, expect, it } from 'vitest'
import { backoffDelay, isRetryableStatus, parseRetryAfter } from '../../src/delivery/retryPolicy.js'

describe('retry policy', () => {
  it('retries 408, 429 and 5xx except 501 and 505, and nothing else', () => {
    const retried = [
      200, 204, 301, 400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 501, 502, 503, 504, 505, 599,
    ].filter(isRetryableStatus)
    expect(retried).toEqual([408, 429, 500, 502, 503, 504, 599])
  })

  it('backs off exponentially with full jitter up to the cap', () => {
    const top = { random: () => 0.999_999 }
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, top))).toEqual([
      999, 1_999, 3_999, 7_999, 15_999, 31_999, 59_999, 59_999,
    ])
    expect(backoffDelay(3, { random: () => 0 })).toBe(0)
    expect(backoffDelay(2, { random: () => 0.5, baseMs: 100, capMs: 150 })).toBe(75)
  })

  it('reads Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2026-11-28T10:00:00.000Z')
    expect(parseRetryAfter('120', now)).toBe(120_000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter('Sat, 28 Nov 2026 10:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Sat, 28 Nov 2026 09:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})
