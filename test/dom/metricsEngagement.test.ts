import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { ENGAGEMENT_METRICS, instrumentEngagement, type MetricPoint, withMetrics } from '../../src/index.js'
import { createTestAnalytics } from '../../src/testing.js'

let visibility: DocumentVisibilityState = 'visible'
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })

function setVisibility(state: DocumentVisibilityState) {
  visibility = state
  document.dispatchEvent(new Event('visibilitychange'))
}

function setup(options: Parameters<typeof instrumentEngagement>[1] = {}) {
  const analytics = createTestAnalytics({ metrics: withMetrics({ health: false }) })
  const closed: MetricPoint[] = []
  analytics.metrics.subscribe((points) => closed.push(...points))
  const stop = instrumentEngagement(analytics, options)
  const visits = () => {
    const all = [...closed, ...analytics.metrics.peek()]
    const of = (name: string) => all.filter((p) => p.name === name).map((p) => [p.tags.page, p.sum])
    return { time: of(ENGAGEMENT_METRICS.timeOnPage), active: of(ENGAGEMENT_METRICS.activeTime) }
  }
  return { analytics, stop, visits }
}

const interact = (type = 'pointerdown') => window.dispatchEvent(new Event(type))

let stops: (() => void)[] = []
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00.000Z') })
  visibility = 'visible'
  history.replaceState(null, '', '/products/42')
})
afterEach(() => {
  for (const stop of stops) stop()
  stops = []
  vi.useRealTimers()
})

describe('instrumentEngagement', () => {
  test('a visit records its visible time and its active time (interactions, then idleMs of grace)', () => {
    const s = setup({ idleMs: 15_000 })
    stops.push(s.stop)
    for (let t = 0; t < 20_000; t += 5_000) {
      vi.advanceTimersByTime(5_000)
      interact(t % 2 ? 'keydown' : 'scroll')
    }
    vi.advanceTimersByTime(40_000)
    setVisibility('hidden')
    // 60 s visible; active from load through the last interaction at 20 s plus 15 s of grace
    expect(s.visits()).toEqual({ time: [['/products/:id', 60_000]], active: [['/products/:id', 35_000]] })
  })

  test('hidden time is not counted; showing the page again starts a new visit', () => {
    const s = setup({ idleMs: 10_000 })
    stops.push(s.stop)
    vi.advanceTimersByTime(4_000)
    setVisibility('hidden')
    vi.advanceTimersByTime(600_000)
    setVisibility('visible')
    vi.advanceTimersByTime(30_000)
    window.dispatchEvent(new Event('pagehide'))
    expect(s.visits().time.map(([, ms]) => ms)).toEqual([4_000, 30_000])
    expect(s.visits().active.map(([, ms]) => ms)).toEqual([4_000, 10_000])
  })

  test('a page_viewed for a new path ends the visit of the previous page', () => {
    const s = setup()
    stops.push(s.stop)
    vi.advanceTimersByTime(3_000)
    s.analytics.page()
    vi.advanceTimersByTime(1_000)
    history.pushState(null, '', '/cart')
    s.analytics.page()
    vi.advanceTimersByTime(2_000)
    setVisibility('hidden')
    expect(s.visits().time).toEqual([
      ['/products/:id', 4_000],
      ['/cart', 2_000],
    ])
  })

  test('the visit is recorded before listeners on document see the page hide (the delivery’s page-exit send)', () => {
    const analytics = createTestAnalytics({ metrics: withMetrics({ health: false }) })
    let seenAtExit: string[] = []
    const exitSend = () => {
      if (document.visibilityState === 'hidden') seenAtExit = analytics.metrics.peek().map((p) => p.name)
    }
    document.addEventListener('visibilitychange', exitSend)
    stops.push(instrumentEngagement(analytics), () =>
      document.removeEventListener('visibilitychange', exitSend),
    )
    vi.advanceTimersByTime(5_000)
    setVisibility('hidden')
    expect(seenAtExit).toContain(ENGAGEMENT_METRICS.timeOnPage)
  })

  test('the undo stops listening and leaves the visit in progress unrecorded', () => {
    const s = setup()
    vi.advanceTimersByTime(7_000)
    s.stop()
    vi.advanceTimersByTime(7_000)
    setVisibility('hidden')
    window.dispatchEvent(new Event('pagehide'))
    expect(s.visits().time).toEqual([])
  })

  test('a page loaded in the background starts measuring only once shown', () => {
    visibility = 'hidden'
    const s = setup()
    stops.push(s.stop)
    vi.advanceTimersByTime(50_000)
    setVisibility('visible')
    vi.advanceTimersByTime(2_000)
    setVisibility('hidden')
    expect(s.visits().time).toEqual([['/products/:id', 2_000]])
  })
})
