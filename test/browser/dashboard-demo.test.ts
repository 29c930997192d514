// biome-ignore-all lint/performance/useDomNodeTextContent: these tests read the rendered text, as a person sees it
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildCli, killAll, type Running, startServe } from '../server/cli/support.js'
import { launchChromium } from './harness.mjs'

// The one-command path a new user takes: `instrumentkit demo` fills a DuckDB file through the real
// client pipeline, `instrumentkit serve` opens it, and every view of the dashboard has something true
// to say. (dashboard.test.ts checks exact numbers on traffic of its own; this checks the demo's.)
// The app is the one in dist/dashboard-app: `npm run build` comes before `npm run test:browser`.

let work: string
let serve: Running
let browser: Browser
let page: Page
const pageErrors: string[] = []

beforeAll(async () => {
  const app = resolve(import.meta.dirname, '../../dist/dashboard-app/index.html')
  if (!existsSync(app)) throw new Error(`${app} is missing: run npm run build before npm run test:browser`)
  work = mkdtempSync(join(tmpdir(), 'ikd-demo-'))
  const cli = await buildCli()
  const db = join(work, 'demo.duckdb')
  const demo = spawnSync(process.execPath, [cli, 'demo', '--db', db, '--users', '150', '--days', '10'], {
    encoding: 'utf8',
  })
  expect(demo.status, demo.stderr || demo.stdout).toBe(0)
  serve = await startServe(cli, ['--db', db])
  browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(serve.url)
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await serve?.stop()
  killAll()
  rmSync(work, { recursive: true, force: true })
})

const go = (section: string) =>
  page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('button', { name: section }).click()
const tile = async (label: string) => {
  const dd = page.locator('.ikdash-tile', { hasText: label }).locator('dd')
  await dd.waitFor()
  return Number(((await dd.innerText()).split('\n')[0] ?? '').replace(/,/g, ''))
}

it('every view of the demo store has something to say', async () => {
  // overview: the demo's request metrics, its failing payment provider and errors grouped with counts
  await page.getByText('Requests per second').waitFor()
  expect(await tile('Requests per second')).toBeGreaterThan(0)
  expect(await page.getByRole('row', { name: /payments\./ }).innerText()).toMatch(/Failing|Errors|Slow/)
  expect((await page.locator('body').innerText()).replace(/\s+/g, ' ')).toMatch(
    /Recent errors .+: \d+ occurrences?/,
  )

  await go('Business')
  expect(await tile('Monthly active users')).toBeGreaterThan(0)

  // the default funnel is the shop's: each step no larger than the one before
  await go('Funnel')
  const items = page.getByRole('list', { name: 'Funnel steps' }).getByRole('listitem')
  await items.first().waitFor()
  const users = (await items.allInnerTexts()).map((t) =>
    Number(/([\d,]+) users?\b/.exec(t)?.[1]?.replace(/,/g, '')),
  )
  expect(users).toHaveLength(4)
  expect(users[0]).toBeGreaterThan(0)
  for (let i = 1; i < users.length; i++) expect(users[i]).toBeLessThanOrEqual(users[i - 1]!)
  expect(users[3]).toBeGreaterThan(0)

  await go('Retention')
  await page.locator('table.ikdash-heat tbody tr').first().waitFor()

  await go('Experiments')
  const row = page.getByRole('row', { name: /checkout_flow/ })
  await row.waitFor()
  expect(await row.innerText()).toMatch(/control [\d,]+ · one_page [\d,]+/)
  await row.getByRole('button', { name: 'Open experiment checkout_flow' }).click()
  const sentence = page.locator('.ikdash-result', { hasText: 'One_page' })
  await sentence.waitFor()
  expect(await sentence.innerText()).toMatch(
    /^One_page [+−]\d+(\.\d)?% conversion \(p(<|=)[\d.]+\): (better than control, significant|worse than control, significant|not significant, no difference shown yet)\.$/,
  )
  expect(await page.getByRole('img', { name: /one_page lift against control/ }).isVisible()).toBe(true)

  await go('Data quality')
  expect(await tile('Events received')).toBeGreaterThan(0)
  expect(await tile('Bot events')).toBeGreaterThan(0)
  expect(pageErrors).toEqual([])
})
