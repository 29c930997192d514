import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, until } from './harness.mjs'
import { startPlayground } from './playgroundServer.js'

// Every page of the playground at a desktop and a phone width in real Chromium: a full-page screenshot of
// each (in .tmp/screenshots/playground, git-ignored, to look at), and the layout measured in the DOM.

const SHOTS = resolve(import.meta.dirname, '../../.tmp/screenshots/playground')

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const

interface PageCase {
  name: string
  path: string
  /** Brings the page into the state worth checking (a form sent, a table filled). */
  prepare?(page: Page): Promise<void>
}

const PAGES: PageCase[] = [
  { name: 'shop', path: '/' },
  { name: 'product', path: '/products/1' },
  { name: 'cart', path: '/cart' },
  {
    name: 'checkout',
    path: '/checkout',
    prepare: (page) => page.getByTestId('assignment').waitFor(),
  },
  { name: 'order', path: '/orders/ord_1001' },
  {
    name: 'signup',
    path: '/signup',
    // the hashed email (64 hex digits, one unbroken word) must wrap inside the collector panel
    async prepare(page) {
      await page.getByLabel('Email').fill('a.very.long.address.for.wrapping@example.org')
      await page.getByLabel('Password').fill('secret')
      await page.getByRole('button', { name: 'Sign up' }).click()
      await page.getByTestId('signed-up').waitFor()
      await page
        .getByTestId('collector-panel')
        .getByText(/email=[0-9a-f]{64}/)
        .waitFor({ timeout: 20_000 })
    },
  },
  {
    name: 'settings',
    path: '/settings',
    // the page view started the session: the identity table shows it rather than "starts with the next event"
    prepare: (page) => expect.poll(() => page.getByTestId('session-id').textContent()).toMatch(/^sess_/),
  },
  {
    name: 'lab',
    path: '/lab',
    prepare: async (page) => {
      // the collector's mode in force is the one shown pressed
      await expect
        .poll(() => page.getByRole('button', { name: /^ok/ }).getAttribute('aria-pressed'))
        .toBe('true')
      await page.getByRole('button', { name: /\/api\/products/ }).click()
      await page.getByRole('list', { name: 'Delivery attempts' }).waitFor({ timeout: 20_000 })
    },
  },
  {
    name: 'features',
    path: '/features',
    // the kit's health counters arrive with the first metrics interval
    prepare: (page) =>
      page
        .locator('h3', { hasText: 'own health' })
        .locator('xpath=following-sibling::table[1]//tr')
        .first()
        .waitFor({ timeout: 30_000 }),
  },
  {
    name: 'dashboard',
    path: '/dashboard',
    prepare: (page) => page.getByRole('heading', { name: 'Shop analytics' }).waitFor(),
  },
  { name: 'not-found', path: '/no-such-page' },
]

// the dashboard's wide tables scroll sideways inside their own panel on a phone, by design
const SCROLLS_ON_PURPOSE = '.ikdash-scroll'

// counts shown with a plural noun although there is exactly one
const SINGULAR_AS_PLURAL =
  /(?<![\d.,])1 (events|batches|duplicates|metric points|repeats|requests|products|values|bytes|sessions|attempts)\b/

let playground: Awaited<ReturnType<typeof startPlayground>> | undefined
let browser: Browser
let base: string

/** A new visitor at `viewport` with one product in the cart, so the cart and checkout have content. */
async function visitor(viewport: {
  width: number
  height: number
}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(new URL('/products/1', base).href)
  await page.getByRole('button', { name: 'Add to cart' }).click()
  return { context, page, errors }
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(new URL(path, base).href)
  await page.getByTestId('collector-panel').waitFor()
  // the collector panel has read the store at least once
  await page.locator('[data-testid="collector-panel"][data-loaded="true"]').waitFor({ timeout: 10_000 })
}

/** Elements inside the header, the page and the collector panel whose content is wider than their box. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((scrollsOnPurpose) => {
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}` +
      ` (${el.scrollWidth} > ${el.clientWidth}: "${(el.textContent ?? '').trim().slice(0, 40)}")`
    const found: string[] = []
    const root = document.documentElement
    if (root.scrollWidth > root.clientWidth)
      found.push(`the document (${root.scrollWidth} > ${root.clientWidth})`)
    for (const el of document.querySelectorAll('header, header *, .layout, .layout *')) {
      // inline boxes have no client width; a select's closed list is not content; text for screen
      // readers only is clipped to a pixel on purpose
      if (el.clientWidth === 0 || el.tagName === 'SELECT' || el.matches(scrollsOnPurpose)) continue
      const style = getComputedStyle(el)
      if (style.clip !== 'auto' || style.clipPath !== 'none') continue
      if (el.scrollWidth > el.clientWidth + 1) found.push(describe(el))
    }
    return found
  }, SCROLLS_ON_PURPOSE)
}

/** Checkboxes and radios whose label text does not start on the box's line, right after it. */
function labelsApart(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    for (const input of document.querySelectorAll<HTMLInputElement>(
      'input[type=checkbox], input[type=radio]',
    )) {
      const box = input.getBoundingClientRect()
      if (box.width === 0) continue
      const label = input.labels?.[0]
      if (!label) {
        found.push(`${input.name || input.type}: no label`)
        continue
      }
      const range = document.createRange()
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT)
      let first: DOMRect | undefined
      for (let node = walker.nextNode(); node && !first; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue
        range.selectNodeContents(node)
        first = [...range.getClientRects()].find((r) => r.width > 0)
      }
      const text = label.textContent?.trim() ?? ''
      const middle = box.top + box.height / 2
      if (
        !first ||
        middle < first.top ||
        middle > first.bottom ||
        first.left < box.right ||
        first.left - box.right > 24
      )
        found.push(`"${text}": box at (${box.left}, ${box.top}), text at (${first?.left}, ${first?.top})`)
    }
    return found
  })
}

