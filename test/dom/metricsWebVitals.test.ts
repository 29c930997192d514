import { afterEach, describe, expect, test, vi } from 'vitest'
import type { Metric } from 'web-vitals'
import { instrumentWebVitals, WEB_VITALS_METRICS, withMetrics } from '../../src/index.js'
import { createTestAnalytics } from '../../src/testing.js'

// web-vitals needs a real browser's performance entries; here each on* hands its callback to the test
const reporters = vi.hoisted(() => new Map<string, (metric: unknown) => void>())
vi.mock('web-vitals', () => {
  const on = (name: string) => (callback: (metric: unknown) => void) => {
    reporters.set(name, callback)
  }
  return { onLCP: on('LCP'), onINP: on('INP'), onCLS: on('CLS'), onFCP: on('FCP'), onTTFB: on('TTFB') }
})

function report(name: Metric['name'], value: number, rating: Metric['rating'] = 'good') {
  reporters.get(name)?.({
    name,
    value,
    rating,
    delta: value,
    id: `v5-${name}`,
    entries: [],
    navigationType: 'navigate',
  })
}

afterEach(() => reporters.clear())

describe('instrumentWebVitals', () => {
  test('subscribes to LCP, INP, CLS, FCP and TTFB and records each as a histogram with its rating', () => {
    const analytics = createTestAnalytics({ metrics: withMetrics({ health: false }) })
    instrumentWebVitals(analytics)
    expect([...reporters.keys()].sort()).toEqual(['CLS', 'FCP', 'INP', 'LCP', 'TTFB'])
    report('LCP', 2300)
    report('INP', 520, 'poor')
    report('CLS', 0.12, 'needs-improvement')
    report('FCP', 900)
    report('TTFB', 180)
    const points = analytics.metrics.peek()
    expect(points.map((p) => [p.name, p.sum, p.tags.rating]).sort()).toEqual([
      ['web_vitals.cls.score', 0.12, 'needs-improvement'],
      ['web_vitals.fcp.ms', 900, 'good'],
      ['web_vitals.inp.ms', 520, 'poor'],
      ['web_vitals.lcp.ms', 2300, 'good'],
      ['web_vitals.ttfb.ms', 180, 'good'],
    ])
    expect(points.every((p) => p.tags.navigation_type === 'navigate')).toBe(true)
  })

  test('bucket bounds sit on Google’s thresholds, so CLS lands in a meaningful bucket', () => {
    const analytics = createTestAnalytics({ metrics: withMetrics({ health: false }) })
    instrumentWebVitals(analytics)
    report('CLS', 0.1)
    report('LCP', 2500)
    const cls = analytics.metrics.peek().find((p) => p.name === 'web_vitals.cls.score')
    expect(cls?.bounds).toEqual(WEB_VITALS_METRICS.CLS.bounds)
    expect(cls?.buckets?.[WEB_VITALS_METRICS.CLS.bounds.indexOf(0.1)]).toBe(1)
    const lcp = analytics.metrics.peek().find((p) => p.name === 'web_vitals.lcp.ms')
    expect(lcp?.buckets?.[WEB_VITALS_METRICS.LCP.bounds.indexOf(2500)]).toBe(1)
  })

  test('extra tags come from the tags option; a throwing one is ignored', () => {
    const analytics = createTestAnalytics({ metrics: withMetrics({ health: false }) })
    let route = '/products/:id'
    instrumentWebVitals(analytics, {
      tags: () => {
        if (route === 'boom') throw new Error('no route')
        return { route }
      },
    })
    report('LCP', 1200)
    route = 'boom'
    report('FCP', 800)
    const byName = Object.fromEntries(analytics.metrics.peek().map((p) => [p.name, p.tags]))
    expect(byName['web_vitals.lcp.ms']).toEqual({
      route: '/products/:id',
      rating: 'good',
      navigation_type: 'navigate',
    })
    expect(byName['web_vitals.fcp.ms']).toEqual({ rating: 'good', navigation_type: 'navigate' })
  })

  test('nothing is recorded after the undo', () => {
    const analytics = createTestAnalytics({ metrics: withMetrics({ health: false }) })
    const stop = instrumentWebVitals(analytics)
    stop()
    report('LCP', 2300)
    expect(analytics.metrics.peek()).toEqual([])
  })
})
