import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeExperiment } from '../../src/index.js'
import { createCollector, serveDashboard, toNodeHandler } from '../../src/server.js'
import { duckdbStore } from '../../src/server/stores/duckdbStore.js'
import { dashboardTraffic } from './app/dashboardTraffic.js'
import { launchChromium } from './harness.mjs'

// The hosted dashboard end to end: the app as `npm run build` makes it, served by serveDashboard next
// to a real collector over HTTP with a DuckDB file, filled through the collector's own ingest with a
// week of traffic whose answers are counted in dashboardTraffic. Real Chromium reads every view at a
// laptop's width and a phone's. `UPDATE_SCREENSHOTS=1` writes the docs' screenshots.

const root = resolve(import.meta.dirname, '../..')
const PORT = 18840
const TOKEN = 'dashboard-read-token'
const shots = process.env.UPDATE_SCREENSHOTS === '1' ? join(root, 'docs/images') : mkdtempSync(join(tmpdir(), 'ikd-shots-'))

let work: string
let server: Server
let browser: Browser
let collector: ReturnType<typeof createCollector>
const origin = `http://127.0.0.1:${PORT}`
const now = Date.now()
const traffic = dashboardTraffic(now)
const pageErrors: string[] = []

async function send(body: unknown) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const res = await fetch(`${origin}/api/analytics/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'dashboard-test' },
      body: JSON.stringify(body),
    })
    if (res.status === 429) {
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)))
      continue
    }
    expect(res.status, await res.clone().text()).toBe(200)
    return
  }
  throw new Error('the collector kept answering 429')
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ikd-browser-'))
  const appDir = join(work, 'app')
  process.env.IK_TARGET = 'dashboard-app'
  try {
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir: appDir } })
  } finally {
    delete process.env.IK_TARGET
  }

  collector = createCollector({ store: duckdbStore({ path: join(work, 'events.duckdb') }), readToken: TOKEN })
  await collector.ready
  const dashboard = serveDashboard({ root: appDir })
  const api = toNodeHandler(collector)
  server = createServer(async (req, res) => {
    if (!req.url?.startsWith('/api/')) {
      const answer = await dashboard(new Request(`${origin}${req.url}`, { method: req.method }))
      if (answer) {
        res.writeHead(answer.status, Object.fromEntries(answer.headers))
        res.end(Buffer.from(await answer.arrayBuffer()))
        return
      }
    }
    await api(req, res)
  })
  await new Promise<void>((r) => server.listen(PORT, '127.0.0.1', r))

  const sentAt = new Date(now).toISOString()
  for (let i = 0; i < traffic.events.length; i += 200)
    await send({ sent_at: sentAt, events: traffic.events.slice(i, i + 200) })
  for (let i = 0; i < traffic.metrics.length; i += 200)
    await send({ sent_at: sentAt, metrics: traffic.metrics.slice(i, i + 200) })
  await send({ sent_at: sentAt, events: traffic.duplicates })

  browser = await launchChromium()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((r) => server?.close(r))
  await collector?.close()
  rmSync(work, { recursive: true, force: true })
})

async function open(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: 'light' })
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(`${origin}/#/overview`)
  // the collector has a read token: the app asks for it once, and keeps it for the tab
  await page.getByLabel('Read token').fill(TOKEN)
  await page.getByRole('button', { name: 'Use token' }).click()
  await page.getByText('Requests per second').waitFor()
  return { context, page }
}

const go = async (page: Page, section: string) => {
  await page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('button', { name: section }).click()
}

const text = (page: Page, selector: string) => page.locator(selector).first().innerText()

const count = (n: number) => n.toLocaleString('en-US')

/** What the page reads at the current view, whitespace folded. */
const body = async (page: Page) => (await page.locator('body').innerText()).replace(/\s+/g, ' ')

async function noSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }))
  expect(scroll, 'the page must not scroll sideways').toBeLessThanOrEqual(width)
}

const expectedExperiment = () => {
  const [control, treatment] = traffic.expected.experiment.variants
  const analysis = analyzeExperiment({
    variants: [
      { name: control!.name, users: control!.units, conversions: control!.conversions },
      { name: treatment!.name, users: treatment!.units, conversions: treatment!.conversions },
    ],
  })
  return { control: control!, treatment: treatment!, analysis: analysis.variants[1]! }
}

