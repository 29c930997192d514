// biome-ignore-all lint/performance/useDomNodeTextContent: these tests read the rendered text, as a person sees it
import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { npm, npmInstall, packPackage } from '../../scripts/packPackage.mjs'
import { duckdbStore } from '../../src/server.js'
import { killAll, type Running, startServe } from '../server/cli/support.js'
import { CHROME_USER_AGENT, launchChromium, until } from './harness.mjs'

// docs/getting-started.md as a new user walks it: the Vite React app of examples/vite-react (what
// `npm create vite@latest -- --template react-ts` makes, with the page's edits; test/docs checks that
// the page shows its files verbatim), the package as `npm pack` makes it, `npm run build`,
// `npx instrumentkit serve` from the installed package, the app in Chromium under `npm run dev` and
// `vite preview`, a click, and the event stored and shown by the dashboard. It needs dist/ built
// (`npm run build`, as CI does before `npm run test:browser`) and the npm registry or npm's cache.

const root = resolve(import.meta.dirname, '../..')
const page = readFileSync(join(root, 'docs/getting-started.md'), 'utf8')
const CLICK = 'signup_button_clicked'

let work: string
let app: string
let tarball: string
let serve: Running | undefined
let browser: Browser
const vites = new Set<ChildProcess>()

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/esm/cli.js')))
    throw new Error('dist/ is missing: run npm run build before npm run test:browser')
  work = mkdtempSync(join(tmpdir(), 'ik-getting-started-'))
  app = join(work, 'my-app')
  tarball = await packPackage(join(work, 'pack'))
  cpSync(resolve(root, 'examples/vite-react'), app, {
    recursive: true,
    filter: (path) => !/[\\/](node_modules|dist|\.instrumentkit|package-lock\.json)$/.test(path),
  })
  // the page's `npm install <tarball>`; in the repository the template names where check:package packs
  const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'))
  manifest.dependencies.instrumentkit = `file:${tarball}`
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  await npmInstall(app)
  browser = await launchChromium()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  for (const vite of vites) vite.kill('SIGKILL')
  await serve?.stop()
  killAll()
  if (work) rmSync(work, { recursive: true, force: true })
})

/**
 * Starts Vite's dev server (`[]`) or `vite preview` (`['preview']`) as `npm run dev` and `npm run preview`
 * would, on localhost, but on a free port and with the collector where this test started it.
 */
