import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { createServer, type Plugin, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './harness.mjs'

// useExposure in real Chromium: a real IntersectionObserver, real scrolling, real timers. The page is a
// list of 400 px tall products in an 800 px tall viewport, rendered under StrictMode, each with
// useExposure('product_impression', …, { threshold: 0.5, minVisibleMs: DWELL }), followed by an
// <Experiment exposeOn="visible"> banner whose exposure waits for the same dwell time.

const DWELL = 800
const ITEM = 400
const root = resolve(import.meta.dirname, '../..')

const PAGE_ID = 'virtual:react-exposure-page'
const pageSource = `
import { createElement as h, StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AnalyticsProvider, Experiment, TrackingScope, useExposure, Variant } from '/src/react.ts'
import { defineExperiment } from '/src/index.ts'
import { createTestAnalytics } from '/src/testing.ts'

const analytics = createTestAnalytics()
window.__impressions = () => analytics.eventsNamed('product_impression').map((e) => e.properties)
window.__exposures = () => analytics.eventsNamed('experiment_exposed').map((e) => e.properties)
const banner = defineExperiment({ key: 'footer_banner', variations: ['control', 'treatment'] })
const bannerStyle = { height: '${ITEM}px', margin: 0 }

function Product({ id }) {
  const ref = useExposure('product_impression', { product_id: id }, { threshold: 0.5, minVisibleMs: ${DWELL} })
  return h('li', { ref, 'data-id': id, style: { height: '${ITEM}px', margin: 0, boxSizing: 'border-box', borderBottom: '1px solid #ccc' } }, id)
}

const ids = Array.from({ length: 30 }, (_, i) => 'p' + i)
createRoot(document.getElementById('root')).render(
  h(StrictMode, null,
    h(AnalyticsProvider, { client: analytics },
      h(TrackingScope, { properties: { list: 'catalogue' } },
        h('ul', { style: { listStyle: 'none', margin: 0, padding: 0 } }, ids.map((id) => h(Product, { key: id, id })))),
      // below the list: exposed only once it has been seen for the dwell time
      h(Experiment, { experiment: banner, exposeOn: 'visible', minVisibleMs: ${DWELL} },
        h(Variant, { name: 'control' }, h('section', { 'data-id': 'banner', style: bannerStyle }, 'control banner')),
        h(Variant, { name: 'treatment' }, h('section', { 'data-id': 'banner', style: bannerStyle }, 'treatment banner'))))),
)
window.__ready = true
`

function exposurePage(): Plugin {
  return {
    name: 'react-exposure-page',
    resolveId: (id) => (id === PAGE_ID ? `\0${PAGE_ID}` : undefined),
    load: (id) => (id === `\0${PAGE_ID}` ? pageSource : undefined),
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url !== '/') return next()
        res.setHeader('content-type', 'text/html')
        res.end(
          `<!doctype html><html><head><style>html,body{margin:0}</style></head><body><div id="root"></div>` +
            `<script type="module" src="/@id/__x00__${PAGE_ID}"></script></body></html>`,
        )
      })
    },
  }
}

let server: ViteDevServer
let browser: Browser
let page: Page

const impressions = async () =>
  (await page.evaluate(() => (window as unknown as { __impressions(): unknown[] }).__impressions())) as {
    product_id: string
    list: string
  }[]
// in the order of their ids; timers started in one observer callback may fire in any order
const ids = async () => (await impressions()).map((p) => p.product_id).sort()
const exposures = async () =>
  (await page.evaluate(() => (window as unknown as { __exposures(): unknown[] }).__exposures())) as {
    experiment_key: string
    variation_name: string
  }[]
const scrollTo = (y: number) => page.evaluate((top) => window.scrollTo({ top, behavior: 'instant' }), y)
const wait = (ms: number) => page.waitForTimeout(ms)

beforeAll(async () => {
  // launched first: it fails with the install command when Chromium is missing
  browser = await launchChromium()
  server = await createServer({
    root,
    configFile: false,
    plugins: [exposurePage()],
    server: { port: 0, strictPort: false, host: '127.0.0.1' },
    optimizeDeps: { include: ['react', 'react-dom/client'] },
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'error',
  })
  await server.listen()
  page = await browser.newPage({ viewport: { width: 800, height: 800 } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(server.resolvedUrls?.local[0] ?? '')
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true)
  await page.locator('[data-id="p29"]').waitFor()
  expect(errors).toEqual([])
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('useExposure in Chromium', () => {
  it('tracks what is at least half visible, only after the dwell time, once each under StrictMode', async () => {
    // 120 px down: p0 is 70% visible, p1 fully, p2 only 30%
    await scrollTo(120)
    await wait(DWELL / 4)
    expect(await ids()).toEqual([])
    await expect.poll(ids, { timeout: 5_000 }).toEqual(['p0', 'p1'])
    await wait(DWELL + 400)
    expect(await ids()).toEqual(['p0', 'p1'])
    expect(await impressions()).toContainEqual({ list: 'catalogue', product_id: 'p0' })
  })

  it('does not count products scrolled past faster than the dwell time', async () => {
    await scrollTo(10 * ITEM)
    await wait(DWELL / 4)
    await scrollTo(20 * ITEM)
    await expect.poll(ids, { timeout: 5_000 }).toEqual(['p0', 'p1', 'p20', 'p21'])
    await wait(DWELL + 400)
    expect(await ids()).not.toContain('p10')
  })

  it('does not count a product again when it comes back into view', async () => {
    await scrollTo(0)
    await wait(DWELL + 600)
    expect(await ids()).toEqual(['p0', 'p1', 'p20', 'p21'])
  })

  it('exposes an experiment shown with exposeOn="visible" only once it has been seen for the dwell time', async () => {
    expect(await exposures()).toEqual([])
    await scrollTo(30 * ITEM)
    await wait(DWELL / 4)
    expect(await exposures()).toEqual([])
    await expect.poll(async () => (await exposures()).length, { timeout: 5_000 }).toBe(1)
    const [exposure] = await exposures()
    expect(exposure?.experiment_key).toBe('footer_banner')
    expect(await page.locator('[data-id="banner"]').textContent()).toBe(`${exposure?.variation_name} banner`)
    await scrollTo(0)
    await wait(100)
    await scrollTo(30 * ITEM)
    await wait(DWELL + 400)
    expect(await exposures()).toHaveLength(1)
  })
})
