// biome-ignore-all lint/performance/useDomNodeTextContent: these tests read the rendered text, as a person sees it
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeExperiment } from '../../src/index.js'
import { buildCli, killAll, type Running, startServe } from '../server/cli/support.js'
import { dashboardTraffic } from './app/dashboardTraffic.js'
import { launchChromium } from './harness.mjs'

// The hosted dashboard end to end: `instrumentkit serve` with a DuckDB file and a read token, hosting
// the app as `npm run build` makes it, filled over HTTP through the collector's ingest with a week of
// traffic whose answers are counted in dashboardTraffic. Real Chromium reads every view at a
// laptop's width and a phone's. `UPDATE_SCREENSHOTS=1` writes the docs' screenshots.

const root = resolve(import.meta.dirname, '../..')
const TOKEN = 'dashboard-read-token'
const shots =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(root, 'docs/images')
    : mkdtempSync(join(tmpdir(), 'ikd-shots-'))

let work: string
let serve: Running
let browser: Browser
let origin: string
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
  // the app exactly as `npm run build` writes it, from the current source, where `serve` looks for it;
  // Vitest's NODE_ENV=test would otherwise select React's development JSX
  const env = { IK_TARGET: process.env.IK_TARGET, NODE_ENV: process.env.NODE_ENV }
  process.env.IK_TARGET = 'dashboard-app'
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'silent' })
  } finally {
    for (const [key, value] of Object.entries(env))
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
  }

  serve = await startServe(await buildCli(), ['--db', join(work, 'events.duckdb'), '--read-token', TOKEN])
  origin = serve.url.replace(/\/$/, '')

  // each batch says when it left, as the client does, so the collector sees clocks in step
  const sentAt = () => new Date().toISOString()
  for (let i = 0; i < traffic.events.length; i += 200)
    await send({ sent_at: sentAt(), events: traffic.events.slice(i, i + 200) })
  for (let i = 0; i < traffic.metrics.length; i += 200)
    await send({ sent_at: sentAt(), metrics: traffic.metrics.slice(i, i + 200) })
  await send({ sent_at: sentAt(), events: traffic.duplicates })

  browser = await launchChromium()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await serve?.stop()
  killAll()
  rmSync(work, { recursive: true, force: true })
})

async function open(viewport: {
  width: number
  height: number
}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: 'light' })
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(`${origin}/#/overview`)
  // the collector has a read token: the app asks for it once, and keeps it for the tab
  await page.getByLabel('Read token', { exact: true }).fill(TOKEN)
  await page.getByRole('button', { name: 'Use token' }).click()
  try {
    await page.getByText('Requests per second').waitFor({ timeout: 15_000 })
  } catch (error) {
    console.log('the page read:', await page.locator('body').innerText(), pageErrors, serve.output())
    throw error
  }
  return { context, page }
}

const go = async (page: Page, section: string) => {
  await page
    .getByRole('navigation', { name: 'Dashboard sections' })
    .getByRole('button', { name: section })
    .click()
}

const text = (page: Page, selector: string) => page.locator(selector).first().innerText()

const count = (n: number) => n.toLocaleString('en-US')

/** What the page reads at the current view, whitespace folded. */
const body = async (page: Page) => (await page.locator('body').innerText()).replace(/\s+/g, ' ')

async function noSidewaysScroll(page: Page) {
  const { scroll, width, culprit } = await page.evaluate(() => {
    const width = window.innerWidth
    // the outermost element that sticks out, to say what to fix
    const culprit = [...document.querySelectorAll('body *')].find(
      (el) => el.getBoundingClientRect().right > width + 1,
    )
    return {
      scroll: document.documentElement.scrollWidth,
      width,
      culprit: culprit
        ? (() => {
            const chain: string[] = []
            for (let el: Element | null = culprit; el; el = el.parentElement)
              chain.push(
                `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().width)} ${getComputedStyle(el).overflowX}`,
              )
            return chain.join(' < ')
          })()
        : null,
    }
  })
  expect(scroll, `the page must not scroll sideways (${culprit})`).toBeLessThanOrEqual(width)
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
    expect((await signups.locator('dd').innerText()).split('\n')[0]).toBe(
      count(traffic.expected.todaySignups),
    )
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
    expect(
      items.map((item) =>
        item
          .replace(/\s+/g, ' ')
          .match(/^\d\. (\w+) ([\d,]+) users/)
          ?.slice(1),
      ),
    ).toEqual(steps.map((step, i) => [step, count(users[i]!)]))
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
    // day N is 1 in the first 24 hours after the first exposure, 2 in the next; serve was given no planned length
    const first = Math.min(
      ...traffic.events
        .filter((e) => e.event_name === 'experiment_exposed')
        .map((e) => Date.parse(e.timestamp)),
    )
    // counted at the moment the report ran (just now), not when the traffic was made
    const day = Math.floor((Date.now() - first) / 86_400_000) + 1
    expect(listed).toContain(`Day ${day} (no planned length)`)
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

  it('data quality: every event received once, resent copies dropped, and bots set apart', async () => {
    await go(page, 'Data quality')
    const tile = (label: string) => page.locator('.ikdash-tile', { hasText: label }).locator('dd')
    await tile('Events received').waitFor()
    // the copies sent again were dropped at ingest, so the store holds each event once
    expect(await tile('Events received').textContent()).toBe(
      `${count(traffic.events.length)}${count(traffic.events.length)} unique`,
    )
    expect(await tile('Duplicates').textContent()).toMatch(/^0/)
    expect(await tile('Bot events').textContent()).toMatch(new RegExp(`^${traffic.expected.bots}left out`))
    await noSidewaysScroll(page)
    await shot('quality')
  })

  it('moves through the sections from the keyboard alone', async () => {
    await go(page, 'Overview')
    const nav = page.getByRole('navigation', { name: 'Dashboard sections' })
    await nav.getByRole('button', { name: 'Overview' }).focus()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    // React applies the click on its own schedule: wait for it rather than read at once
    await expect
      .poll(() => nav.getByRole('button', { name: 'Business' }).getAttribute('aria-current'))
      .toBe('page')
    await expect.poll(() => new URL(page.url()).hash).toBe('#/business')
    expect(pageErrors, `${name}: errors in the page`).toEqual([])
  })
})
