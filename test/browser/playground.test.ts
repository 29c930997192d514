import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { checkoutFlow } from '../../playground/src/experiments.js'
import { createAnalytics, experimentsOf } from '../../src/index.js'
import { launchChromium } from './harness.mjs'
import { startPlayground } from './playgroundServer.js'

// The playground shop end to end: its dev server (with the collector) in-process, real Chromium
// clicking through the checkout, and the collector's deduplicated store as the source of truth.

interface Received {
  batches: number
  duplicates: number
  events: {
    event_name: string
    message_id: string
    anonymous_id: string
    session_id: string
    seq: number
    properties: Record<string, unknown>
    context: { experiments?: Record<string, string> }
  }[]
}

type Variation = (typeof checkoutFlow.variations)[number]

let playground: Awaited<ReturnType<typeof startPlayground>> | undefined
let browser: Browser
let base: string
// the localStorage key under which the kit keeps the anonymous id
let anonymousIdKey: string
const pageErrors: string[] = []
let visitors = 0

const received = async (): Promise<Received> =>
  (await fetch(new URL('/api/analytics/received', base))).json() as Promise<Received>

/** A new anonymous id that the kit's own assignment hashes into `variation`. */
function visitorIn(variation: Variation): string {
  for (;;) {
    const id = `e2e-${variation}-${++visitors}`
    const client = createAnalytics({ storage: false, anonymousId: id })
    const assignment = experimentsOf(client).assign(checkoutFlow)
    void client.shutdown()
    if (assignment.reason === 'hashed' && assignment.variation === variation) return id
  }
}

/** A new browser context whose visitor already has `anonymousId`, like a returning visitor. */
async function openAs(anonymousId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.addInitScript(([key, id]) => localStorage.setItem(key, id), [
    anonymousIdKey,
    anonymousId,
  ] as const)
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  return page
}

/** Shop → product → cart → checkout in the flow the page shows → confirmation; returns the order id. */
async function buyTrailShoes(page: Page, query: string, flow: Variation): Promise<string> {
  await page.goto(new URL(`/${query}`, base).href)
  await page.getByTestId('product-card').first().waitFor()
  // impressions need the card on screen for a second
  await page.waitForTimeout(1_300)
  await page.getByTestId('product-card').filter({ hasText: 'Trail running shoes' }).click()
  await page.getByRole('button', { name: 'Add to cart' }).click()
  await page.getByRole('button', { name: 'Go to cart →' }).click()
  await page.getByRole('button', { name: 'Checkout' }).click()
  if (flow === 'control') {
    await page.getByRole('region', { name: 'Classic checkout' }).waitFor()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Place order' }).click()
  } else {
    await page.getByRole('region', { name: 'One-page checkout' }).waitFor()
    await page.getByRole('button', { name: /^Place order/ }).click()
  }
  return (await page.getByTestId('order-id').textContent()) ?? ''
}

/**
 * Waits until the collector holds this visitor's `purchase_completed`, then closes the page: leaving
 * must not send again what was already delivered, and anything sent twice (a retry after a lost answer,
 * a page-exit resend) shows up in the collector's duplicate count by the time this returns.
 */
async function deliveredFor(page: Page, anonymousId: string): Promise<Received> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    const body = await received()
    if (body.events.some((e) => e.anonymous_id === anonymousId && e.event_name === 'purchase_completed'))
      break
    await new Promise((r) => setTimeout(r, 200))
  }
  await page.context().close()
  await new Promise((r) => setTimeout(r, 1_500))
  return received()
}

const named = (events: Received['events'], name: string) => events.filter((e) => e.event_name === name)

