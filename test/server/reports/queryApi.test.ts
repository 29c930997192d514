import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCollector } from '../../../src/server/collector/createCollector.js'
import { toNodeHandler } from '../../../src/server/collector/toNodeHandler.js'
import type { ExperimentReport, FunnelReport } from '../../../src/server/reports/types.js'
import { openTestDuckdb } from './reportStore.js'

const PORT = 18_821
const BASE = `http://127.0.0.1:${PORT}/api/analytics`
const TOKEN = 'rt_reports_test'
const T0 = Date.UTC(2026, 11, 5, 10)
const UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

describe('query API over HTTP', () => {
  let server: Server
  let collector: ReturnType<typeof createCollector>
  beforeAll(async () => {
    const store = await openTestDuckdb()
    collector = createCollector({
      store,
      readToken: TOKEN,
      now: () => T0 + 3_600_000,
      experiments: [{ key: 'checkout_flow', variations: ['control', 'one_page'] }],
    })
    await collector.ready
    server = createServer(toNodeHandler(collector))
    await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve))
    // what browsers send: two visitors, one converting after seeing the one-page checkout
    const events = [
      ['a', 'product_viewed', 0, {}],
      ['a', 'experiment_exposed', 1, { experiment_key: 'checkout_flow', variation_name: 'one_page' }],
      ['a', 'checkout_completed', 2, { order_value: 30 }],
      ['b', 'product_viewed', 0, {}],
      ['b', 'experiment_exposed', 1, { experiment_key: 'checkout_flow', variation_name: 'control' }],
    ].map(([anon, name, minutes, properties], i) => ({
      event_name: name,
      message_id: `m${i}`,
      anonymous_id: anon,
      session_id: `s_${anon}`,
      timestamp: new Date(T0 + (minutes as number) * 60_000).toISOString(),
      properties,
      // Node's own user agent would be flagged as a bot and left out of every report
      context: { user_agent: UA },
    }))
    const response = await fetch(`${BASE}/batch`, {
      method: 'POST',
      body: JSON.stringify({ sent_at: new Date(T0 + 3_600_000).toISOString(), events }),
    })
    expect(response.status).toBe(200)
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    await collector.close()
  })

  const get = (path: string, token: string | null = TOKEN) =>
    fetch(`${BASE}/query/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })

  it('answers a report as JSON to the read token', async () => {
    const response = await get('experiment?key=checkout_flow&metric=checkout_completed&value=order_value')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    const body = (await response.json()) as ExperimentReport
    expect(body.variants.map((v) => [v.name, v.units, v.conversions, v.revenue])).toEqual([
      ['control', 1, 0, 0],
      ['one_page', 1, 1, 30],
    ])
    const funnel = (await (
      await get('funnel?steps=product_viewed,checkout_completed&from=2026-12-05')
    ).json()) as FunnelReport
    expect(funnel.steps.map((s) => s.users)).toEqual([2, 1])
  })

  it('refuses without the token, names a wrong parameter, and does not know other reports', async () => {
    expect((await get('overview', null)).status).toBe(401)
    expect((await get('overview', 'wrong')).status).toBe(401)
    const bad = await get('funnel?steps=only_one')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(/^steps must list/)
    const badDate = await get('quality?from=last+week')
    expect(badDate.status).toBe(400)
    expect(((await badDate.json()) as { error: string }).error).toMatch(/^from must be an ISO-8601/)
    expect((await get('revenue_forecast')).status).toBe(404)
  })
})
