import type { BrowserContext, Page } from 'playwright-core'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type PageApi, setUpDeliveryRig } from './deliveryRig.js'
import { buildBundle, type Collector, launchChromium, startSite, until } from './harness.mjs'

// Delivery in real Chromium against a local collector that fails on command. Events are counted at the
// collector by message_id, as a real collector deduplicates them. The app and the collector are on
// different ports, so every request is cross-origin: a CORS preflight would show in `preflights`.

declare const ik: PageApi

const rig = setUpDeliveryRig()
let collector: Collector
let app: Awaited<ReturnType<typeof startSite>>
let other: Awaited<ReturnType<typeof startSite>>
let context: BrowserContext
beforeAll(() => {
  ;({ collector, app, other } = rig)
})
beforeEach(() => {
  context = rig.context
})

const appUrl = (options: { interval?: number } = {}) => rig.url(options)
const open = (options?: { interval?: number }, on?: BrowserContext): Promise<Page> => rig.open(options, on)

const trackedIds = (page: Page) => page.evaluate(() => ik.tracked.slice())

/** Each of `ids` arrived, and no message_id arrived more than `maxCopies` times. */
function expectArrived(ids: string[], maxCopies = 1) {
  for (const id of ids) {
    expect(collector.copies(id), `copies of ${id}`).toBeGreaterThanOrEqual(1)
    expect(collector.copies(id), `copies of ${id}`).toBeLessThanOrEqual(maxCopies)
  }
}