/** How many lines the header's links take. */
function navLines(page: Page): Promise<number> {
  return page.evaluate(() => {
    const tops = [...document.querySelectorAll('header nav a')].map((a) =>
      Math.round(a.getBoundingClientRect().top),
    )
    return new Set(tops).size
  })
}

/**
 * The parts of the devtools on screen (their button and, when open, their panel) that cover the collector
 * panel; measured in one go with the scroll, so no re-render comes in between.
 */
function devtoolsOverCollector(page: Page, scroll: 'top' | 'end' | 'middle'): Promise<string[]> {
  return page.evaluate((scroll) => {
    const end = document.documentElement.scrollHeight
    window.scrollTo(0, scroll === 'top' ? 0 : scroll === 'end' ? end : end / 2)
    const collector = document.querySelector('[data-testid="collector-panel"]')?.getBoundingClientRect()
    const shadow = document.querySelector('[data-instrumentkit-devtools]')?.shadowRoot
    if (!collector || !shadow) return [`collector panel or devtools missing`]
    const found: string[] = []
    for (const part of shadow.querySelectorAll('button[aria-expanded], [role="dialog"]')) {
      const box = part.getBoundingClientRect()
      const covers =
        box.width > 0 &&
        box.left < collector.right &&
        collector.left < box.right &&
        box.top < collector.bottom &&
        collector.top < box.bottom
      if (covers)
        found.push(
          `${part.getAttribute('aria-label')} (${box.left}, ${box.top}, ${box.width} × ${box.height}) over ` +
            `the collector panel (${collector.left}, ${collector.top}, ${collector.width} × ${collector.height})`,
        )
    }
    return found
  }, scroll)
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  playground = await startPlayground()
  base = playground.base
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await playground?.close()
})

