import { act, cleanup, render, screen } from '@testing-library/react'
import { StrictMode, useEffect } from 'react'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { type Metrics, type MetricTags, withMetrics } from '../../src/index.js'
import { AnalyticsProvider, type TimerControls, useMetrics, useTimer } from '../../src/react.js'
import { createTestAnalytics, type TestAnalytics } from '../../src/testing.js'

let analytics: TestAnalytics & { readonly metrics: Metrics }
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00.000Z') })
  analytics = createTestAnalytics({ metrics: withMetrics({ health: false }) })
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const recorded = (name: string) => analytics.metrics.peek().filter((p) => p.name === name)

function Step({
  tags,
  options,
  expose,
}: {
  tags?: MetricTags
  options?: { startOnMount?: boolean }
  expose?: (timer: TimerControls) => void
}) {
  const timer = useTimer('checkout.step.ms', tags, options)
  useEffect(() => {
    expose?.(timer)
  }, [expose, timer])
  return (
    <button type="button" onClick={() => timer.stop({ outcome: 'done' })}>
      finish
    </button>
  )
}

const mount = (ui: React.ReactNode) => render(<AnalyticsProvider client={analytics}>{ui}</AnalyticsProvider>)

describe('useTimer', () => {
  test('measures from mount to unmount', async () => {
    const view = mount(<Step tags={{ step: 'shipping' }} />)
    await act(() => vi.advanceTimersByTimeAsync(1_200))
    view.unmount()
    await act(async () => {})
    expect(recorded('checkout.step.ms')).toEqual([
      expect.objectContaining({ tags: { step: 'shipping' }, count: 1, sum: 1_200 }),
    ])
  })

  test('under StrictMode the rehearsal unmount neither ends nor restarts the measurement', async () => {
    const view = render(
      <StrictMode>
        <AnalyticsProvider client={analytics}>
          <Step />
        </AnalyticsProvider>
      </StrictMode>,
    )
    await act(async () => {})
    expect(recorded('checkout.step.ms')).toEqual([])
    await act(() => vi.advanceTimersByTimeAsync(900))
    view.unmount()
    await act(async () => {})
    expect(recorded('checkout.step.ms')).toEqual([expect.objectContaining({ count: 1, sum: 900 })])
  })

  test('stop() records once, with its tags; the unmount then records nothing more', async () => {
    const view = mount(<Step tags={{ step: 'payment' }} />)
    await act(() => vi.advanceTimersByTimeAsync(300))
    act(() => screen.getByText('finish').click())
    view.unmount()
    await act(async () => {})
    expect(recorded('checkout.step.ms')).toEqual([
      expect.objectContaining({ tags: { step: 'payment', outcome: 'done' }, count: 1, sum: 300 }),
    ])
  })

  test('with startOnMount false only start() starts; stop() before that returns undefined', async () => {
    let timer: TimerControls | undefined
    const view = mount(
      <Step
        options={{ startOnMount: false }}
        expose={(t) => {
          timer = t
        }}
      />,
    )
    await act(() => vi.advanceTimersByTimeAsync(500))
    expect(timer?.running()).toBe(false)
    expect(timer?.stop()).toBeUndefined()
    act(() => timer?.start())
    await act(() => vi.advanceTimersByTimeAsync(250))
    expect(timer?.stop()).toBe(250)
    view.unmount()
    await act(async () => {})
    expect(recorded('checkout.step.ms')).toEqual([expect.objectContaining({ count: 1, sum: 250 })])
  })

  test('its controls keep their identity across renders', () => {
    const seen = new Set<TimerControls>()
    const view = mount(<Step expose={(t) => seen.add(t)} />)
    view.rerender(
      <AnalyticsProvider client={analytics}>
        <Step tags={{ step: 'other' }} expose={(t) => seen.add(t)} />
      </AnalyticsProvider>,
    )
    expect(seen.size).toBe(1)
  })
})

function Counter({ onMetrics }: { onMetrics: (m: ReturnType<typeof useMetrics>) => void }) {
  const metrics = useMetrics()
  onMetrics(metrics)
  return (
    <button type="button" onClick={() => metrics.increment('search.queries.count', 1, { source: 'header' })}>
      search
    </button>
  )
}

describe('useMetrics', () => {
  test('returns the client’s metrics API, the same object on every render', () => {
    const seen = new Set<unknown>()
    const view = mount(<Counter onMetrics={(m) => seen.add(m)} />)
    view.rerender(
      <AnalyticsProvider client={analytics}>
        <Counter onMetrics={(m) => seen.add(m)} />
      </AnalyticsProvider>,
    )
    act(() => screen.getByText('search').click())
    expect([...seen]).toEqual([analytics.metrics])
    expect(recorded('search.queries.count')).toEqual([
      expect.objectContaining({ tags: { source: 'header' }, value: 1 }),
    ])
  })

  test('outside a provider, values are dropped without throwing and a warning is said once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    render(<Counter onMetrics={() => {}} />)
    expect(() => act(() => screen.getByText('search').click())).not.toThrow()
    expect(recorded('search.queries.count')).toEqual([])
    expect(
      warn.mock.calls.filter(([m]) => String(m).includes('outside <AnalyticsProvider>')).length,
    ).toBeLessThanOrEqual(1)
  })
})
