import { act, cleanup, fireEvent, render, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { useEffect } from 'react'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { AnalyticsDevtools } from '../../src/devtools.js'
import {
  type Analytics,
  createAnalytics,
  defineExperiment,
  memoryTransport,
  withExperiments,
  withMetrics,
} from '../../src/index.js'
import { AnalyticsProvider, Experiment, Variant } from '../../src/react.js'
import { createTestAnalytics } from '../../src/testing.js'
import { captureWarnings } from '../support/captureWarnings.js'

beforeAll(async () => {
  // load the lazily imported panel code once, with real timers, as a browser would before its first use
  await import('../../src/devtools/DevtoolsShell.js')
})

beforeEach(() => {
  vi.useFakeTimers()
  // Testing Library drains microtasks behind a setTimeout(0) that it advances only for Jest's fake timers
  vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) })
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

/** The devtools' shadow root: the panel is invisible to `document` queries. */
function shadowOf(): ShadowRoot {
  const host = document.querySelector('[data-instrumentkit-devtools]')
  if (!host?.shadowRoot) throw new Error('devtools host not mounted')
  return host.shadowRoot
}

function panel() {
  return within(shadowOf().lastElementChild as HTMLElement)
}

async function mount(ui: React.ReactElement) {
  await act(async () => {
    render(ui)
  })
  return panel()
}

function CountingApp({ renders }: { renders: { count: number } }) {
  renders.count++
  return <p>shop</p>
}

function PageViewOnMount({ analytics }: { analytics: Analytics }) {
  useEffect(() => analytics.track('page_viewed'), [analytics])
  return null
}

const checkoutFlow = defineExperiment({ key: 'checkout_flow', variations: ['control', 'one_page'] })

function Checkout() {
  return (
    <Experiment experiment={checkoutFlow}>
      <Variant name="control">
        <p>Classic checkout</p>
      </Variant>
      <Variant name="one_page">
        <p>One-page checkout</p>
      </Variant>
    </Experiment>
  )
}

const user = () => userEvent.setup({ delay: null, document })