describe('the playground laid out at desktop and phone widths, in Chromium', () => {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    it(`shows every page at ${viewport.width} px without overflow, detached labels, raw {} or "1 batches"`, async () => {
      const { context, page, errors } = await visitor(viewport)
      try {
        for (const { name, path, prepare } of PAGES) {
          await open(page, path)
          await prepare?.(page)
          // devtools loaded (lazily) before their position is measured
          await page.getByRole('button', { name: /instrumentkit devtools/ }).waitFor()
          await page.screenshot({ path: resolve(SHOTS, `${width}-${name}.png`), fullPage: true })
          const where = `${name} at ${viewport.width} px`

          // soft: one run lists every problem of every page
          expect.soft(await overflowing(page), where).toEqual([])
          expect.soft(await labelsApart(page), where).toEqual([])
          // what is rendered, not what is in the DOM: a closed <details> holds the raw JSON on purpose
          // biome-ignore lint/performance/useDomNodeTextContent: rendered text is what the visitor reads
          const text = await page.locator('body').innerText()
          expect.soft(text, where).not.toMatch(/\{\s*\}/)
          expect.soft(text, where).not.toMatch(SINGULAR_AS_PLURAL)
          expect.soft(await navLines(page), where).toBeLessThanOrEqual(viewport.width < 600 ? 2 : 1)

          // beside the page, the collector panel stays clear of the devtools wherever the page is
          // scrolled; on a phone it scrolls past their button like everything else, and the page leaves
          // room below it so its last events can be read clear of the button
          if (viewport.width > 900)
            expect.soft(await devtoolsOverCollector(page, 'top'), `${where}, top of the page`).toEqual([])
          expect.soft(await devtoolsOverCollector(page, 'end'), `${where}, scrolled to the end`).toEqual([])
        }
        expect(errors).toEqual([])
      } finally {
        await context.close()
      }
    }, 240_000)
  }

  it('says "1 batch" when the collector has received exactly one', async () => {
    const api = (path: string, body?: unknown) =>
      fetch(new URL(path, base), {
        method: body === undefined ? 'GET' : 'POST',
        ...(body !== undefined && {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      })
    const stored = async () =>
      ((await (await api('/api/analytics/received')).json()) as { batches: number }).batches
    const { context, page } = await visitor(VIEWPORTS.desktop)
    try {
      // hold the count at one: clear it, let one batch in, then refuse the ones after it
      for (let tries = 0; ; tries++) {
        await api('/api/analytics/reset', {})
        await page.getByRole('link', { name: tries % 2 ? 'Shop' : 'Settings', exact: true }).click()
        await until(async () => (await stored()) >= 1, 15_000, 'a batch')
        await api('/api/analytics/mode', { mode: 'down' })
        if ((await stored()) === 1 || tries === 4) break
      }
      expect(await stored()).toBe(1)
      await expect.poll(() => page.getByTestId('received-batches').textContent()).toBe('1 batch')
    } finally {
      await api('/api/analytics/mode', { mode: 'ok' })
      await context.close()
    }
  }, 90_000)

  it('groups the collector panel by session, each with its own seq', async () => {
    const first = await visitor(VIEWPORTS.desktop)
    const second = await visitor(VIEWPORTS.desktop)
    try {
      await open(second.page, '/')
      const groups = second.page.getByTestId('received-session')
      await until(async () => (await groups.count()) >= 2, 15_000, 'two sessions in the panel')
      const sessions = await groups.evaluateAll((items) =>
        items.map((item) => ({
          head: item.querySelector('.session-head')?.textContent ?? '',
          seqs: [...item.querySelectorAll('.meta')]
            .map((meta) => /^#(\d+)/.exec(meta.textContent ?? '')?.[1])
            .filter((seq) => seq !== undefined)
            .map(Number),
        })),
      )
      const heads = sessions.map((s) => /session (\w+)/.exec(s.head)?.[1])
      expect(new Set(heads).size).toBe(sessions.length)
      expect(sessions.filter((s) => s.head.includes('(this tab)'))).toHaveLength(1)
      for (const { seqs } of sessions) {
        // newest first, each number once within its session
        expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
        expect(new Set(seqs).size).toBe(seqs.length)
      }
    } finally {
      await first.context.close()
      await second.context.close()
    }
  }, 60_000)

  it('keeps analytics refused after a reload, and sends nothing for it', async () => {
    const { context, page, errors } = await visitor(VIEWPORTS.phone)
    try {
      await open(page, '/settings')
      await page.getByRole('button', { name: 'Refuse analytics' }).click()
      await expect.poll(() => page.getByTestId('consent').textContent()).toBe('denied')
      const anonymousId = (await page.getByTestId('anonymous-id').textContent()) ?? ''

      await page.reload()
      await expect.poll(() => page.getByTestId('consent').textContent()).toBe('denied')
      await expect
        .poll(() => page.getByRole('button', { name: 'Refuse analytics' }).getAttribute('aria-pressed'))
        .toBe('true')
      // a page viewed after the reload: with consent still refused it never reaches the collector
      await page.getByRole('link', { name: 'Failure lab' }).click()
      await page.getByRole('heading', { name: 'Failure lab' }).waitFor()
      // batches leave every two seconds: had the page view been sent, it would be stored by now
      await page.waitForTimeout(3_000)
      const { events } = (await (await fetch(new URL('/api/analytics/received', base))).json()) as {
        events: { anonymous_id: string; event_name: string; properties: Record<string, unknown> }[]
      }
      const labViews = events.filter(
        (e) =>
          e.anonymous_id === anonymousId && e.event_name === 'page_viewed' && e.properties.page === 'lab',
      )
      expect(labViews).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  }, 60_000)

  it('keeps a refusal made in the devtools after a reload too', async () => {
    const { context, page, errors } = await visitor(VIEWPORTS.desktop)
    try {
      await open(page, '/settings')
      await page.getByRole('button', { name: 'Open instrumentkit devtools' }).click()
      await page.getByRole('tab', { name: 'Consent & identity' }).click()
      await page.getByRole('button', { name: 'Deny consent' }).click()
      await page.reload()
      // the settings page's own line, not the devtools' copy of it
      await expect.poll(() => page.locator('main').getByTestId('consent').textContent()).toBe('denied')
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  }, 60_000)

  it('docks the open devtools below the collector panel on a wide, tall screen', async () => {
    const { context, page } = await visitor({ width: 1440, height: 1000 })
    try {
      await open(page, '/features')
      await page.getByRole('dialog', { name: 'instrumentkit devtools' }).waitFor()
      await page.screenshot({ path: resolve(SHOTS, 'wide-features.png') })
      expect(await devtoolsOverCollector(page, 'top'), 'top of the page').toEqual([])
      expect(await devtoolsOverCollector(page, 'middle'), 'scrolled half way').toEqual([])
    } finally {
      await context.close()
    }
  }, 60_000)

  it('tells a visitor forced into a flow by the URL that their events carry no context.experiments', async () => {
    const { context, page } = await visitor(VIEWPORTS.desktop)
    try {
      await open(page, '/orders/ord_1?checkout_flow=1')
      await expect
        .poll(() => page.getByTestId('order-experiment').textContent())
        .toMatch(/forced it.*no context\.experiments/s)
      await open(page, '/orders/ord_1')
      await expect
        .poll(() => page.getByTestId('order-experiment').textContent())
        .toMatch(/context\.experiments says checkout_flow = (control|treatment)/)
    } finally {
      await context.close()
    }
  }, 60_000)
})
