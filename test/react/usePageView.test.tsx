import { cleanup, render } from '@testing-library/react'
import { StrictMode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { AnalyticsProvider, TrackingScope, usePageView } from '../../src/react.js'
import { createTestAnalytics } from '../../src/testing.js'

afterEach(cleanup)

function Page({ id, extra }: { id: string; extra?: string }) {
  usePageView({ page_type: 'product', product_id: id, ...(extra && { extra }) }, [id])
  return null
}

function Home() {
  usePageView()
  return null
}

describe('usePageView', () => {
  it('tracks exactly one page_viewed under StrictMode, with the page, scope and given properties', () => {
    const analytics = createTestAnalytics()
    render(
      <StrictMode>
        <AnalyticsProvider client={analytics}>
          <TrackingScope properties={{ section: 'shop' }}>
            <Page id="p1" />
          </TrackingScope>
        </AnalyticsProvider>
      </StrictMode>,
    )
    const views = analytics.eventsNamed('page_viewed')
    expect(views).toHaveLength(1)
    expect(views[0]!.properties).toMatchObject({
      section: 'shop',
      page_type: 'product',
      product_id: 'p1',
      path: '/',
      url: 'http://localhost:3000/',
    })
  })

  it('tracks again when a dependency changes, and not when only the properties object is new', () => {
    const analytics = createTestAnalytics()
    const tree = (id: string, extra?: string) => (
      <StrictMode>
        <AnalyticsProvider client={analytics}>
          <Page id={id} {...(extra && { extra })} />
        </AnalyticsProvider>
      </StrictMode>
    )
    const { rerender } = render(tree('p1'))
    rerender(tree('p1', 'changed'))
    rerender(tree('p2'))
    rerender(tree('p2'))
    expect(analytics.eventsNamed('page_viewed').map((e) => e.properties.product_id)).toEqual(['p1', 'p2'])
  })

  it('without deps, tracks once per mount: a remount is a new page view', () => {
    const analytics = createTestAnalytics()
    const { unmount } = render(
      <AnalyticsProvider client={analytics}>
        <Home />
      </AnalyticsProvider>,
    )
    unmount()
    render(
      <AnalyticsProvider client={analytics}>
        <Home />
      </AnalyticsProvider>,
    )
    expect(analytics.eventsNamed('page_viewed')).toHaveLength(2)
  })
})
