// biome-ignore-all lint/performance/useDomNodeTextContent: these tests read the rendered text, as a person sees it
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, extname, join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './harness.mjs'

// The built Storybook in real Chromium. It is built here the way `npm run build-storybook` builds it,
// with React's development code (STORYBOOK_REACT_DEVELOPMENT=1) so that React's prop and key warnings
// reach the console; the build itself must print no warning. Every story and every docs page is then
// opened and must log no error or warning.

const root = resolve(import.meta.dirname, '../..')
const out = join(tmpdir(), `ik-storybook-${process.pid}`)
const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
}

interface Entry {
  id: string
  title: string
  name: string
  type: 'story' | 'docs'
}

let buildOutput = ''
let entries: Entry[] = []
let server: Server
let origin: string
let browser: Browser

beforeAll(async () => {
  const pkg = createRequire(import.meta.url).resolve('storybook/package.json')
  const bin = join(dirname(pkg), (JSON.parse(readFileSync(pkg, 'utf8')) as { bin: string }).bin)
  const result = spawnSync(process.execPath, [bin, 'build', '--disable-telemetry', '-o', out], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      STORYBOOK_DISABLE_TELEMETRY: '1',
      STORYBOOK_REACT_DEVELOPMENT: '1',
      NO_COLOR: '1',
    },
  })
  buildOutput = `${result.stdout}\n${result.stderr}`
  if (result.status !== 0) throw new Error(`storybook build failed:\n${buildOutput}`)
  const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as {
    entries: Record<string, Entry>
  }
  entries = Object.values(index.entries)
  server = createServer(async (req, res) => {
    const asked = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)
    const path = asked === '/' ? '/index.html' : asked
    try {
      const body = await readFile(join(out, path))
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  browser = await launchChromium()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  if (server) await new Promise((done) => server.close(done))
  rmSync(out, { recursive: true, force: true })
})

/** Opens a story or docs page in the preview iframe and waits until Storybook has rendered it. */
async function open(page: Page, entry: Pick<Entry, 'id' | 'type'>, args = '') {
  await page.goto(`${origin}/iframe.html?id=${entry.id}&viewMode=${entry.type}${args && `&args=${args}`}`)
  await page.waitForFunction(() => {
    const classes = document.body.classList
    return (
      (classes.contains('sb-show-main') || classes.contains('sb-show-errordisplay')) &&
      ![...classes].some((c) => c.startsWith('sb-show-preparing'))
    )
  })
  // the docs pages load their stories' chunks after the page shows; a loaded machine may still be
  // fetching when the wait ends, which the checks that read the page wait for on their own
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined)
  // effects run after the paint: let them, and what they log, happen
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))))
}

/** A page that records every console error and warning, uncaught error and failed request. */
async function watchedPage(viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport })
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`))
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`)
  })
  return { page, problems }
}

