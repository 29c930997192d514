import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { buildBundle, type Collector, launchChromium, startCollector, startSite } from './harness.mjs'

/** What test/browser/app/deliveryPage.ts puts on `window.ik` for the tests to call. */
export interface PageApi {
  tracked: string[]
  outcomes: string[]
  errors: string[]
  track(name: string, n?: number, properties?: Record<string, unknown>): void
  trackLarge(name: string, kilobytes: number): void
  state(): { ledger: Record<string, unknown>; queueSize: number }
  flush(): Promise<void>
  hide(): void
  show(): void
  storedKeys(): string[]
}

type Site = Awaited<ReturnType<typeof startSite>>

/**
 * The delivery suites' set-up: Chromium, the delivery page on one origin, a landing page on another, and
 * the test collector on a third, so every request is cross-origin. A fresh browser context per test, with
 * the collector reset and up; no request of the kit may ever need a CORS preflight.
 */
export function setUpDeliveryRig() {
  const rig = {} as {
    browser: Browser
    collector: Collector
    app: Site
    other: Site
    context: BrowserContext
    /** The delivery page's address, set up by the query string it reads. */
    url(options?: { interval?: number; extra?: string }): string
    /** Opens the delivery page in `on` (the test's context by default) and waits until it is ready. */
    open(options?: { interval?: number; extra?: string }, on?: BrowserContext): Promise<Page>
  }
  rig.url = ({ interval = 5_000, extra = '' } = {}) =>
    `${rig.app.origin}/?collector=${encodeURIComponent(rig.collector.url)}&interval=${interval}` +
    `&next=${encodeURIComponent(`${rig.other.origin}/landing`)}${extra}`
  rig.open = async (options, on = rig.context) => {
    const page = await on.newPage()
    await page.goto(rig.url(options))
    await page.waitForSelector('body[data-ready]')
    return page
  }

  beforeAll(async () => {
    const [script, browser, collector] = await Promise.all([
      buildBundle('test/browser/app/deliveryPage.ts'),
      launchChromium(),
      startCollector(),
    ])
    Object.assign(rig, { browser, collector })
    rig.app = await startSite({
      '/': '<!doctype html><html><body><a id="leave" href="/">leave</a><script src="/app.js"></script></body></html>',
      '/app.js': script,
      '/blank': '<!doctype html><html><body>blank</body></html>',
    })
    rig.other = await startSite({ '/landing': '<!doctype html><html><body>another origin</body></html>' })
  })

  afterAll(async () => {
    await rig.browser?.close()
    await Promise.all([rig.collector?.close(), rig.app?.close(), rig.other?.close()])
  })

  beforeEach(async () => {
    rig.collector.reset()
    await rig.collector.up()
    rig.context = await rig.browser.newContext()
  })

  afterEach(async () => {
    await rig.context.close()
    expect(rig.collector.preflights).toBe(0)
  })

  return rig
}
