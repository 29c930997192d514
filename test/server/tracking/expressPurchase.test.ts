import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp, PurchaseError } from '../../../examples/express/app.js'
import { createCollector, createServerAnalytics, duckdbStore, toNodeHandler } from '../../../src/server.js'

const cleanup: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  cleanup.push(() => new Promise((r) => server.close(r)))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('the Express purchase endpoint of the practice, with the kit', () => {
  it('stores the purchase for the user and the browser visitor, the processing time, successes and failures by type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ik-express-'))
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
    const path = join(dir, 'events.duckdb')
    const collector = createCollector({ store: duckdbStore({ path }) })
    const collectorUrl = await listen(createServer(toNodeHandler(collector)))
    // the app and its collector in two processes' worth of separation: batches go over real HTTP
    const analytics = createServerAnalytics({ url: `${collectorUrl}/api/analytics/batch` })
    let orders = 0
    const app = createApp(analytics, {
      async charge(_userId, amount) {
        if (amount > 1_000) throw new PurchaseError('card_declined')
        return { orderId: `ord_${++orders}` }
      },
      async saveOrder() {},
    })
    const shop = await listen(createServer(app))
    const buy = (amount: number, user?: string) =>
      fetch(`${shop}/api/purchase`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: 'ik_id=anon_7f3a.sess_0123456789abcdef0123',
          ...(user && { 'x-user-id': user }),
        },
        body: JSON.stringify({ amount }),
      })
    expect((await buy(149.99, 'user_8x92j4k1')).status).toBe(200)
    expect((await buy(5_000, 'user_8x92j4k1')).status).toBe(402)
    expect((await buy(10)).status).toBe(401)
    await fetch(`${shop}/api/orders/ord_1`).then((r) => r.text())

    await analytics.shutdown()
    await collector.close()
    const store = duckdbStore({ path })
    cleanup.push(() => store.close())
    await store.init()

    const events = await store.query<Record<string, unknown>>(
      'SELECT event_name, user_id, anonymous_id, session_id, properties FROM events_unique',
    )
    expect(events.map((e) => ({ ...e, properties: JSON.parse(String(e.properties)) }))).toEqual([
      {
        event_name: 'purchase_completed',
        user_id: 'user_8x92j4k1',
        anonymous_id: 'anon_7f3a',
        session_id: 'sess_0123456789abcdef0123',
        properties: { order_id: 'ord_1', order_value: 149.99, currency: 'USD' },
      },
    ])

    const rows = await store.query<{ name: string; tags: string; n: number; value: number | null }>(
      'SELECT name, tags, sum(coalesce("count", 0)) AS n, sum(value) AS value FROM metric_points_unique GROUP BY name, tags',
    )
    const metric = (name: string) =>
      rows
        .filter((r) => r.name === name)
        .map((r) => ({ tags: JSON.parse(r.tags) as Record<string, string>, n: Number(r.n), value: r.value }))
        .sort((a, b) => JSON.stringify(a.tags).localeCompare(JSON.stringify(b.tags)))
    expect(metric('purchase.processing.ms').map((m) => [m.tags, m.n])).toEqual([
      [{ outcome: 'error' }, 1],
      [{ outcome: 'success' }, 1],
    ])
    expect(metric('purchase.success.count').map((m) => [m.tags, m.value])).toEqual([[{}, 1]])
    expect(metric('purchase.failed.count').map((m) => [m.tags, m.value])).toEqual([
      [{ error_type: 'card_declined' }, 1],
    ])
    expect(metric('payments.charge.ms').map((m) => [m.tags, m.n])).toEqual([
      [{ outcome: 'error', provider: 'stripe' }, 1],
      [{ outcome: 'success', provider: 'stripe' }, 1],
    ])
    expect(metric('payments.charge.errors').map((m) => [m.tags, m.value])).toEqual([
      [{ error_type: 'PurchaseError', provider: 'stripe' }, 1],
    ])
    expect(metric('db.query.ms').map((m) => [m.tags, m.n])).toEqual([
      [{ op: 'insert', outcome: 'success', table: 'orders' }, 1],
    ])
    expect(metric('http.server.duration.ms').map((m) => [m.tags, m.n])).toEqual([
      [{ method: 'GET', route: '/api/orders/:id', status_class: '2xx' }, 1],
      [{ method: 'POST', route: '/api/purchase', status_class: '2xx' }, 1],
      [{ method: 'POST', route: '/api/purchase', status_class: '4xx' }, 2],
    ])
  })
})
