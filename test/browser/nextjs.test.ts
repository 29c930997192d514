import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROME_USER_AGENT, launchChromium, until } from './harness.mjs'

// The Next.js App Router example (examples/nextjs), as `next build` left it, served by `next start`: a
// real browser clicks and buys, and the events reach the collector mounted as its route handler. CI
// installs and builds the example first (.ci/run); elsewhere, build it as the README says.

const app = resolve(import.meta.dirname, '../../examples/nextjs')
const built = existsSync(join(app, '.next/BUILD_ID'))
const PORT = 18_805
const origin = `http://127.0.0.1:${PORT}`

let browser: Browser
let server: ChildProcess | undefined
let dir: string

beforeAll(async () => {
  if (!built) {
    if (process.env.CI) throw new Error('examples/nextjs is not built: .ci/run must run `next build` first')
    return
  }
  dir = mkdtempSync(join(tmpdir(), 'ik-next-'))
  server = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(PORT), '-H', '127.0.0.1'],
    {
      cwd: app,
      env: { ...process.env, INSTRUMENTKIT_DB: join(dir, 'events.duckdb'), NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'ignore',
    },
  )
  await until(
    () =>
      fetch(`${origin}/api/analytics/health`)
        .then((r) => r.ok)
        .catch(() => false),
    60_000,
    'next start answering /api/analytics/health',
  )
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r))
    server.kill('SIGTERM')
    await exited
  }
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!built && !process.env.CI)('Next.js App Router example (Chromium, next start)', () => {
  it('renders the server-assigned variation without a change, and page views, clicks and the purchase reach its collector route as one visitor', async () => {
    const context = await browser.newContext({ userAgent: CHROME_USER_AGENT })
    const page = await context.newPage()
    await page.goto(`${origin}/`)
    const serverVariation = await page.getAttribute('[data-server-variation]', 'data-server-variation')
    const label = await page.textContent('button:has-text("Buy")')
    expect(label).toBe(serverVariation === 'green' ? 'Buy now' : 'Buy')
    await page.click('button:has-text("Buy")')
    await page.waitForSelector('#order')
    // a client-side route change is a page view too
    await page.click('a[href="/about"]')
    await page.waitForSelector('h1:has-text("About")')
    // leaving hands what is queued to the browser (sendBeacon); the browser context stays open until the
    // funnel is read, so that closing it cannot cancel a beacon a loaded machine has not dispatched yet
    await page.close({ runBeforeUnload: true })

    const funnel = async () => {
      const response = await fetch(
        `${origin}/api/analytics/query/funnel?steps=page_viewed,checkout_button_clicked,purchase_completed`,
      )
      return ((await response.json()) as { steps?: { event: string; users: number }[] }).steps
    }
    await until(async () => (await funnel())?.[2]?.users === 1, 20_000, 'the purchase in the funnel')
    expect((await funnel())?.map((s) => [s.event, s.users])).toEqual([
      ['page_viewed', 1],
      ['checkout_button_clicked', 1],
      ['purchase_completed', 1],
    ])
    await context.close()
  })
})
