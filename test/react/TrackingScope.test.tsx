import { act, cleanup, render, screen } from '@testing-library/react'
import { useEffect } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { AnalyticsProvider, TrackedButton, TrackingScope, useTrack } from '../../src/react.js'
import { createTestAnalytics } from '../../src/testing.js'

afterEach(cleanup)

function Mounted() {
  const track = useTrack()
  useEffect(() => track('widget_mounted', { widget: 'cart' }), [track])
  return null
}

function Step({ n }: { n: number }) {
  const track = useTrack()
  useEffect(() => track('step_viewed', { n }), [track, n])
  return null
}

describe('TrackingScope', () => {
  it('merges properties down the tree: the nearest scope wins, the call site wins over every scope', () => {
    const analytics = createTestAnalytics({ defaults: { app: 'shop', page: 'from_defaults' } })
    render(
      <AnalyticsProvider client={analytics}>
        <TrackingScope properties={{ page: 'product', section: 'outer', product_id: 'p1' }}>
          <TrackingScope properties={{ section: 'reviews', depth: 2 }}>
            <TrackedButton event="review_liked" properties={{ depth: 3 }}>
              like
            </TrackedButton>
          </TrackingScope>
          <TrackedButton event="product_shared">share</TrackedButton>
        </TrackingScope>
      </AnalyticsProvider>,
    )
    act(() => screen.getByText('like').click())
    act(() => screen.getByText('share').click())
    expect(analytics.lastEvent('review_liked')?.properties).toEqual({
      app: 'shop',
      page: 'product',
      section: 'reviews',
      product_id: 'p1',
      depth: 3,
    })
    expect(analytics.lastEvent('product_shared')?.properties).toEqual({
      app: 'shop',
      page: 'product',
      section: 'outer',
      product_id: 'p1',
    })
  })

  it('useTrack includes the scopes, and a child effect tracking on mount already sees them', () => {
    const analytics = createTestAnalytics()
    render(
      <AnalyticsProvider client={analytics}>
        <TrackingScope properties={{ page: 'checkout' }}>
          <Mounted />
        </TrackingScope>
      </AnalyticsProvider>,
    )
    expect(analytics.lastEvent('widget_mounted')?.properties).toEqual({ page: 'checkout', widget: 'cart' })
  })

  it('after a scope’s properties change, effects below that track see the new values', () => {
    const analytics = createTestAnalytics()
    const tree = (n: number) => (
      <AnalyticsProvider client={analytics}>
        <TrackingScope properties={{ step_name: `step ${n}` }}>
          <Step n={n} />
        </TrackingScope>
      </AnalyticsProvider>
    )
    const { rerender } = render(tree(1))
    rerender(tree(2))
    expect(analytics.eventsNamed('step_viewed').map((e) => e.properties)).toEqual([
      { step_name: 'step 1', n: 1 },
      { step_name: 'step 2', n: 2 },
    ])
  })

  it('a scope does not reach events of a sibling subtree', () => {
    const analytics = createTestAnalytics()
    render(
      <AnalyticsProvider client={analytics}>
        <TrackingScope properties={{ list: 'recommended' }}>
          <span />
        </TrackingScope>
        <TrackedButton event="banner_clicked">banner</TrackedButton>
      </AnalyticsProvider>,
    )
    act(() => screen.getByText('banner').click())
    expect(analytics.lastEvent('banner_clicked')?.properties).toEqual({})
  })
})