describe('delivery in Chromium', () => {
  it('delivers an event tracked on a click that navigates at once to another origin', async () => {
    // a 60 s batch interval: only the page-exit path can deliver in time
    const page = await open({ interval: 60_000 })
    await page.evaluate(() => ik.track('item_viewed', 2))
    await Promise.all([page.waitForURL(`${other.origin}/landing`), page.click('#leave')])
    await until(
      () => collector.unique('link_clicked') === 1 && collector.unique('item_viewed') === 2,
      5_000,
      'the click',
    )
    expect(collector.requests.every((r) => r.contentType?.startsWith('text/plain'))).toBe(true)
  })

  it('delivers events queued when the tab is hidden', async () => {
    const page = await open({ interval: 60_000 })
    await page.evaluate(() => ik.track('item_viewed', 15))
    const ids = await trackedIds(page)
    await page.evaluate(() => ik.hide())
    await until(() => collector.unique() === ids.length, 5_000, 'events sent on hide')
    expectArrived(ids)
  })

  it('delivers events queued when the tab is closed', async () => {
    const page = await open({ interval: 60_000 })
    await page.evaluate(() => ik.track('item_viewed', 15))
    const ids = await trackedIds(page)
    await page.close({ runBeforeUnload: true })
    await until(() => collector.unique() === ids.length, 5_000, 'events sent on close')
    expectArrived(ids)
  })

  it('delivers events tracked while the collector was down after a reload once it is back, once each after deduplication', async () => {
    await collector.down()
    const page = await open({ interval: 300 })
    await page.evaluate(() => ik.track('item_viewed', 15))
    const ids = await trackedIds(page)
    await until(async () => (await page.evaluate(() => ik.storedKeys().length)) > 0, 2_000, 'stored events')
    // several failed attempts: the page is backing off
    await page.waitForTimeout(2_500)
    expect(collector.unique()).toBe(0)
    await collector.up()
    await page.reload()
    await page.waitForSelector('body[data-ready]')
    await until(() => ids.every((id) => collector.copies(id) > 0), 8_000, 'events after the reload')
    // the reload's page-exit beacon and the next page may both send an event: one raw duplicate at most
    expectArrived(ids, 2)
    const state = await page.evaluate(() => ik.state())
    expect(state.ledger).toMatchObject({ restored: ids.length })
    await until(
      async () => (await page.evaluate(() => ik.storedKeys().length)) === 0,
      5_000,
      'storage cleared',
    )
  })

  it('delivers events tracked offline when the browser goes online', async () => {
    const page = await open({ interval: 300 })
    await context.setOffline(true)
    await page.evaluate(() => ik.track('item_viewed', 15))
    const ids = await trackedIds(page)
    await page.waitForTimeout(1_500)
    expect(collector.unique()).toBe(0)
    await context.setOffline(false)
    await until(() => collector.unique() === ids.length, 5_000, 'events after going online')
    expectArrived(ids)
    const state = await page.evaluate(() => ik.state())
    expect(state.ledger).toMatchObject({ droppedTotal: 0 })
  })

  it('keeps the app working with storage already full, throws nothing, and still delivers', async () => {
    const page = await context.newPage()
    await page.goto(`${app.origin}/blank`)
    await page.evaluate(() => {
      let size = 1_000_000
      let n = 0
      while (size >= 1) {
        try {
          localStorage.setItem(`host_${n++}`, 'x'.repeat(size))
        } catch {
          size = Math.floor(size / 2)
        }
      }
    })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(appUrl({ interval: 300 }))
    await page.waitForSelector('body[data-ready]')
    await page.evaluate(() => ik.track('item_viewed', 15))
    const ids = await trackedIds(page)
    await until(() => collector.unique() === ids.length, 5_000, 'events with full storage')
    expectArrived(ids)
    expect(errors).toEqual([])
    expect(await page.evaluate(() => ik.errors)).toEqual([])
    expect(await page.evaluate(() => localStorage.getItem('host_0')?.length)).toBe(1_000_000)
  })

  it('replays a stored queue opened in two tabs at once, each event once (Web Locks)', async () => {
    await replayInTwoTabs(context)
  })

  it('replays a stored queue opened in two tabs at once, each event once (storage lease, no Web Locks)', async () => {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'locks', { configurable: true, get: () => undefined })
    })
    await replayInTwoTabs(context)
  })

  it('retries 503 three times, then delivers', async () => {
    collector.failNext(3, 503)
    const page = await open({ interval: 200 })
    await page.evaluate(() => ik.track('item_viewed', 15))
    const ids = await trackedIds(page)
    await until(() => collector.unique() === ids.length, 15_000, 'events after three 503s')
    expect(collector.requests.map((r) => r.status)).toEqual([503, 503, 503, 200])
    expectArrived(ids)
  })

  it('honours 429 with Retry-After, twice, then delivers', async () => {
    collector.failNext(2, 429, { 'Retry-After': '1' })
    const page = await open({ interval: 200 })
    await page.evaluate(() => ik.track('item_viewed', 15))
    const ids = await trackedIds(page)
    await until(() => collector.unique() === ids.length, 10_000, 'events after two 429s')
    const [first, second, third] = collector.requests
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950)
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(950)
    expectArrived(ids)
  })

  it('on 413 splits the batch until only the oversized event is refused, and delivers the rest', async () => {
    collector.rejectAbove(12_000)
    const page = await open({ interval: 200 })
    await page.evaluate(() => {
      ik.track('item_viewed', 7)
      ik.trackLarge('blob_uploaded', 20)
      ik.track('item_viewed', 7)
    })
    const ids = await trackedIds(page)
    await until(() => collector.unique('item_viewed') === 14, 10_000, 'the events around the oversized one')
    // the collector counts a batch before its answer reaches the page
    await until(
      async () => (await page.evaluate(() => ik.state().ledger.pending)) === 0,
      5_000,
      'the last answer',
    )
    const state = await page.evaluate(() => ik.state())
    expect(state.ledger).toMatchObject({ dropped: { too_large: 1 }, pending: 0 })
    expect(collector.unique('blob_uploaded')).toBe(0)
    expect(collector.unique()).toBe(ids.length - 1)
  })

  it('retries a batch whose response was lost; deduplication leaves each event once', async () => {
    collector.dropResponses(1)
    const page = await open({ interval: 200 })
    await page.evaluate(() => ik.track('item_viewed', 15))
    const ids = await trackedIds(page)
    await until(() => collector.raw() === ids.length * 2, 10_000, 'the retried batch')
    expect(collector.unique()).toBe(ids.length)
    expectArrived(ids, 2)
  })

  it('gzips large batches, flagged by the query parameter, as simple text/plain requests', async () => {
    const page = await open({ interval: 60_000 })
    await page.evaluate(() => ik.track('item_viewed', 60))
    await page.evaluate(() => ik.flush())
    await until(() => collector.unique() === 61, 5_000, 'the batch')
    const request = collector.requests.find((r) => r.events > 0)!
    expect(request.gzip).toBe(true)
    expect(request.contentType).toMatch(/^text\/plain/)
    expect(request.bytes / 61).toBeLessThan(120)
  })
})