describe('AnalyticsDevtools', () => {
  it('renders only a toggle button while closed, inside a shadow root', async () => {
    const analytics = createTestAnalytics()
    const ui = await mount(
      <AnalyticsProvider client={analytics}>
        <p>app</p>
        <AnalyticsDevtools />
      </AnalyticsProvider>,
    )
    const toggle = ui.getByRole('button', { name: 'Open instrumentkit devtools' })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(ui.queryByRole('dialog')).toBeNull()
    expect(shadowOf().querySelectorAll('button')).toHaveLength(1)
  })

  it('opens with Enter on the toggle, moves between tabs with the arrow keys, and closes with Escape', async () => {
    const analytics = createTestAnalytics()
    const ui = await mount(<AnalyticsDevtools client={analytics} />)
    const u = user()
    const toggle = ui.getByRole('button', { name: 'Open instrumentkit devtools' })
    toggle.focus()
    await u.keyboard('{Enter}')

    const dialog = ui.getByRole('dialog', { name: 'instrumentkit devtools' })
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    expect(toggle.getAttribute('aria-controls')).toBe(dialog.id)
    const events = ui.getByRole('tab', { name: 'Events' })
    expect(shadowOf().activeElement).toBe(events)

    await u.keyboard('{ArrowRight}')
    const delivery = ui.getByRole('tab', { name: 'Delivery' })
    expect(delivery.getAttribute('aria-selected')).toBe('true')
    expect(shadowOf().activeElement).toBe(delivery)
    expect(ui.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(delivery.id)
    await u.keyboard('{End}')
    expect(shadowOf().activeElement).toBe(ui.getByRole('tab', { name: 'Consent & identity' }))
    await u.keyboard('{ArrowRight}')
    expect(shadowOf().activeElement).toBe(events)
    await u.keyboard('{ArrowLeft}')
    expect(ui.getByRole('tab', { name: 'Consent & identity' }).getAttribute('aria-selected')).toBe('true')

    await u.keyboard('{Escape}')
    expect(ui.queryByRole('dialog')).toBeNull()
    expect(shadowOf().activeElement).toBe(toggle)
    expect(toggle.getAttribute('aria-expanded')).toBe('false')

    await u.keyboard(' ')
    expect(ui.getByRole('dialog')).toBeTruthy()
  })

  it('shows a tracked event with its outcome, live', async () => {
    const analytics = createTestAnalytics()
    const ui = await mount(<AnalyticsDevtools client={analytics} initialOpen />)
    await act(async () => {
      analytics.track('checkout_completed', { order_value: 149.99 })
    })
    const list = within(ui.getByRole('list', { name: 'Events, newest first' }))
    const row = list.getByRole('button', { name: /checkout_completed/ })
    expect(row.textContent).toContain('queued')

    await user().click(row)
    expect(row.getAttribute('aria-expanded')).toBe('true')
    expect(list.getByText(/"order_value": 149.99/)).toBeTruthy()
  })

  it("shows a dropped event's reason and the fields the privacy stage redacted", async () => {
    const analytics = createTestAnalytics({ consent: 'granted' })
    const ui = await mount(<AnalyticsDevtools client={analytics} initialOpen />)
    await act(async () => {
      analytics.track('signup_completed', { email: 'ada@example.com', plan: 'pro' })
      analytics.setConsent('denied')
      analytics.track('newsletter_subscribed', { topic: 'news' })
    })
    const list = within(ui.getByRole('list', { name: 'Events, newest first' }))
    const signup = list.getByRole('button', { name: /signup_completed/ })
    expect(signup.textContent).toContain('redacted: properties.email')
    const dropped = list.getByRole('button', { name: /newsletter_subscribed/ })
    expect(dropped.textContent).toContain('dropped: consent_denied')

    await user().click(dropped)
    expect(list.getByText(/consent stage: consent_denied/)).toBeTruthy()
  })

  it('shows which property values the JSON limits cut', async () => {
    // the warning this test provokes is asserted, not printed
    captureWarnings(/values were cut to fit the property limits/)
    const analytics = createTestAnalytics({ limits: { maxStringLength: 10 } })
    const ui = await mount(<AnalyticsDevtools client={analytics} initialOpen />)
    await act(async () => {
      analytics.track('review_submitted', { text: 'x'.repeat(50), stars: 5 })
    })
    const row = ui.getByRole('button', { name: /review_submitted/ })
    expect(row.textContent).toMatch(/truncated: \S*text/)
  })

  it('shows the ledger, balanced, with drops by reason and delivered batches', async () => {
    const transport = memoryTransport()
    const analytics = createAnalytics({ storage: false, transport, batch: { intervalMs: 1_000 } })
    const ui = await mount(<AnalyticsDevtools client={analytics} initialOpen />)
    await act(async () => {
      analytics.track('product_viewed', { sku: 'a' })
      analytics.track('product_viewed', { sku: 'b' })
      analytics.setConsent('denied')
      analytics.track('product_viewed', { sku: 'c' })
      analytics.setConsent('granted')
    })
    await user().click(ui.getByRole('tab', { name: 'Delivery' }))
    // session_started + 3 product views; one dropped, three waiting
    expect(ui.getByTestId('ledger-check').textContent).toContain('4 = 0 + 1 + 3 ✓')
    expect(ui.getByTestId('queue-size').textContent).toContain('3 events waiting')
    const ledger = within(ui.getByRole('table', { name: 'Ledger' }))
    expect(ledger.getByRole('row', { name: /consent_denied 1/ })).toBeTruthy()

    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000)
    })
    expect(transport.batches).toHaveLength(1)
    expect(ui.getByTestId('ledger-check').textContent).toContain('4 = 3 + 1 + 0 ✓')
    expect(ui.getByTestId('ledger-summary').textContent).toBe(
      '4 tracked · 3 delivered · 1 dropped · 0 pending',
    )
    const batches = within(ui.getByRole('table', { name: 'Batches, newest first' }))
    expect(batches.getByRole('row', { name: /sent 3/ })).toBeTruthy()
  })

  it('shows a failed batch waiting to retry, then its success', async () => {
    const transport = memoryTransport()
    let fail = true
    transport.respond(() =>
      fail ? { ok: false, status: 503, retryAfterMs: 2_000 } : { ok: true, status: 200 },
    )
    const analytics = createAnalytics({ storage: false, transport, batch: { intervalMs: 100 } })
    const ui = await mount(<AnalyticsDevtools client={analytics} initialOpen />)
    await act(async () => {
      analytics.track('cart_viewed')
      await vi.advanceTimersByTimeAsync(100)
    })
    const list = within(ui.getByRole('list', { name: 'Events, newest first' }))
    expect(list.getByRole('button', { name: /cart_viewed/ }).textContent).toContain(
      'retrying in 2.0 s (attempt 1, HTTP 503)',
    )
    fail = false
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2_000)
    })
    expect(list.getByRole('button', { name: /cart_viewed/ }).textContent).toContain(
      'sent after 2 attempts (HTTP 200)',
    )
    await user().click(ui.getByRole('tab', { name: 'Delivery' }))
    const batches = within(ui.getByRole('table', { name: 'Batches, newest first' }))
    expect(batches.getByRole('row', { name: /retry in 2\.0 s 2 1 503/ })).toBeTruthy()
  })

  it('grants and denies consent with its buttons', async () => {
    const analytics = createTestAnalytics({ consent: 'pending' })
    const ui = await mount(<AnalyticsDevtools client={analytics} initialOpen />)
    await act(async () => {
      analytics.track('page_viewed')
    })
    const u = user()
    await u.click(ui.getByRole('tab', { name: 'Consent & identity' }))
    expect(ui.getByTestId('consent').textContent).toBe('pending')

    await u.click(ui.getByRole('button', { name: 'Grant consent' }))
    expect(analytics.getState().consent).toBe('granted')
    expect(ui.getByTestId('consent').textContent).toBe('granted')
    expect(ui.getByRole('button', { name: 'Grant consent' }).getAttribute('aria-pressed')).toBe('true')
    // the held events were released
    expect(analytics.eventsNamed('page_viewed')).toHaveLength(1)

    await u.click(ui.getByRole('button', { name: 'Deny consent' }))
    expect(analytics.getState().consent).toBe('denied')
    expect(ui.getByTestId('consent').textContent).toBe('denied')
  })

  it('shows the ids and resets them', async () => {
    const analytics = createTestAnalytics({ anonymousId: 'anon-1' })
    const ui = await mount(<AnalyticsDevtools client={analytics} initialOpen />)
    await act(async () => {
      analytics.identify('user_42')
    })
    const u = user()
    await u.click(ui.getByRole('tab', { name: 'Consent & identity' }))
    const ids = within(ui.getByRole('table', { name: 'Identity' }))
    expect(ids.getByRole('row', { name: 'user_id user_42' })).toBeTruthy()
    expect(ids.getByRole('row', { name: 'anonymous_id anon-1' })).toBeTruthy()

    await u.click(ui.getByRole('button', { name: /Reset identity/ }))
    expect(ids.getByRole('row', { name: 'user_id (anonymous)' })).toBeTruthy()
    expect(ids.queryByRole('row', { name: 'anonymous_id anon-1' })).toBeNull()
  })

  it('re-renders neither the host app nor anything while closed when events are tracked', async () => {
    const analytics = createTestAnalytics()
    const renders = { count: 0 }
    const ui = await mount(
      <AnalyticsProvider client={analytics}>
        <CountingApp renders={renders} />
        <AnalyticsDevtools initialOpen />
      </AnalyticsProvider>,
    )
    const before = renders.count
    await act(async () => {
      for (let i = 0; i < 50; i++) analytics.track('product_viewed', { i })
    })
    expect(renders.count).toBe(before)
    expect(
      within(ui.getByRole('list', { name: 'Events, newest first' })).getAllByRole('listitem'),
    ).toHaveLength(51)
  })

  it('keeps events tracked while closed, up to the 200 most recent', async () => {
    const analytics = createTestAnalytics()
    const ui = await mount(<AnalyticsDevtools client={analytics} />)
    await act(async () => {
      for (let i = 0; i < 250; i++) analytics.track('product_viewed', { i })
    })
    expect(shadowOf().querySelectorAll('li')).toHaveLength(0)
    await user().click(ui.getByRole('button', { name: 'Open instrumentkit devtools' }))
    const rows = within(ui.getByRole('list', { name: 'Events, newest first' })).getAllByRole('listitem')
    expect(rows).toHaveLength(200)
    // session_started and 250 product views, each tracked then queued
    // session_started and 250 product views, each tracked then queued, and two full batches sent
    expect(ui.getByText('200 of 200 kept · 504 outcomes seen')).toBeTruthy()
  })

  it('records the events an app tracks on mount, before the panel code has loaded', async () => {
    // fresh modules, and the panel's code held back until the app has mounted and tracked
    vi.resetModules()
    let release = () => {}
    const loaded = new Promise<void>((resolve) => {
      release = resolve
    })
    vi.doMock('../../src/devtools/DevtoolsShell.js', async (original) => {
      await loaded
      return original()
    })
    const fresh = await import('../../src/devtools.js')
    const react = await import('../../src/react.js')
    const analytics = createTestAnalytics()
    await act(async () => {
      render(
        <react.AnalyticsProvider client={analytics}>
          <PageViewOnMount analytics={analytics} />
          <fresh.AnalyticsDevtools initialOpen />
        </react.AnalyticsProvider>,
      )
    })
    expect(analytics.eventsNamed('page_viewed')).toHaveLength(1)
    expect(document.querySelector('[data-instrumentkit-devtools]')).toBeNull()

    await act(async () => {
      release()
      await import('../../src/devtools/DevtoolsShell.js')
    })
    vi.doUnmock('../../src/devtools/DevtoolsShell.js')
    expect(panel().getByRole('button', { name: /page_viewed queued/ })).toBeTruthy()
  })

  it('filters events by name and by outcome', async () => {
    const analytics = createTestAnalytics({ sampling: { events: { scroll_reached: 0 } } })
    const ui = await mount(<AnalyticsDevtools client={analytics} initialOpen />)
    await act(async () => {
      analytics.track('product_viewed')
      analytics.track('scroll_reached')
    })
    const u = user()
    await u.selectOptions(ui.getByRole('combobox', { name: 'Filter events by outcome' }), 'dropped')
    const list = within(ui.getByRole('list', { name: 'Events, newest first' }))
    expect(list.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('scroll_reached dropped: sampled_out'),
    ])
    await u.selectOptions(ui.getByRole('combobox', { name: 'Filter events by outcome' }), 'all')
    const search = ui.getByRole('searchbox', { name: 'Filter events by name' }) as HTMLInputElement
    // user-event's typing does not reach React's onChange inside a shadow root in jsdom; a change event does
    fireEvent.change(search, { target: { value: 'product' } })
    expect(list.getAllByRole('listitem')).toHaveLength(1)
  })

  it('styles stay inside the shadow root: nothing is added to the page head and the panel is not in the light DOM', async () => {
    const analytics = createTestAnalytics()
    const stylesBefore = document.querySelectorAll('style, link[rel=stylesheet]').length
    await mount(<AnalyticsDevtools client={analytics} initialOpen />)
    expect(document.querySelectorAll('style, link[rel=stylesheet]')).toHaveLength(stylesBefore)
    const shadow = shadowOf()
    const style = shadow.querySelector('style')
    expect(style?.textContent).toContain(':host { all: initial; }')
    expect(document.querySelector('[role=dialog]')).toBeNull()
    expect(shadow.querySelector('[role=dialog]')).toBeTruthy()
  })

  it('removes its shadow host when unmounted', async () => {
    const analytics = createTestAnalytics()
    const { unmount } = await act(async () => render(<AnalyticsDevtools client={analytics} />))
    await act(async () => {})
    expect(document.querySelectorAll('[data-instrumentkit-devtools]')).toHaveLength(1)
    unmount()
    expect(document.querySelectorAll('[data-instrumentkit-devtools]')).toHaveLength(0)
  })

  it('renders nothing and warns once without a client', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await act(async () => {
      render(<AnalyticsDevtools />)
    })
    expect(document.querySelector('[data-instrumentkit-devtools]')).toBeNull()
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('AnalyticsDevtools needs a `client` prop'))
    warn.mockRestore()
  })

  it('shows every assigned experiment with its variation, the reason and the exposure', async () => {
    const analytics = createTestAnalytics({ anonymousId: 'anon-7', experiments: withExperiments() })
    const ui = await mount(
      <AnalyticsProvider client={analytics}>
        <Checkout />
        <AnalyticsDevtools initialOpen />
      </AnalyticsProvider>,
    )
    const assigned = analytics.experiments.assign(checkoutFlow)
    await user().click(ui.getByRole('tab', { name: 'Experiments' }))
    const row = within(ui.getByRole('table', { name: 'Experiments' })).getByRole('row', {
      name: /checkout_flow/,
    })
    expect(row.textContent).toContain(`${assigned.variation} (#${assigned.index})`)
    expect(row.textContent).toContain('in the experiment, hashed from the unit id · unit anon-7')
    expect(row.textContent).toContain(`exposed to ${assigned.variation} · queued`)
  })

  it('forcing a variation from the panel changes the assignment and what the app renders', async () => {
    const analytics = createTestAnalytics({ anonymousId: 'anon-7', experiments: withExperiments() })
    const { getByText, queryByText } = await act(async () =>
      render(
        <AnalyticsProvider client={analytics}>
          <Checkout />
          <AnalyticsDevtools initialOpen experiments={[checkoutFlow]} />
        </AnalyticsProvider>,
      ),
    )
    const ui = panel()
    const before = analytics.experiments.assign(checkoutFlow).variation
    const other = before === 'control' ? 'one_page' : 'control'
    const u = user()
    await u.click(ui.getByRole('tab', { name: 'Experiments' }))
    await u.selectOptions(ui.getByRole('combobox', { name: 'Force a variation of checkout_flow' }), other)

    const forced = analytics.experiments.assign(checkoutFlow)
    expect(forced).toMatchObject({ variation: other, reason: 'override' })
    const row = within(ui.getByRole('table', { name: 'Experiments' })).getByRole('row', {
      name: /checkout_flow/,
    })
    expect(row.textContent).toContain(`${other} (#${forced.index})`)
    expect(row.textContent).toContain('forced by an override')
    expect(getByText(other === 'one_page' ? 'One-page checkout' : 'Classic checkout')).toBeTruthy()
    expect(queryByText(other === 'one_page' ? 'Classic checkout' : 'One-page checkout')).toBeNull()

    await u.selectOptions(ui.getByRole('combobox', { name: 'Force a variation of checkout_flow' }), '')
    expect(analytics.experiments.assign(checkoutFlow)).toMatchObject({ variation: before, reason: 'hashed' })
  })

  it('forces a variation by name without the definitions, and lists known experiments not yet read', async () => {
    const analytics = createTestAnalytics({ anonymousId: 'anon-7', experiments: withExperiments() })
    const banner = defineExperiment({ key: 'banner_copy', variations: ['short', 'long'] })
    analytics.experiments.assign(checkoutFlow)
    const ui = await mount(<AnalyticsDevtools client={analytics} initialOpen experiments={[banner]} />)
    const u = user()
    await u.click(ui.getByRole('tab', { name: 'Experiments' }))
    const table = within(ui.getByRole('table', { name: 'Experiments' }))
    expect(table.getByRole('row', { name: /banner_copy/ }).textContent).toContain('not assigned yet')

    const input = ui.getByRole('textbox', { name: 'Force a variation of checkout_flow' }) as HTMLInputElement
    fireEvent.change(input, { target: { value: '1' } })
    await u.click(table.getByRole('button', { name: 'Force' }))
    expect(analytics.experiments.assign(checkoutFlow)).toMatchObject({
      variation: 'one_page',
      reason: 'override',
    })
    await u.click(table.getByRole('button', { name: 'Clear' }))
    expect(analytics.experiments.getSnapshot().overrides).toEqual({})
  })

  it('shows the metrics of the open interval, then the closed interval', async () => {
    const analytics = createAnalytics({
      storage: false,
      metrics: withMetrics({ intervalMs: 10_000, health: false }),
    })
    const ui = await mount(<AnalyticsDevtools client={analytics} initialOpen />)
    await user().click(ui.getByRole('tab', { name: 'Metrics' }))
    act(() => {
      analytics.metrics.increment('cart.items_added.count', 2, { source: 'grid' })
      analytics.metrics.increment('cart.items_added.count', 1, { source: 'grid' })
      analytics.metrics.histogram('api.latency.ms', 100, { endpoint: '/products' })
      analytics.metrics.histogram('api.latency.ms', 300, { endpoint: '/products' })
    })
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000)
    })
    const open = within(ui.getByRole('table', { name: 'Current interval' }))
    expect(open.getByRole('row', { name: 'cart.items_added.count counter source=grid 3' })).toBeTruthy()
    expect(
      open.getByRole('row', {
        name: 'api.latency.ms histogram endpoint=/products n=2 mean=200 min=100 max=300',
      }),
    ).toBeTruthy()

    await act(async () => {
      await vi.advanceTimersByTimeAsync(9_000)
    })
    expect(ui.queryByRole('table', { name: 'Current interval' })).toBeNull()
    const closed = within(ui.getByRole('table', { name: /Interval closed at/ }))
    expect(closed.getByRole('row', { name: 'cart.items_added.count counter source=grid 3' })).toBeTruthy()
  })
})
