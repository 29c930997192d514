import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineExperiment } from '../../src/index.js'
import {
  type Collector,
  createCollector,
  createServerAnalytics,
  duckdbStore,
  readIdentity,
  type ServerAnalytics,
  toNodeHandler,
} from '../../src/server.js'
import { buildBundle, launchChromium } from './harness.mjs'

// One identity across browser and server, in real Chromium: a page served by a small Node server,
// which also runs the collector on a DuckDB file. The page's client keeps its ids in the identity
// cookie; its click is followed by a purchase the server tracks for the visitor from that cookie.

const checkoutFlow = defineExperiment({
  key: 'checkout_flow',
  variations: ['control', 'one_page', 'express'],
})

let browser: Browser
let server: Server
let origin: string
let collector: Collector
let analytics: ServerAnalytics
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ik-identity-'))
  const [script, launched] = await Promise.all([
    buildBundle('test/browser/app/identityPage.ts'),
    launchChromium(),
  ])
  browser = launched
  collector = createCollector({ store: duckdbStore({ path: join(dir, 'events.duckdb') }) })
  analytics = createServerAnalytics({ collector, experiments: [checkoutFlow] })
  const collectorRoutes = toNodeHandler(collector)
  server = createServer((req, res) => {
    if (req.url?.startsWith('/api/analytics/')) return void collectorRoutes(req, res)
    if (req.url === '/api/buy') {
      const visitor = readIdentity(req)
      if (!visitor) return void res.writeHead(400).end('no identity cookie')
      analytics.track('purchase_completed', { order_id: 'ord_1', order_value: 42, currency: 'EUR' }, visitor)
      void analytics.flush().then(() => res.writeHead(200).end('ok'))
      return
    }
    if (req.url === '/app.js')
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        '<!doctype html><html><body><button id="buy">Buy</button><p id="status"></p><script src="/app.js"></script></body></html>',
      )
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await browser?.close()
  await new Promise((r) => server?.close(r))
  await analytics?.shutdown()
  await collector?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('one identity across browser and server (Chromium)', () => {
  it('stores the server-side purchase with the anonymous id, session and experiment variant of the clicks before it', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${origin}/`)
    await page.click('#buy')
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'bought')
    const cookie = (await context.cookies()).find((c) => c.name === 'ik_id')
    expect(cookie).toMatchObject({ path: '/', sameSite: 'Lax' })
    await context.close()

    const rows = await collector.store.query<{
      event_name: string
      anonymous_id: string
      session_id: string
      context: string
      properties: string
    }>(
      `SELECT event_name, anonymous_id, session_id, context, properties FROM events_unique
       WHERE event_name IN ('experiment_exposed', 'checkout_button_clicked', 'purchase_completed')
       ORDER BY event_name`,
    )
    expect(rows.map((r) => r.event_name)).toEqual([
      'checkout_button_clicked',
      'experiment_exposed',
      'purchase_completed',
    ])
    const [clicked, exposed, purchased] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]]
    const shown = JSON.parse(exposed.properties).variation_name
    expect(JSON.parse(clicked.properties).variation).toBe(shown)
    for (const row of [exposed, purchased]) {
      expect(row.anonymous_id).toBe(clicked.anonymous_id)
      expect(row.session_id).toBe(clicked.session_id)
    }
    expect(clicked.session_id).toMatch(/^sess_/)
    expect(JSON.parse(clicked.context).experiments).toEqual({ checkout_flow: shown })
    expect(JSON.parse(purchased.context).experiments).toEqual({ checkout_flow: shown })
    expect(JSON.parse(purchased.context).platform).toBe('node')
    // the server assigns the same variation for that visitor when it renders
    expect(analytics.experiments.assign(checkoutFlow, { anonymousId: clicked.anonymous_id }).variation).toBe(
      shown,
    )
  })
})
