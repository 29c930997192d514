import { act, cleanup, render } from '@testing-library/react'
import { StrictMode, useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ExposureOptions } from '../../src/react.js'
import { AnalyticsProvider, TrackingScope, useExposure } from '../../src/react.js'
import { createTestAnalytics, type TestAnalytics } from '../../src/testing.js'
import { MockObserver, setVisible } from '../support/mockIntersectionObserver.js'

function Product({ id, options }: { id: string; options?: ExposureOptions }) {
  const ref = useExposure('product_impression', { product_id: id }, options)
  return (
    <li ref={ref} data-testid={id}>
      {id}
    </li>
  )
}

function Toggle() {
  const [shown, setShown] = useState(true)
  return (
    <>
      <button type="button" onClick={() => setShown(false)}>
        hide
      </button>
      {shown ? <Product id="p1" options={{ minVisibleMs: 1_000 }} /> : null}
    </>
  )
}

let analytics: TestAnalytics
beforeEach(() => {
  vi.useFakeTimers()
  vi.stubGlobal('IntersectionObserver', MockObserver)
  analytics = createTestAnalytics()
})
afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.useRealTimers()
  MockObserver.live.clear()
})

const impressions = () => analytics.eventsNamed('product_impression').map((e) => e.properties.product_id)

function renderList(ids: string[], options?: ExposureOptions, strict = false) {
  const tree = (
    <AnalyticsProvider client={analytics}>
      <TrackingScope properties={{ list: 'home' }}>
        <ul>
          {ids.map((id) => (
            <Product key={id} id={id} {...(options && { options })} />
          ))}
        </ul>
      </TrackingScope>
    </AnalyticsProvider>
  )
  const result = render(strict ? <StrictMode>{tree}</StrictMode> : tree)
  return { ...result, el: (id: string) => result.getByTestId(id) }
}

describe('useExposure', () => {
  it('tracks only after the element has been visible beyond the threshold for the dwell time', () => {
    const { el } = renderList(['p1'], { threshold: 0.5, minVisibleMs: 1_000 })
    setVisible(el('p1'), 0.3)
    vi.advanceTimersByTime(5_000)
    expect(impressions()).toEqual([])

    setVisible(el('p1'), 0.6)
    vi.advanceTimersByTime(999)
    expect(impressions()).toEqual([])
    vi.advanceTimersByTime(1)
    expect(impressions()).toEqual(['p1'])
    expect(analytics.lastEvent('product_impression')?.properties).toEqual({ list: 'home', product_id: 'p1' })
  })

  it('restarts the dwell time when the element leaves before it is over', () => {
    const { el } = renderList(['p1'], { minVisibleMs: 1_000 })
    setVisible(el('p1'), 1)
    vi.advanceTimersByTime(800)
    setVisible(el('p1'), 0)
    vi.advanceTimersByTime(800)
    setVisible(el('p1'), 1)
    vi.advanceTimersByTime(800)
    expect(impressions()).toEqual([])
    vi.advanceTimersByTime(200)
    expect(impressions()).toEqual(['p1'])
  })

  it('tracks once by default, however often the element comes back, and stops observing', () => {
    const { el } = renderList(['p1'], { minVisibleMs: 100 })
    for (let i = 0; i < 3; i++) {
      setVisible(el('p1'), 1)
      vi.advanceTimersByTime(200)
      setVisible(el('p1'), 0)
    }
    expect(impressions()).toEqual(['p1'])
    expect(MockObserver.live.size).toBe(0)
  })

  it('with once: false, tracks again each time the element leaves and comes back', () => {
    const { el } = renderList(['p1'], { minVisibleMs: 100, once: false })
    for (let i = 0; i < 3; i++) {
      setVisible(el('p1'), 1)
      vi.advanceTimersByTime(500)
    }
    expect(impressions()).toEqual(['p1'])
    setVisible(el('p1'), 0)
    setVisible(el('p1'), 1)
    vi.advanceTimersByTime(100)
    expect(impressions()).toEqual(['p1', 'p1'])
  })

  it('gives exactly one exposure per element under StrictMode', () => {
    const { el } = renderList(['p1', 'p2'], { minVisibleMs: 500 }, true)
    setVisible(el('p1'), 1)
    setVisible(el('p2'), 1)
    vi.advanceTimersByTime(10_000)
    expect(impressions().sort()).toEqual(['p1', 'p2'])
    expect(MockObserver.live.size).toBe(0)
  })

  it('counts an element larger than the viewport once it fills the threshold share of the viewport', () => {
    const tall = { width: 1000, height: 3000 }
    const { el } = renderList(['hero'], { threshold: 0.5, minVisibleMs: 100 })
    // 800 of 3000 px in view: only 27% of the element, but the whole viewport
    setVisible(el('hero'), 800 / 3000, tall)
    vi.advanceTimersByTime(100)
    expect(impressions()).toEqual(['hero'])
  })

  it('does not finish the dwell while the page is hidden (background tab)', () => {
    const { el } = renderList(['p1'], { minVisibleMs: 1_000 })
    const hidden = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
    setVisible(el('p1'), 1)
    vi.advanceTimersByTime(5_000)
    expect(impressions()).toEqual([])
    hidden.mockReturnValue('visible')
    vi.advanceTimersByTime(1_000)
    expect(impressions()).toEqual(['p1'])
  })

  it('stops observing and never tracks when the element unmounts during the dwell', () => {
    const { getByTestId, getByText } = render(
      <AnalyticsProvider client={analytics}>
        <Toggle />
      </AnalyticsProvider>,
    )
    setVisible(getByTestId('p1'), 1)
    vi.advanceTimersByTime(500)
    act(() => getByText('hide').click())
    vi.advanceTimersByTime(5_000)
    expect(impressions()).toEqual([])
    expect(MockObserver.live.size).toBe(0)
  })

  it('is a no-op where IntersectionObserver is missing', () => {
    vi.stubGlobal('IntersectionObserver', undefined)
    expect(() => renderList(['p1'])).not.toThrow()
    vi.advanceTimersByTime(10_000)
    expect(impressions()).toEqual([])
  })
})
