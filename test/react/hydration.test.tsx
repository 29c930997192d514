import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  AnalyticsProvider,
  TrackedButton,
  TrackedForm,
  TrackedLink,
  TrackingScope,
  usePageView,
} from '../../src/react.js'
import { createTestAnalytics } from '../../src/testing.js'

function Home() {
  usePageView({ page_type: 'home' })
  return (
    <TrackingScope properties={{ page: 'home' }}>
      <TrackedButton event="cta_clicked" type="button">
        Buy
      </TrackedButton>
      <TrackedLink event="docs_link_clicked" href="/docs">
        Docs
      </TrackedLink>
      <TrackedForm name="signup">
        <input name="email" />
      </TrackedForm>
    </TrackingScope>
  )
}

afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('hydration', () => {
  it('hydrates server markup without a warning, then tracks in the browser only', async () => {
    const server = createTestAnalytics({ anonymousId: 'anon_1' })
    const html = renderToString(
      <AnalyticsProvider client={server}>
        <Home />
      </AnalyticsProvider>,
    )
    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const before = container.innerHTML

    const error = vi.spyOn(console, 'error')
    const browser = createTestAnalytics({ anonymousId: 'anon_1' })
    await act(async () => {
      hydrateRoot(
        container,
        <AnalyticsProvider client={browser}>
          <Home />
        </AnalyticsProvider>,
        { onRecoverableError: (e) => console.error(e) },
      )
    })
    expect(error).not.toHaveBeenCalled()
    expect(container.innerHTML).toBe(before)
    expect(server.events).toEqual([])
    expect(browser.eventsNamed('page_viewed')).toHaveLength(1)
    await act(async () => container.querySelector('button')!.click())
    expect(browser.lastEvent('cta_clicked')?.properties).toEqual({ page: 'home' })
    expect(browser.lastEvent('cta_clicked')?.anonymous_id).toBe('anon_1')
  })
})
