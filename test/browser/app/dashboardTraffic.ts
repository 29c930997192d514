// Traffic for the dashboard's browser test, written in the wire format and sent through the real
// collector: a week of users on a funnel, a checkout experiment, signups and orders, request and
// dependency metrics with errors, a lagging queue, some duplicates and bots. The numbers the views must
// show are counted here, from the same plan, without any SQL.

import type { AnalyticsEvent, JsonValue, MetricPoint } from '../../../src/index.js'

const DAY = 86_400_000
const HOUR = 3_600_000
const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'

/** An event on the wire; the context is what a test chooses to send (the user agent, mostly). */
type WireEvent = Omit<AnalyticsEvent, 'context'> & { context: Record<string, unknown> }
type WireMetric = MetricPoint & { id: string }

/** The planned traffic and what each view must show for it. */
export interface DashboardTraffic {
  events: WireEvent[]
  metrics: WireMetric[]
  /** Events sent a second time, with the same message_id. */
  duplicates: WireEvent[]
  expected: {
    funnel: { steps: string[]; users: number[] }
    experiment: {
      key: string
      variants: { name: string; units: number; conversions: number; revenue: number }[]
    }
    bots: number
    duplicates: number
    errorMessage: string
    errorCount: number
    requests: number
    serverErrors: number
    todaySignups: number
  }
}

