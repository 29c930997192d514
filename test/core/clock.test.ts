import { afterEach, expect, it, vi } from 'vitest'
import { createTestAnalytics } from '../../src/testing.js'

afterEach(() => vi.useRealTimers())

it('follows a fake clock installed after the client was created', () => {
  const analytics = createTestAnalytics()
  vi.useFakeTimers({ now: new Date('2030-01-02T03:04:05.000Z') })
  analytics.track('clock_checked')
  expect(analytics.lastEvent('clock_checked')?.timestamp).toBe('2030-01-02T03:04:05.000Z')
})
