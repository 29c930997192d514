import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAnalytics, memoryTransport } from '../../src/index.js'
import { createTestAnalytics } from '../../src/testing.js'

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

function stubNavigator(fields: Record<string, unknown>) {
  for (const [key, value] of Object.entries(fields))
    Object.defineProperty(navigator, key, { value, configurable: true })
}

describe('browser context (jsdom)', () => {
  beforeEach(() => {
    localStorage.clear()
    history.replaceState(null, '', '/')
    document.title = 'Shop'
  })
  afterEach(() => {
    vi.useRealTimers()
    for (const key of ['userAgent', 'userAgentData', 'maxTouchPoints', 'globalPrivacyControl', 'language'])
      delete (navigator as unknown as Record<string, unknown>)[key]
  })

  it('collects platform, the raw user agent, screen, locale, timezone and the page', () => {
    stubNavigator({ userAgent: CHROME_MAC, language: 'fr-FR' })
    vi.spyOn(screen, 'width', 'get').mockReturnValue(1440)
    vi.spyOn(screen, 'height', 'get').mockReturnValue(900)
    history.replaceState(null, '', '/products/42?ref=home')
    const analytics = createTestAnalytics()
    analytics.track('product_viewed')
    // browser, system and device type are the collector's to derive from the user agent
    expect(analytics.lastEvent()?.context).toEqual({
      library: { name: 'instrumentkit', version: expect.any(String) },
      platform: 'web',
      user_agent: CHROME_MAC,
      screen_resolution: '1440x900',
      locale: 'fr-FR',
      timezone: expect.any(String),
      page: { path: '/products/42', url: 'http://localhost:3000/products/42?ref=home', title: 'Shop' },
    })
    vi.restoreAllMocks()
  })

  it('sends the client hints as they are, where the browser has them', () => {
    const brands = [
      { brand: 'Brave', version: '131' },
      { brand: 'Chromium', version: '131' },
      { brand: 'Not_A Brand', version: '24' },
    ]
    stubNavigator({
      userAgent: CHROME_MAC,
      userAgentData: { mobile: false, platform: 'macOS', brands, getHighEntropyValues: () => {} },
    })
    const brave = createTestAnalytics()
    brave.track('page_opened')
    expect(brave.lastEvent()?.context).toMatchObject({
      user_agent: CHROME_MAC,
      user_agent_data: { brands, mobile: false, platform: 'macOS' },
    })
    expect(JSON.stringify(brave.lastEvent()?.context.user_agent_data)).not.toContain('getHighEntropyValues')
    expect(brave.lastEvent()?.context).not.toHaveProperty('browser')
  })

  it('reads the page per event: a route change shows at once, a new title from the next task on', async () => {
    const analytics = createTestAnalytics()
    analytics.track('page_opened')
    history.pushState(null, '', '/cart')
    analytics.track('page_opened')
    document.title = 'Cart'
    await Promise.resolve()
    analytics.track('page_opened')
    expect(
      analytics.eventsNamed('page_opened').map((e) => [e.context.page?.path, e.context.page?.title]),
    ).toEqual([
      ['/', 'Shop'],
      ['/cart', 'Shop'],
      ['/cart', 'Cart'],
    ])
  })

  it('page() tracks page_viewed with path, url, title and referrer', () => {
    history.replaceState(null, '', '/pricing')
    const analytics = createTestAnalytics()
    analytics.page({ section: 'plans' })
    expect(analytics.lastEvent('page_viewed')?.properties).toEqual({
      path: '/pricing',
      url: 'http://localhost:3000/pricing',
      title: 'Shop',
      referrer: '',
      section: 'plans',
    })
  })

  it('captures utm parameters on landing and keeps them for the session, across routes and reloads', () => {
    vi.useFakeTimers()
    history.replaceState(null, '', '/landing?utm_source=newsletter&utm_medium=email&utm_campaign=launch&x=1')
    const first = createAnalytics({ transport: memoryTransport(), storage: localStorage })
    const seen: Record<string, unknown>[] = []
    const watch = (client: typeof first) =>
      client.subscribe((o) => {
        if (o.type === 'queued') seen.push({ ...o.event.context, page: undefined })
      })
    watch(first)
    first.track('page_opened')
    history.pushState(null, '', '/pricing')
    first.track('page_opened')
    const reloaded = createAnalytics({ transport: memoryTransport(), storage: localStorage })
    watch(reloaded)
    reloaded.track('page_opened')
    const utm = { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'launch' }
    expect(
      seen.map((c) => ({ utm_source: c.utm_source, utm_medium: c.utm_medium, utm_campaign: c.utm_campaign })),
    ).toEqual([utm, utm, utm, utm])
    expect(seen[0]).not.toHaveProperty('utm_term')

    // 31 minutes later the session has ended: the next one landed without a campaign
    vi.advanceTimersByTime(31 * 60_000)
    reloaded.track('page_opened')
    expect(seen.at(-1)).not.toHaveProperty('utm_source')
  })

  it('redacts PII in the page URL before it leaves', () => {
    history.replaceState(null, '', '/reset?email=ada%40example.com&step=2')
    const analytics = createTestAnalytics()
    analytics.track('password_reset_started')
    expect(analytics.lastEvent()?.context.page?.url).toBe(
      'http://localhost:3000/reset?email=[REDACTED]&step=2',
    )
  })

  it('respects Global Privacy Control in the browser when asked to', () => {
    stubNavigator({ globalPrivacyControl: true })
    const analytics = createTestAnalytics({ respectDoNotTrack: true })
    analytics.track('page_opened')
    expect(analytics.events).toEqual([])
    expect(analytics.getState().consent).toBe('denied')
  })

  it('createTestAnalytics leaves localStorage alone', () => {
    const analytics = createTestAnalytics()
    analytics.identify('user_1')
    analytics.track('page_opened')
    expect(localStorage.length).toBe(0)
  })
})

describe('identity across tabs (jsdom)', () => {
  beforeEach(() => localStorage.clear())

  it('follows another tab’s login and logout through storage events', () => {
    const analytics = createAnalytics({ transport: memoryTransport(), storage: localStorage })
    analytics.track('page_opened')
    const fire = (key: string, newValue: string | null) =>
      window.dispatchEvent(new StorageEvent('storage', { key, newValue, storageArea: localStorage }))
    fire('ik:user', 'user_from_tab_b')
    expect(analytics.getState().userId).toBe('user_from_tab_b')
    fire('ik:anon', 'anon_after_logout')
    fire('ik:user', null)
    expect(analytics.getState()).toMatchObject({ userId: null, anonymousId: 'anon_after_logout' })
    // keys of other apps are none of its business
    fire('app:user', 'someone')
    expect(analytics.getState().userId).toBeNull()
  })

  it('writes the session when the page is hidden, so a reload continues the count', async () => {
    const analytics = createAnalytics({ transport: memoryTransport(), storage: localStorage })
    for (let i = 0; i < 5; i++) analytics.track('item_viewed')
    // the pipeline runs once the task that tracked is done
    await Promise.resolve()
    expect(JSON.parse(localStorage.getItem('ik:session')!).seq).toBe(1)
    window.dispatchEvent(new Event('pagehide'))
    expect(JSON.parse(localStorage.getItem('ik:session')!).seq).toBe(6)
  })
})