describe('the back/forward cache', () => {
  it('keeps the page eligible while events are queued and stored, and delivers them after it comes back', async () => {
    const cached = await launchChromium({ backForwardCache: true })
    const script = await buildBundle('test/browser/app/deliveryPage.ts')
    const site = await startSite(
      {
        '/': '<!doctype html><html><body><a id="leave" href="/">leave</a><script src="/app.js"></script></body></html>',
        '/app.js': script,
      },
      { cacheable: true },
    )
    try {
      await collector.down()
      const page = await cached.newPage()
      await page.goto(`${site.origin}/?collector=${encodeURIComponent(collector.url)}&interval=60000`)
      await page.waitForSelector('body[data-ready]')
      await page.evaluate(() =>
        addEventListener('pageshow', (e) => Object.assign(window, { restored: e.persisted })),
      )
      await page.evaluate(() => ik.track('item_viewed', 3))
      const ids = await trackedIds(page)
      await until(async () => (await page.evaluate(() => ik.storedKeys().length)) > 0, 2_000, 'stored events')
      await page.goto(`${other.origin}/landing`)
      await collector.up()
      await page.goBack({ waitUntil: 'commit' })
      await until(
        () => page.evaluate(() => (window as { restored?: boolean }).restored === true),
        5_000,
        'a restore from the cache',
      )
      await page.evaluate(() => ik.flush())
      await until(() => ids.every((id) => collector.copies(id) > 0), 5_000, 'the queued events')
      expectArrived(ids)
    } finally {
      await cached.close()
      await site.close()
    }
  })
})

/** A page tracks while the collector is down and closes; two tabs then open together with it back. */
async function replayInTwoTabs(on: BrowserContext) {
  collector.refuse()
  const first = await open({ interval: 300 }, on)
  await first.evaluate(() => ik.track('item_viewed', 15))
  const ids = await trackedIds(first)
  await until(async () => (await first.evaluate(() => ik.storedKeys().length)) > 0, 2_000, 'stored events')
  const closing = Date.now()
  const gone = first.waitForEvent('close')
  await first.close({ runBeforeUnload: true })
  await gone
  // the page-exit beacon (a no-cors request) leaves from the browser process after the page is gone, and on
  // a loaded machine can trail the close by a second or more: the collector comes back only once it has
  // refused it, so a late beacon cannot pass for a second replay
  await until(
    () => collector.requests.some((r) => r.refused && r.mode === 'no-cors' && r.at >= closing),
    10_000,
    'the exit beacon, refused',
  )
  await collector.up()
  const [a, b] = await Promise.all([open({ interval: 300 }, on), open({ interval: 300 }, on)])
  await until(() => ids.every((id) => collector.copies(id) > 0), 10_000, 'the stored events')
  await a.waitForTimeout(1_000)
  expectArrived(ids, 1)
  const restored = await Promise.all([a, b].map((p) => p.evaluate(() => ik.state().ledger.restored)))
  expect((restored as number[]).sort()).toEqual([0, ids.length])
}
