import { expect, test } from 'vitest'
import { instrumentWebVitals, withMetrics } from '../../src/index.js'
import { createTestAnalytics } from '../../src/testing.js'

test('with the real web-vitals in a DOM without performance observers, instrumenting neither throws nor records', () => {
  const analytics = createTestAnalytics({ metrics: withMetrics({ health: false }) })
  let stop: (() => void) | undefined
  expect(() => {
    stop = instrumentWebVitals(analytics)
  }).not.toThrow()
  document.dispatchEvent(new Event('visibilitychange'))
  expect(analytics.metrics.peek()).toEqual([])
  stop?.()
})