/** A small deterministic generator, so every run sends the same traffic. */
function random(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Builds the traffic of the last 7 days ending at `now` (epoch ms). */
export function dashboardTraffic(now: number, users = 600): DashboardTraffic {
  const rand = random(42)
  const events: WireEvent[] = []
  let ids = 0
  const id = () => `dash-${(++ids).toString(36).padStart(6, '0')}-${Math.floor(rand() * 1e9).toString(36)}`
  const steps = ['page_viewed', 'product_added', 'checkout_started', 'checkout_completed']
  const funnelUsers = [0, 0, 0, 0]
  const variants = [
    { name: 'control', units: 0, conversions: 0, revenue: 0 },
    { name: 'treatment', units: 0, conversions: 0, revenue: 0 },
  ]
  let todaySignups = 0
  const startOfToday = Math.floor(now / DAY) * DAY

  for (let u = 0; u < users; u++) {
    const user = `user_${u}`
    const anon = `anon_${u}`
    const session = `sess_${u}`
    // spread first visits over the last six days, and put the last sixth of users in the past hour
    const start =
      u % 6 === 5 ? now - HOUR + (u % 50) * 60_000 : now - (1 + (u % 6)) * DAY + (u % 20) * 600_000
    let seq = 0
    let t = start
    const push = (event_name: string, properties: Record<string, JsonValue>, at = t) =>
      events.push({
        event_name,
        message_id: id(),
        timestamp: new Date(at).toISOString(),
        user_id: user,
        anonymous_id: anon,
        session_id: session,
        seq: ++seq,
        properties,
        context: { platform: 'web', user_agent: CHROME, page: { path: '/' } },
      })
    push('page_viewed', { page: 'shop' })
    funnelUsers[0]!++
    const variant = variants[u % 2]!
    t += 5_000
    push('experiment_exposed', {
      experiment_key: 'checkout_flow',
      variation_name: variant.name,
      variation_index: u % 2,
    })
    variant.units++
    if (rand() < 0.3) {
      t += 20_000
      push('signup_completed', { plan: rand() < 0.5 ? 'free' : 'team' })
      if (t >= startOfToday) todaySignups++
    }
    // treatment converts more often: the effect the experiment view must find
    const pAdd = 0.6
    const pStart = 0.7
    const pBuy = variant.name === 'treatment' ? 0.75 : 0.45
    if (rand() < pAdd) {
      t += 60_000
      push('product_added', { product_id: 1 + (u % 6) })
      funnelUsers[1]!++
      if (rand() < pStart) {
        t += 90_000
        push('checkout_started', {})
        funnelUsers[2]!++
        if (rand() < pBuy) {
          t += 120_000
          const value = 40 + (u % 5) * 20
          push('checkout_completed', { order_id: `ord_${u}`, order_value: value, currency: 'USD' })
          funnelUsers[3]!++
          variant.conversions++
          variant.revenue += value
        }
      }
    }
    // a later visit on another day, for retention
    if (u % 3 === 0 && start + DAY < now) push('page_viewed', { page: 'shop' }, start + DAY + 3_600_000)
  }

  const errorMessage = 'Payment gateway timeout'
  const errorCount = 12
  for (let i = 0; i < errorCount; i++)
    events.push({
      event_name: 'error_occurred',
      message_id: id(),
      timestamp: new Date(now - 20 * 60_000 + i * 60_000).toISOString(),
      user_id: `user_${i}`,
      anonymous_id: `anon_${i}`,
      session_id: `sess_err_${i}`,
      seq: 1,
      properties: { message: errorMessage, error_name: 'TimeoutError', mechanism: 'onerror' },
      context: { platform: 'web', user_agent: CHROME },
    })

  const bots = 15
  for (let b = 0; b < bots; b++)
    events.push({
      event_name: 'page_viewed',
      message_id: id(),
      timestamp: new Date(now - 30 * 60_000).toISOString(),
      user_id: null,
      anonymous_id: `bot_${b}`,
      session_id: `bot_sess_${b}`,
      seq: 1,
      properties: { page: 'shop' },
      context: { platform: 'web', user_agent: BOT },
    })

  // one duplicate in every twenty events, as a client resending after a lost answer would
  const duplicates = events.filter((_, i) => i % 20 === 7)

  // request metrics of the last hour, one histogram point per minute and route
  const metrics: WireMetric[] = []
  const bounds = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000]
  let requests = 0
  let serverErrors = 0
  for (let m = 0; m < 55; m++) {
    const start = new Date(now - HOUR + m * 60_000).toISOString()
    const end = new Date(now - HOUR + (m + 1) * 60_000).toISOString()
    const point = (
      name: string,
      tags: Record<string, string>,
      count: number,
      buckets: number[],
      sum: number,
    ) =>
      metrics.push({
        id: id(),
        name,
        type: 'histogram',
        tags,
        start,
        end,
        count,
        sum,
        min: 5,
        max: 4000,
        bounds,
        buckets,
      })
    point(
      'http.server.duration.ms',
      { route: '/api/products', method: 'GET', status_class: '2xx' },
      600,
      [60, 240, 200, 80, 15, 4, 1, 0, 0, 0],
      600 * 30,
    )
    point(
      'http.server.duration.ms',
      { route: '/api/checkout', method: 'POST', status_class: '2xx' },
      40,
      [0, 0, 2, 10, 18, 6, 3, 1, 0, 0],
      40 * 260,
    )
    point(
      'http.server.duration.ms',
      { route: '/api/checkout', method: 'POST', status_class: '5xx' },
      3,
      [0, 0, 0, 0, 0, 0, 0, 1, 2, 0],
      3 * 3000,
    )
    requests += 643
    serverErrors += 3
    point(
      'payments.charge.duration.ms',
      { outcome: 'success' },
      40,
      [0, 0, 0, 0, 5, 20, 10, 5, 0, 0],
      40 * 700,
    )
    point('payments.charge.duration.ms', { outcome: 'error' }, 4, [0, 0, 0, 0, 0, 0, 0, 0, 1, 3], 4 * 6000)
    metrics.push({
      id: id(),
      name: 'queue.lag.ms',
      type: 'gauge',
      tags: { queue: 'orders' },
      start,
      end,
      value: 90_000 + m * 1000,
    })
    metrics.push({
      id: id(),
      name: 'queue.depth.count',
      type: 'gauge',
      tags: { queue: 'orders' },
      start,
      end,
      value: 300 + m * 10,
    })
  }

  return {
    events,
    metrics,
    duplicates,
    expected: {
      funnel: { steps, users: funnelUsers },
      experiment: { key: 'checkout_flow', variants },
      bots,
      duplicates: duplicates.length,
      errorMessage,
      errorCount,
      requests,
      serverErrors,
      todaySignups,
    },
  }
}