function startVite(args: string[]): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', ...args, '--port', '0', '--strictPort'],
    {
      cwd: app,
      env: { ...process.env, COLLECTOR_URL: serve!.url, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  vites.add(child)
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  let out = ''
  return new Promise((done, fail) => {
    const onData = (chunk: Buffer) => {
      out += chunk
      // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes, should a terminal force them
      const url = /Local:\s+(http:\/\/\S+?)\/?\s/.exec(out.replace(/\x1b\[[0-9;]*m/g, ''))?.[1]
      if (url)
        done({
          url,
          stop: () => {
            child.kill('SIGTERM')
            vites.delete(child)
            return exited
          },
        })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    exited.then(() => fail(new Error(`vite ${args.join(' ')} exited before serving:\n${out}`)))
  })
}

/** A visitor with a desktop Chrome's user agent (headless Chromium's is a bot's, and reports leave bots out). */
async function visitor(): Promise<{ context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({ userAgent: CHROME_USER_AGENT })
  const problems: string[] = []
  context.on('weberror', (error) => problems.push(error.error().message))
  context.on('console', (message) => {
    if (message.type() === 'error' || message.text().includes('[instrumentkit]'))
      problems.push(`${message.type()}: ${message.text()}`)
  })
  return { context, problems }
}

async function funnelUsers(): Promise<number[]> {
  const response = await fetch(`${serve!.url}/api/analytics/query/funnel?steps=page_viewed,${CLICK}`)
  const body = (await response.json()) as { steps?: { users: number }[] }
  return body.steps?.map((s) => s.users) ?? []
}

describe('getting started: a new Vite React app to its first event in the dashboard', () => {
  it('the page installs the tarball `npm pack` makes', () => {
    expect(page).toContain(`npm install ../instrumentkit/${basename(tarball)}\n`)
    expect(page).toContain(`"instrumentkit": "file:../instrumentkit/${basename(tarball)}"`)
  })

  it('`npm run build` type-checks the page’s code against the installed package and bundles it', async () => {
    await npm(['run', 'build'], app)
    expect(readFileSync(join(app, 'dist/index.html'), 'utf8')).toContain('<div id="root"></div>')
  }, 120_000)

  it('`npx instrumentkit serve` starts the collector and dashboard and prints what the page shows', async () => {
    serve = await startServe(join(app, 'node_modules/.bin/instrumentkit'), [], { cwd: app })
    await until(() => serve!.output().includes('  queries'), 5_000, 'the whole banner')
    // the page shows the default port and a user's folder
    const printed = serve
      .output()
      .replaceAll(serve.url, 'http://127.0.0.1:8787')
      .replaceAll(app, '/home/you/my-app')
      .trim()
    expect(page).toContain(`\`\`\`text\n${printed}\n\`\`\``)
    expect(existsSync(join(app, '.instrumentkit/events.duckdb'))).toBe(true)
  })

  it('under `npm run dev`, the page view and a click reach the collector through Vite’s proxy within the batch interval', async () => {
    const dev = await startVite([])
    const { context, problems } = await visitor()
    const tab = await context.newPage()
    // what the network panel shows: each answer to the page's batches
    const answered: { status: number; accepted: number; body: string }[] = []
    tab.on('response', async (response) => {
      if (new URL(response.url()).pathname !== '/api/analytics/batch') return
      const body = await response.text()
      answered.push({ status: response.status(), accepted: JSON.parse(body).accepted ?? 0, body })
    })
    await tab.goto(dev.url)
    await tab.getByRole('button', { name: 'Sign up' }).click()
    // the tab stays open: the client's 5-second batch carries the click
    const accepted = () => answered.reduce((n, a) => n + a.accepted, 0)
    const refused = () => answered.filter((a) => a.status !== 200)
    await until(() => accepted() >= 3 || refused().length > 0, 15_000, 'the batch with the click answered')
    expect(refused()).toEqual([])
    expect(accepted()).toBe(3)
    // the page quotes the answer of one batch, as here when the click comes within the interval
    expect(page).toContain(`\`${JSON.stringify({ ok: true, accepted: 3, duplicates: 0, rejected: [] })}\``)
    await until(async () => (await funnelUsers())[1] === 1, 5_000, 'the click in the funnel')
    expect(await funnelUsers()).toEqual([1, 1])
    expect(problems).toEqual([])
    await context.close()
    await dev.stop()
  })

  it('the built app (`npm run preview`) sends its click when the visitor leaves', async () => {
    const preview = await startVite(['preview'])
    const { context, problems } = await visitor()
    const tab = await context.newPage()
    await tab.goto(preview.url)
    await tab.getByRole('button', { name: 'Sign up' }).click()
    await tab.close({ runBeforeUnload: true })
    await until(async () => (await funnelUsers())[1] === 2, 15_000, 'the second click in the funnel')
    expect(problems).toEqual([])
    await context.close()
    await preview.stop()
  })

  it('the dashboard shows both visitors: active users on Overview, the click in a Funnel of its steps', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const dashboard = await context.newPage()
    await dashboard.goto(serve!.url)
    const activeNow = dashboard.locator('.ikdash-tile', { hasText: 'Active users, 5 min' }).locator('dd')
    await expect.poll(() => activeNow.innerText(), { timeout: 10_000 }).toMatch(/^2\b/)
    await dashboard
      .getByRole('navigation', { name: 'Dashboard sections' })
      .getByRole('button', { name: 'Funnel' })
      .click()
    await dashboard.getByLabel('Steps, in order, separated by commas').fill(`page_viewed, ${CLICK}`)
    await dashboard.getByRole('button', { name: 'Show funnel' }).click()
    const headline = dashboard.getByText(`went on to ${CLICK}`)
    await headline.waitFor()
    expect(await headline.innerText()).toMatch(/^100(\.0)?% of users who did page_viewed went on to/)
    const bars = dashboard.getByRole('list', { name: 'Funnel steps' })
    expect((await bars.innerText()).replace(/\s+/g, ' ')).toMatch(
      new RegExp(`1\\. page_viewed 2 users .*2\\. ${CLICK} 2 users`),
    )
    await context.close()
  })

  it('the DuckDB file holds each visitor’s events once, with the click’s properties and the browser', async () => {
    // Ctrl-C, as the page says, and what serve prints then
    const banner = serve!.output().length
    expect(await serve!.stop('SIGINT')).toBe(0)
    expect(page).toContain(`\`\`\`text\n${serve!.output().slice(banner).trim()}\n\`\`\``)
    const store = duckdbStore({ path: join(app, '.instrumentkit/events.duckdb') })
    await store.init()
    const rows = await store.query<{
      event_name: string
      anonymous_id: string
      properties: string
      browser: string
      is_bot: boolean
    }>('SELECT event_name, anonymous_id, properties, browser, is_bot FROM events ORDER BY timestamp, seq')
    await store.close()
    const visitors = [...new Set(rows.map((r) => r.anonymous_id))]
    expect(visitors).toHaveLength(2)
    for (const id of visitors)
      expect(rows.filter((r) => r.anonymous_id === id).map((r) => r.event_name)).toEqual([
        'session_started',
        'page_viewed',
        CLICK,
      ])
    const clicks = rows.filter((r) => r.event_name === CLICK)
    expect(clicks.map((r) => JSON.parse(r.properties))).toEqual([{ plan: 'free' }, { plan: 'free' }])
    expect(rows.every((r) => r.browser === 'Chrome' && r.is_bot === false)).toBe(true)
  })
})
