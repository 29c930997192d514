import { describe, expect, it } from 'vitest'
import { createContextCollector, LIBRARY, parseUserAgent } from '../../src/core/context.js'
import { createTestAnalytics } from '../../src/testing.js'

// real user-agent strings, as browsers sent them
const cases: [string, ReturnType<typeof parseUserAgent>][] = [
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    { browser: 'Chrome', browser_version: '131.0.0.0', os: 'Windows', device_type: 'desktop' },
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
    { browser: 'Edge', browser_version: '131.0.2903.86', os: 'Windows', device_type: 'desktop' },
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0',
    { browser: 'Opera', browser_version: '115.0.0.0', os: 'Windows', device_type: 'desktop' },
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0',
    { browser: 'Firefox', browser_version: '133.0', os: 'macOS', device_type: 'desktop' },
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    { browser: 'Safari', browser_version: '18.1', os: 'macOS', device_type: 'desktop' },
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    { browser: 'Safari', browser_version: '18.1', os: 'iOS', device_type: 'mobile' },
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    { browser: 'Safari', browser_version: '17.5', os: 'iOS', device_type: 'tablet' },
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
    { browser: 'Chrome', browser_version: '126.0.6478.54', os: 'iOS', device_type: 'mobile' },
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/129.0 Mobile/15E148 Safari/605.1.15',
    { browser: 'Firefox', browser_version: '129.0', os: 'iOS', device_type: 'mobile' },
  ],
  [
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    { browser: 'Chrome', browser_version: '131.0.0.0', os: 'Android', device_type: 'mobile' },
  ],
  [
    'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    { browser: 'Chrome', browser_version: '131.0.0.0', os: 'Android', device_type: 'tablet' },
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
    { browser: 'Samsung Internet', browser_version: '26.0', os: 'Android', device_type: 'mobile' },
  ],
  [
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.2903.87',
    { browser: 'Edge', browser_version: '131.0.2903.87', os: 'Android', device_type: 'mobile' },
  ],
  [
    'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    { browser: 'Firefox', browser_version: '133.0', os: 'Linux', device_type: 'desktop' },
  ],
  [
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    { browser: 'Chrome', browser_version: '131.0.0.0', os: 'Chrome OS', device_type: 'desktop' },
  ],
  ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', { device_type: 'bot' }],
  [
    'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    { browser: 'Chrome', browser_version: '131.0.6778.69', os: 'Android', device_type: 'bot' },
  ],
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
    { browser: 'Chrome', browser_version: '131.0.0.0', os: 'Linux', device_type: 'bot' },
  ],
  ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', { device_type: 'bot' }],
  ['curl/8.5.0', { device_type: 'desktop' }],
]

describe('parseUserAgent', () => {
  it.each(cases)('%s', (ua, expected) => {
    expect(parseUserAgent(ua)).toEqual(expected)
  })
})

describe('context in Node', () => {
  it('has platform "node", locale, timezone and the library, and no browser fields', () => {
    const context = createContextCollector().collect('sess_1')
    expect(context).toEqual({
      library: LIBRARY,
      platform: 'node',
      locale: expect.any(String),
      timezone: expect.any(String),
    })
  })

  it('lets options override, add and remove fields, and per-call context win over all', () => {
    const analytics = createTestAnalytics({
      context: { app_version: '2.1.0', timezone: undefined, platform: 'server' },
    })
    analytics.track('button_clicked', { label: 'x' }, { context: { request_id: 'r1' } })
    const context = analytics.lastEvent('button_clicked')!.context
    expect(context).toMatchObject({ app_version: '2.1.0', platform: 'server', request_id: 'r1' })
    expect(JSON.parse(JSON.stringify(context)).timezone).toBeUndefined()
  })

  it('takes fields from context providers (experiments use this)', () => {
    const analytics = createTestAnalytics()
    const remove = analytics.internals.addContextProvider(() => ({
      experiments: { checkout_flow: 'treatment' },
    }))
    analytics.track('button_clicked', { label: 'x' })
    remove()
    analytics.track('button_clicked', { label: 'y' })
    const [first, second] = analytics.eventsNamed('button_clicked')
    expect(first?.context.experiments).toEqual({ checkout_flow: 'treatment' })
    expect(second?.context.experiments).toBeUndefined()
  })
})