describe('Storybook (built, in Chromium)', () => {
  it('builds without a warning', () => {
    expect(buildOutput).toContain('Storybook build completed successfully')
    const warnings = buildOutput
      .split('\n')
      // the list of written files may name a chunk "warn-….js"
      .filter((line) => !/\.(js|css|html)\s*$/.test(line))
      .filter((line) => /▲|\(!\)|\bwarn(ing)?\b/i.test(line))
    expect(warnings).toEqual([])
  })

  it('has a docs page for every component, beside its stories', () => {
    const docs = new Set(entries.filter((e) => e.type === 'docs').map((e) => e.title))
    const titles = new Set(entries.filter((e) => e.type === 'story').map((e) => e.title))
    // the introduction is its own page
    titles.delete('Introduction')
    expect([...titles].filter((t) => !docs.has(t))).toEqual([])
    expect(docs.size).toBeGreaterThanOrEqual(20)
  })

  it('opens every story and docs page without a console error or warning', async () => {
    const { page, problems } = await watchedPage()
    const seen: string[] = []
    for (const entry of entries) {
      const before = problems.length
      await open(page, entry)
      seen.push(entry.id)
      for (const problem of problems.slice(before))
        problems[problems.indexOf(problem)] = `${entry.id}: ${problem}`
    }
    await page.close()
    expect(seen.length).toBe(entries.length)
    expect(problems).toEqual([])
  }, 600_000)

  it('describes every prop of the React components and the devtools in their props tables', async () => {
    const { page } = await watchedPage()
    const pages = [
      'components-trackedbutton--docs',
      'components-trackedlink--docs',
      'components-trackedform--docs',
      'components-trackingscope--docs',
      'components-analyticsprovider--docs',
      'components-analyticserrorboundary--docs',
      'experiments-experiment--docs',
      'devtools-analyticsdevtools--docs',
      'hooks-useexposure--docs',
    ]
    const undescribed: string[] = []
    for (const id of pages) {
      await open(page, { id, type: 'docs' })
      const rows = await page.$$eval('.docblock-argstable-body > tr', (trs) =>
        trs.map((tr) => {
          const [name, description] = [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())
          // a described row has text above its type summary
          const text = tr.querySelector('td:nth-child(2) > div:first-child')?.textContent?.trim() ?? ''
          return { name: name ?? '', description: description ?? '', text }
        }),
      )
      expect(rows.length, `${id} has a props table`).toBeGreaterThan(0)
      for (const row of rows) if (!row.text) undescribed.push(`${id}: ${row.name}`)
    }
    await page.close()
    expect(undescribed).toEqual([])
  }, 120_000)

  it('passes the controls to the story: a changed event name is what the button tracks', async () => {
    const { page, problems } = await watchedPage()
    await open(
      page,
      { id: 'components-trackedbutton--default', type: 'story' },
      'event:basket_button_clicked;children:Basket',
    )
    await page.getByRole('button', { name: 'Basket' }).click()
    const log = page.getByRole('complementary', { name: 'Events' })
    await expect.poll(() => log.innerText()).toContain('basket_button_clicked')
    expect(await log.innerText()).not.toContain('checkout_button_clicked')
    await page.close()
    expect(problems).toEqual([])
  })

  it('styles the stories’ buttons and fields with the shared stylesheet, not the browser defaults', async () => {
    const { page } = await watchedPage()
    await open(page, { id: 'components-trackedform--signup', type: 'story' })
    const looks = await page.$$eval(
      '.ik-story button, .ik-story input:not([type=checkbox]), .ik-story select',
      (els) =>
        els.map((el) => {
          const style = getComputedStyle(el)
          return { tag: el.tagName, radius: style.borderRadius, font: style.fontFamily }
        }),
    )
    expect(looks.length).toBeGreaterThanOrEqual(4)
    for (const look of looks) {
      expect(look.radius).toBe('6px')
      expect(look.font).toContain('system-ui')
    }
    await page.close()
  })

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1024, height: 640 },
    { width: 800, height: 900 },
  ]) {
    it(`keeps the devtools panel off the story's event log (${viewport.width}×${viewport.height})`, async () => {
      const { page, problems } = await watchedPage(viewport)
      await open(page, { id: 'devtools-analyticsdevtools--open', type: 'story' })
      const panel = page.locator('.ikd-panel')
      await panel.waitFor()
      // a longer log than the space above the panel: it scrolls inside its box
      for (let i = 0; i < 6; i++) await page.getByRole('button', { name: /View a product/ }).click()
      const log = page.getByRole('complementary', { name: 'Events' })
      await expect.poll(() => log.innerText()).toContain('product_viewed')
      const [logBox, panelBox, firstButton] = await Promise.all([
        log.boundingBox(),
        panel.boundingBox(),
        page.getByRole('button', { name: /View a product/ }).boundingBox(),
      ])
      if (!logBox || !panelBox || !firstButton)
        throw new Error('the log, the panel or the demo is not on screen')
      const overlaps = (a: typeof logBox, b: typeof logBox) =>
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
      expect(overlaps(logBox, panelBox), JSON.stringify({ logBox, panelBox })).toBe(false)
      expect(overlaps(firstButton, panelBox)).toBe(false)
      expect(logBox.height).toBeGreaterThan(60)
      await page.close()
      expect(problems).toEqual([])
    })
  }

  it('shows the product’s name in the manager', async () => {
    const { page, problems } = await watchedPage()
    await page.goto(`${origin}/?path=/story/introduction--overview`)
    // the sidebar's brand (the tab's title always ends in "Storybook")
    await page.locator('.sidebar-header').getByText('instrumentkit', { exact: true }).waitFor()
    const frame = page.frameLocator('#storybook-preview-iframe')
    await frame.getByRole('button', { name: 'Track a click' }).click()
    await expect
      .poll(() => frame.getByRole('complementary', { name: 'Events' }).innerText())
      .toContain('introduction_button_clicked')
    await page.close()
    // Storybook 10's own manager UI uses its PopoverProvider without the label it will require in 11
    expect(problems.filter((p) => !/'ariaLabel' prop on 'PopoverProvider'/.test(p))).toEqual([])
  })
})
