// biome-ignore-all lint/performance/useDomNodeTextContent: these tests read the rendered text, as a person sees it
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchChromium } from './harness.mjs'
import { startPlayground } from './playgroundServer.js'

// The playground's Dashboard page reads the live store: a purchase made in the shop shows up in the
// funnel and the checkout experiment after a refresh, without reloading the page.

const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
let playground: Awaited<ReturnType<typeof startPlayground>> | undefined
let browser: Browser
let base: string
const pageErrors: string[] = []

beforeAll(async () => {
  playground = await startPlayground()
  base = playground.base
  // headless Chromium names itself in its user agent (beacons included), and the collector rightly
  // files such visits as bots, which reports leave out
  browser = await launchChromium({ args: [`--user-agent=${CHROME}`] })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await playground?.close()
})

/** A new visitor buys the trail shoes in whichever checkout the experiment shows them. */
async function buyAsNewVisitor() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(new URL('/', base).href)
  await page.getByTestId('product-card').filter({ hasText: 'Trail running shoes' }).click()
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await page.getByRole('button', { name: 'Go to cart →' }).click()
  await page.getByRole('button', { name: 'Checkout' }).click()
  const classic = page.getByRole('region', { name: 'Classic checkout' })
  const onePage = page.getByRole('region', { name: 'One-page checkout' })
  await classic.or(onePage).waitFor()
  if (await classic.isVisible()) {
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Place order' }).click()
  } else await page.getByRole('button', { name: /^Place order/ }).click()
  await page.getByTestId('order-id').waitFor()
  // leaving sends what is still queued; the collector's answer means it is in the store
  await page.goto('about:blank')
  await context.close()
}

const stepUsers = async (page: Page) =>
  (await page.getByRole('list', { name: 'Funnel steps' }).getByRole('listitem').allInnerTexts()).map((item) =>
    Number(/([\d,]+) users?\b/.exec(item)?.[1]?.replace(/,/g, '') ?? Number.NaN),
  )

it('shows the shop’s purchases in the funnel and the checkout experiment, and updates on refresh', async () => {
  await buyAsNewVisitor()
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(new URL('/dashboard', base).href)
  await page.getByRole('heading', { name: 'Shop analytics' }).waitFor()

  await page
    .getByRole('navigation', { name: 'Dashboard sections' })
    .getByRole('button', { name: 'Funnel' })
    .click()
  const list = page.getByRole('list', { name: 'Funnel steps' })
  await expect
    .poll(async () => (await list.isVisible()) && (await stepUsers(page))[3], { timeout: 20_000 })
    .toBe(1)
  expect(await stepUsers(page)).toEqual([1, 1, 1, 1])

  await buyAsNewVisitor()
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: 'Refresh Funnel' }).click()
        await page.waitForTimeout(500)
        return (await stepUsers(page))[3]
      },
      { timeout: 20_000 },
    )
    .toBe(2)

  await page
    .getByRole('navigation', { name: 'Dashboard sections' })
    .getByRole('button', { name: 'Experiments' })
    .click()
  const row = page.getByRole('row', { name: /checkout_flow/ })
  await row.waitFor()
  // the two visitors are hashed into either variation, so read each one's count (a variation may have none)
  const text = await row.innerText()
  const units = [...text.matchAll(/(control|treatment) ([\d,]+)/g)].map((m) =>
    Number(m[2]!.replace(/,/g, '')),
  )
  expect(units.length).toBeGreaterThan(0)
  expect(units.reduce((a, b) => a + b, 0)).toBe(2)
  await context.close()
  expect(pageErrors).toEqual([])
})
