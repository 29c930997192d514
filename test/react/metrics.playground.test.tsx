import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MetricsFeature } from '../../playground/src/features/metrics.js'
import { instrumentFetch } from '../../src/index.js'
import { AnalyticsProvider } from '../../src/react.js'
import { createTestAnalytics } from '../../src/testing.js'

const realFetch = globalThis.fetch
let stop: (() => void) | undefined

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00.000Z') })
  // the playground dev server's API, answered in memory
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    const path = String(input)
    if (path === '/api/slow') await new Promise((r) => setTimeout(r, 800))
    const status = path === '/api/fail' ? 500 : path === '/api/limited' ? 429 : 200
    return new Response('[]', { status })
  }) as typeof fetch
})
afterEach(() => {
  stop?.()
  cleanup()
  globalThis.fetch = realFetch
  vi.useRealTimers()
})

describe('playground metrics feature', () => {
  it('calls the API and shows live latency histograms and request and error counts', async () => {
    const analytics = createTestAnalytics()
    stop = instrumentFetch(analytics)
    render(
      <AnalyticsProvider client={analytics}>
        <MetricsFeature />
      </AnalyticsProvider>,
    )
    const click = (name: RegExp) => act(async () => screen.getByRole('button', { name }).click())
    await click(/products ×5/)
    await click(/api\/slow/)
    await act(() => vi.advanceTimersByTimeAsync(800))
    await click(/api\/fail/)
    await click(/api\/limited/)
    await act(() => vi.advanceTimersByTimeAsync(500))
    const text = document.body.textContent ?? ''
    expect(text).toContain('GET /api/products → 2xx: 5 recorded')
    expect(text).toContain('GET /api/slow → 2xx: 1 recorded, mean 800 ms')
    expect(text).toContain('GET /api/fail → 5xx: 1 recorded')
    expect(text).toContain('endpoint=/api/limited method=GET status_class=4xx3')
    expect(analytics.eventsNamed('api_call_failed')).toHaveLength(1)
    expect(analytics.eventsNamed('rate_limit_exceeded')).toHaveLength(3)

    // what the client aggregated survives the interval closing: the totals keep counting
    await act(() => vi.advanceTimersByTimeAsync(10_000))
    await click(/products ×5/)
    await act(() => vi.advanceTimersByTimeAsync(500))
    expect(document.body.textContent).toContain('GET /api/products → 2xx: 10 recorded')
  })
})