describe.each([
  { name: 'laptop', viewport: { width: 1280, height: 900 }, shoot: true },
  { name: 'phone', viewport: { width: 390, height: 844 }, shoot: false },
])('the hosted dashboard on a $name', ({ name, viewport, shoot }) => {
  let context: BrowserContext
  let page: Page
  beforeAll(async () => {
    ;({ context, page } = await open(viewport))
  })
  afterAll(() => context?.close())

  const shot = async (view: string) => {
    if (shoot) await page.screenshot({ path: join(shots, `dashboard-${view}.png`), fullPage: true })
    else if (view === 'experiment')
      await page.screenshot({ path: join(shots, `dashboard-${view}-phone.png`), fullPage: true })
  }

  it('overview: traffic, errors grouped with counts, a lagging queue and a failing dependency', async () => {
    await go(page, 'Overview')
    const tiles = await text(page, '.ikdash-tiles')
    expect(tiles.replace(/\s+/g, ' ')).toContain(`${count(traffic.expected.requests)} requests`)
    const read = await body(page)
    expect(read).toContain(`${traffic.expected.errorMessage}: ${traffic.expected.errorCount} occurrences`)
    expect(await page.getByRole('row', { name: /Queue orders/ }).innerText()).toContain('Lagging')
    expect(await page.getByRole('row', { name: /payments\.charge/ }).innerText()).toContain('Failing')
    await noSidewaysScroll(page)
    await shot('overview')
  })

  it('business: today against yesterday, active users and the daily chart', async () => {
    await go(page, 'Business')
    const signups = page.locator('.ikdash-tile', { hasText: 'Signups' })
    await signups.waitFor()
    expect((await signups.locator('dd').innerText()).split('\n')[0]).toBe(count(traffic.expected.todaySignups))
    expect(await body(page)).toMatch(/Monthly active users\s?\d/)
    // uPlot drew the chart: a canvas with pixels, sized to the panel
    const canvas = page.locator('.ikdash-chart canvas').first()
    await canvas.waitFor()
    expect((await canvas.boundingBox())!.width).toBeGreaterThan(200)
    await noSidewaysScroll(page)
    await shot('business')
  })

  it('funnel: the users of each step, in order, for steps typed in by the person', async () => {
    await go(page, 'Funnel')
    const { steps, users } = traffic.expected.funnel
    await page.getByLabel(/Steps, in order/).fill(steps.join(', '))
    await page.getByRole('button', { name: 'Show funnel' }).click()
    const list = page.getByRole('list', { name: 'Funnel steps' })
    await list.getByText(`${count(users[3]!)} users`).waitFor()
    const items = await list.getByRole('listitem').allInnerTexts()
    expect(items.map((item) => item.replace(/\s+/g, ' ').match(/^\d\. (\w+) ([\d,]+) users/)?.slice(1))).toEqual(
      steps.map((step, i) => [step, count(users[i]!)]),
    )
    const first = users[0]!
    expect(await body(page)).toContain(
      `${((users[3]! / first) * 100).toFixed(1)}% of users who did page_viewed went on to checkout_completed within 1 d.`,
    )
    await noSidewaysScroll(page)
    await shot('funnel')
  })

  it('retention: cohorts by first day, each starting at 100%', async () => {
    await go(page, 'Retention')
    const table = page.locator('table.ikdash-heat')
    await table.waitFor()
    const rows = await table.locator('tbody tr').allInnerTexts()
    expect(rows.length).toBeGreaterThanOrEqual(5)
    for (const row of rows) expect(row.split('\t')[2]).toBe('100.0%')
    await noSidewaysScroll(page)
    await shot('retention')
  })

  it('experiments: the checkout experiment, its split and the result in words', async () => {
    await go(page, 'Experiments')
    const { control, treatment, analysis } = expectedExperiment()
    const row = page.getByRole('row', { name: /checkout_flow/ })
    await row.waitFor()
    const listed = (await row.innerText()).replace(/\s+/g, ' ')
    expect(listed).toContain(`control ${count(control.units)} · treatment ${count(treatment.units)}`)
    expect(listed).toContain('As planned')
    expect(listed).toContain('Day 7')
    await row.getByRole('button', { name: 'Open experiment checkout_flow' }).click()
    await page.getByRole('textbox', { name: 'Revenue property' }).fill('order_value')
    await page.getByRole('button', { name: 'Apply' }).click()
    const pct = Math.abs(analysis.relativeLift * 100)
    const lift = `${analysis.relativeLift >= 0 ? '+' : '−'}${pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)}%`
    const sentence = page.locator('.ikdash-result', { hasText: 'Treatment' })
    await sentence.waitFor()
    const said = await sentence.innerText()
    expect(said).toContain(`Treatment ${lift} conversion`)
    expect(said).toContain(analysis.significant ? 'significant.' : 'not significant')
    const variant = (await page.getByRole('row', { name: /^treatment/ }).innerText()).split('\t')
    expect(variant.slice(1, 3)).toEqual([count(treatment.units), count(treatment.conversions)])
    expect(variant[4]).toBe(treatment.revenue.toLocaleString('en-US', { minimumFractionDigits: 2 }))
    expect(await page.getByRole('img', { name: /treatment lift against control/ }).isVisible()).toBe(true)
    await noSidewaysScroll(page)
    await shot('experiment')
  })

  it('data quality: duplicates counted once and bots set apart', async () => {
    await go(page, 'Data quality')
    const duplicates = page.locator('.ikdash-tile', { hasText: 'Duplicates' })
    await duplicates.waitFor()
    expect((await duplicates.locator('dd').innerText()).split('\n')[0]).toBe(count(traffic.expected.duplicates))
    expect((await page.locator('.ikdash-tile', { hasText: 'Bot events' }).locator('dd').innerText()).split('\n')[0]).toBe(
      count(traffic.expected.bots),
    )
    await noSidewaysScroll(page)
    await shot('quality')
  })

  it('moves through the sections from the keyboard alone', async () => {
    await go(page, 'Overview')
    const nav = page.getByRole('navigation', { name: 'Dashboard sections' })
    await nav.getByRole('button', { name: 'Overview' }).focus()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    expect(await nav.getByRole('button', { name: 'Business' }).getAttribute('aria-current')).toBe('page')
    expect(new URL(page.url()).hash).toBe('#/business')
    expect(pageErrors, `${name}: errors in the page`).toEqual([])
  })
})
