import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Collector, createCollector, duckdbStore, toNodeHandler } from '../../src/server.js'
import { buildBundle, launchChromium, startSite, until } from './harness.mjs'

// The browser client against the real collector on another origin, storing into a DuckDB file: what
// a page sends by fetch and by exit beacon lands as rows, enriched, once each, with no preflight.
interface PageApi {
  tracked: string[]
  track(name: string, n?: number, properties?: Record<string, unknown>): void
  flush(): Promise<void>
  hide(): void
}
declare const ik: PageApi

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'

let browser: Browser
let collector: Collector
let server: Server
let endpoint: string
let app: Awaited<ReturnType<typeof startSite>>
let dir: string
let preflights = 0

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ik-browser-collector-'))
  const [script, launched] = await Promise.all([
    buildBundle('test/browser/app/deliveryPage.ts'),
    launchChromium(),
  ])
  browser = launched
  app = await startSite({
    '/': '<!doctype html><html><body><a id="leave" href="/blank">leave</a><script src="/app.js"></script></body></html>',
    '/app.js': script,
    '/blank': '<!doctype html><html><body>blank</body></html>',
  })
  collector = createCollector({
    store: duckdbStore({ path: join(dir, 'events.duckdb') }),
    writeKeys: ['wk_browser'],
    allowedOrigins: [app.origin],
  })
  const handle = toNodeHandler(collector)
  server = createServer((req, res) => {
    if (req.method === 'OPTIONS') preflights++
    void handle(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/analytics/batch`
})

afterAll(async () => {
  await browser?.close()
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  await collector?.close()
  await app?.close()
  rmSync(dir, { recursive: true, force: true })
})

const stored = (ids: string[]) =>
  collector.store.query<{
    message_id: string
    browser: string
    os: string
    is_bot: boolean
    write_key: string
  }>('SELECT message_id, browser, os, is_bot, write_key FROM events_unique WHERE message_id IN {ids}', {
    ids,
  })

describe('the browser client and the real collector', () => {
  it('stores what a page flushes, enriched from its user agent, across origins without a preflight', async () => {
    const context = await browser.newContext({ userAgent: CHROME_LINUX })
    const page = await context.newPage()
    await page.goto(`${app.origin}/?collector=${encodeURIComponent(endpoint)}`)
    await page.waitForSelector('body[data-ready]')
    await page.evaluate(() => {
      ik.track('item_viewed', 5, { list: 'search' })
      return ik.flush()
    })
    const ids = await page.evaluate(() => ik.tracked)
    expect(ids.length).toBeGreaterThanOrEqual(5)
    const rows = await stored(ids)
    expect(rows.map((r) => r.message_id).sort()).toEqual([...ids].sort())
    expect(rows.every((r) => r.browser === 'Chrome' && r.os === 'Linux' && !r.is_bot)).toBe(true)
    expect(rows.every((r) => r.write_key === 'wk_browser')).toBe(true)
    expect(preflights).toBe(0)
    await context.close()
  })

  it('stores what a hidden page hands to the exit beacon, once, and flags headless Chromium as a bot', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${app.origin}/?collector=${encodeURIComponent(endpoint)}&interval=60000`)
    await page.waitForSelector('body[data-ready]')
    await page.evaluate(() => {
      ik.track('filter_applied', 3, { filter: 'size' })
      ik.hide()
    })
    const ids = await page.evaluate(() => ik.tracked)
    await until(
      async () => (await stored(ids)).length === ids.length,
      10_000,
      'the beaconed events to be stored',
    )
    // the next load sends what the beacon may not have delivered; the collector keeps one row each
    await page.reload()
    await page.waitForSelector('body[data-ready]')
    await page.evaluate(() => ik.flush())
    const [counts] = await collector.store.query<{ rows: number; ids: number }>(
      'SELECT count(*) AS rows, count(DISTINCT message_id) AS ids FROM events_unique WHERE message_id IN {ids}',
      { ids },
    )
    expect(counts).toEqual({ rows: ids.length, ids: ids.length })
    const rows = await stored(ids)
    expect(rows.every((r) => r.is_bot)).toBe(true)
    expect(preflights).toBe(0)
    await context.close()
  })
})