beforeAll(async () => {
  playground = await startPlayground()
  base = playground.base
  browser = await launchChromium()
  // learn where the kit keeps the anonymous id from a first visit, rather than hard-coding its key
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(new URL('/settings', base).href)
  const shown = await page.getByTestId('anonymous-id').textContent()
  anonymousIdKey = await page.evaluate(
    (id) => Object.keys(localStorage).find((k) => localStorage.getItem(k) === id) ?? '',
    shown,
  )
  await context.close()
  expect(anonymousIdKey).not.toBe('')
}, 60_000)

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([])
})

afterAll(async () => {
  await browser?.close()
  await playground?.close()
})

describe('the playground shop, end to end in Chromium', () => {
  for (const flow of checkoutFlow.variations) {
    it(`delivers every event of a ${flow} checkout to the collector exactly once`, async () => {
      const visitor = visitorIn(flow)
      const before = await received()
      const page = await openAs(visitor)
      const orderId = await buyTrailShoes(page, '', flow)
      expect(orderId).toMatch(/^ord_\d+$/)
      const after = await deliveredFor(page, visitor)
      const mine = after.events.filter((e) => e.anonymous_id === visitor)

      expect(after.duplicates - before.duplicates).toBe(0)
      expect(named(mine, 'page_viewed').map((e) => e.properties.page)).toEqual([
        'shop',
        'product',
        'cart',
        'checkout',
        'order',
      ])
      const seen = named(mine, 'product_seen').map((e) => e.properties.product_id)
      expect(seen.length).toBeGreaterThan(0)
      expect(new Set(seen).size).toBe(seen.length)
      expect(named(mine, 'product_viewed').map((e) => e.properties.product_id)).toEqual([1])
      expect(named(mine, 'product_added').map((e) => e.properties.product_id)).toEqual([1])
      expect(named(mine, 'checkout_started')).toHaveLength(1)
      // one session, each sequence number once: nothing was tracked twice
      expect(new Set(mine.map((e) => e.session_id)).size).toBe(1)
      expect(new Set(mine.map((e) => e.seq)).size).toBe(mine.length)
      // the checkout's page view comes before what happens on the page
      const checkoutView = named(mine, 'page_viewed').find((e) => e.properties.page === 'checkout')
      const firstStep = named(mine, 'checkout_step_viewed')[0]
      expect(checkoutView!.seq).toBeLessThan(firstStep!.seq)
      const steps = flow === 'control' ? ['shipping', 'payment', 'review'] : ['details']
      expect(named(mine, 'checkout_step_viewed').map((e) => e.properties.step_name)).toEqual(steps)
      expect(named(mine, 'checkout_step_completed').map((e) => e.properties.step_name)).toEqual(steps)

      const exposures = named(mine, 'experiment_exposed')
      expect(exposures).toHaveLength(1)
      expect(exposures[0]?.properties).toMatchObject({
        experiment_key: 'checkout_flow',
        variation_name: flow,
      })

      for (const name of ['checkout_completed', 'purchase_completed']) {
        const [event, ...more] = named(mine, name)
        expect(more).toHaveLength(0)
        expect(event?.properties.order_id).toBe(orderId)
        expect(event?.context.experiments?.checkout_flow).toBe(flow)
      }
    }, 40_000)
  }

  it('shows a variation forced by the URL but keeps that visitor out of the experiment', async () => {
    const visitor = visitorIn('control')
    const before = await received()
    const page = await openAs(visitor)
    const orderId = await buyTrailShoes(page, '?checkout_flow=1', 'treatment')
    const after = await deliveredFor(page, visitor)
    const mine = after.events.filter((e) => e.anonymous_id === visitor)

    expect(after.duplicates - before.duplicates).toBe(0)
    expect(named(mine, 'experiment_exposed')).toHaveLength(0)
    const [completed] = named(mine, 'checkout_completed')
    expect(completed?.properties.order_id).toBe(orderId)
    expect(completed?.context.experiments?.checkout_flow).toBeUndefined()
    expect(named(mine, 'checkout_step_viewed').map((e) => e.properties.step_name)).toEqual(['details'])
  }, 40_000)
})
