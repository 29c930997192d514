// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import {
  AnalyticsErrorBoundary,
  AnalyticsProvider,
  TrackedButton,
  TrackedForm,
  TrackedLink,
  TrackingScope,
  useExposure,
  usePageView,
  useTrack,
} from '../../src/react.js'
import { createTestAnalytics } from '../../src/testing.js'

function ProductCard({ id }: { id: string }) {
  const ref = useExposure('product_impression', { product_id: id })
  const track = useTrack()
  usePageView({ page_type: 'product' })
  return (
    <li ref={ref} data-id={id} title={typeof track}>
      {id}
    </li>
  )
}

function Page() {
  return (
    <TrackingScope properties={{ page: 'home' }}>
      <AnalyticsErrorBoundary fallback={<p>oops</p>}>
        <ul>
          <ProductCard id="p1" />
        </ul>
        <TrackedButton event="cta_clicked" type="button">
          Buy
        </TrackedButton>
        <TrackedLink event="docs_link_clicked" href="/docs">
          Docs
        </TrackedLink>
        <TrackedForm name="signup">
          <input name="email" />
        </TrackedForm>
      </AnalyticsErrorBoundary>
    </TrackingScope>
  )
}

describe('server rendering', () => {
  it('renders every component without browser globals, as the plain elements, tracking nothing', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined')
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const analytics = createTestAnalytics({ anonymousId: 'anon_from_server' })
    const html = renderToString(
      <AnalyticsProvider client={analytics}>
        <Page />
      </AnalyticsProvider>,
    )
    expect(html).toBe(
      '<ul><li data-id="p1" title="function">p1</li></ul><button type="button">Buy</button>' +
        '<a href="/docs">Docs</a><form name="signup"><input name="email"/></form>',
    )
    // effects, observers and page views belong to the browser
    expect(analytics.events).toEqual([])
    expect(error).not.toHaveBeenCalled()
    error.mockRestore()
  })
})
