import { parseArgs } from 'node:util'
import { createAnalytics } from '../core/createAnalytics.js'
import type { Transport } from '../delivery/types.js'
import { defineExperiment } from '../experiments/defineExperiment.js'
import { withExperiments } from '../experiments/withExperiments.js'
import { withMetrics } from '../metrics/withMetrics.js'
import { createCollector } from '../server/collector/createCollector.js'
import { SERVER_METRICS } from '../server/middleware/serverMetrics.js'
import { WEB_VITAL_METRIC_NAMES } from '../server/reports/overview.js'
import type { ReportedExperiment } from '../server/reports/reportContext.js'
import type { Store } from '../server/stores/types.js'
import { collectorTransport } from '../server/tracking/collectorTransport.js'
import { createServerAnalytics } from '../server/tracking/createServerAnalytics.js'
import { openStore } from './serve.js'

export const DEMO_HELP = `Usage: instrumentkit demo [options]

Fills a store with realistic traffic made by the real client pipeline: visitors over several days,
a shop funnel, a checkout experiment with a known true effect, server-side purchases, request metrics
with errors and a slow payment provider, redelivered copies, bots, late and clock-skewed clients.

Options:
  --users <n>         visitors (default 300)
  --days <n>          days of traffic ending now (default 14)
  --db <path>         DuckDB file (default .instrumentkit/events.duckdb)
  --clickhouse <url>  fill ClickHouse instead, e.g. http://127.0.0.1:8123/analytics
  --seed <n>          random seed, for the same traffic again (default 1)
  -h, --help          show this help

Then: instrumentkit serve --db <path>, and open the dashboard.
`

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** The demo's experiment: the new one-page checkout against the current one, planned for 14 days. */
export const DEMO_EXPERIMENT: ReportedExperiment = {
  ...defineExperiment({ key: 'checkout_flow', variations: ['control', 'one_page'] }),
  plannedDays: 14,
}

/** The true checkout completion rate of each variant: what the experiment report should find. */
export const DEMO_TRUE_RATES = { control: 0.4, one_page: 0.48 } as const

/** Options of `runDemo`. */
export interface DemoOptions {
  users: number
  days: number
  seed: number
  /** The end of the simulated period (default now). */
  now?: number
  /** Close the collector and the store when done (default false: the caller keeps reading the store). */
  close?: boolean
  log?: (line: string) => void
}

/** What `runDemo` generated. */
export interface DemoSummary {
  visitors: number
  sessions: number
  eventsTracked: number
  serverEvents: number
  from: string
  to: string
}

const DESKTOP_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const MAC_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'
const MOBILE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
const BOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'
const PRODUCTS = ['mug', 'notebook', 'backpack', 'lamp', 'headphones', 'poster', 'scarf', 'bottle']
const ERRORS = ['Payment gateway timeout', "Cannot read properties of undefined (reading 'price')"]

function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * Generates the demo traffic into `store` through a collector, with a simulated clock: browser visitors
 * are real `createAnalytics` clients (experiments and metrics installed) delivering through
 * `collectorTransport`, purchases are confirmed by a `createServerAnalytics` client, and request and
 * dependency timings are recorded under the names the server middleware uses.
 */
export async function runDemo(store: Store, options: DemoOptions): Promise<DemoSummary> {
  const log = options.log ?? (() => {})
  const random = seeded(options.seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const between = (low: number, high: number) => low + random() * (high - low)
  const end = Math.floor((options.now ?? Date.now()) / 60_000) * 60_000
  const start = Math.floor((end - options.days * DAY) / HOUR) * HOUR
  let clock = start
  const collector = createCollector({
    store,
    now: () => clock,
    experiments: [DEMO_EXPERIMENT],
    readToken: false,
  })
  await collector.ready
  const transport = collectorTransport(collector)
  // bodies handed to the collector, some of which a client "replays" days later (a restored queue after a
  // crash): past the collector's dedup window, so only the reports' query-time dedup counts them once
  const replays: { at: number; body: string }[] = []
  const recording: Transport = {
    name: 'demo',
    async send(batch, body = JSON.stringify(batch)) {
      if (random() < 0.02) replays.push({ at: clock + between(2, 4) * DAY, body })
      return transport.send(batch, body)
    },
  }
  const server = createServerAnalytics({ collector, batch: { intervalMs: 60_000 } })

  interface Visitor {
    index: number
    firstDay: number
    loyalty: number
    bot: boolean
    skewMs: number
    offlineUntil: number
    signedUp: boolean
    client?: ReturnType<typeof makeClient>
  }
  const makeClient = (v: Visitor) =>
    createAnalytics({
      transport: recording,
      storage: false,
      persistence: false,
      pageExit: false,
      naming: 'off',
      now: () => clock + v.skewMs,
      batch: { intervalMs: 10 * DAY, maxEvents: 500 },
      context: {
        platform: 'web',
        user_agent: v.bot ? BOT_UA : v.index % 3 === 0 ? MOBILE_UA : v.index % 3 === 1 ? DESKTOP_UA : MAC_UA,
        locale: 'en-US',
        timezone: 'Europe/Berlin',
      },
      experiments: withExperiments(),
      metrics: withMetrics({ intervalMs: HOUR }),
    })
  const visitors: Visitor[] = Array.from({ length: options.users }, (_, index) => ({
    index,
    firstDay: Math.floor(random() ** 1.5 * options.days),
    loyalty: between(0.1, 0.6),
    bot: index % 40 === 39,
    // a few clients' clocks are off by minutes or hours; the collector corrects them from sent_at
    skewMs: random() < 0.06 ? Math.round(between(-3, 3) * (random() < 0.5 ? 60_000 : HOUR)) : 0,
    offlineUntil: 0,
    signedUp: false,
  }))

  let sessions = 0
  let serverEvents = 0
  const simulateSession = (v: Visitor, at: number) => {
    v.client ??= makeClient(v)
    const a = v.client
    sessions++
    clock = at
    const step = (low: number, high: number) => {
      clock += Math.round(between(low, high) * 1000)
    }
    const page = (path: string) => ({
      context: { page: { path, url: `https://shop.example${path}`, title: 'Shop' } },
    })
    a.track('page_viewed', { path: '/' }, page('/'))
    if (v.bot) {
      for (const product of PRODUCTS) {
        step(1, 3)
        a.track('product_viewed', { product_id: product }, page(`/products/${product}`))
      }
      return
    }
    a.metrics.histogram(WEB_VITAL_METRIC_NAMES.LCP, Math.round(between(900, v.index % 3 === 0 ? 5200 : 3200)))
    a.metrics.histogram(WEB_VITAL_METRIC_NAMES.INP, Math.round(between(40, 420)))
    a.metrics.histogram(WEB_VITAL_METRIC_NAMES.CLS, Math.round(between(0, 0.3) * 1000) / 1000)
    if (!v.signedUp && random() < 0.18) {
      step(20, 90)
      v.signedUp = true
      a.track('signup_completed', {
        method: random() < 0.7 ? 'email' : 'google',
        plan: random() < 0.3 ? 'pro' : 'free',
      })
      a.identify(`user_${v.index}`)
    }
    const views = 1 + Math.floor(random() * 4)
    let product = pick(PRODUCTS)
    for (let i = 0; i < views; i++) {
      step(8, 60)
      product = pick(PRODUCTS)
      a.track('product_viewed', { product_id: product }, page(`/products/${product}`))
    }
    if (random() >= 0.45) return
    step(5, 40)
    a.track('product_added', { product_id: product, quantity: 1 + Math.floor(random() * 2) })
    if (random() >= 0.6) return
    step(10, 90)
    a.track('checkout_started', {}, page('/checkout'))
    const variation = a.experiments.assign(DEMO_EXPERIMENT).variation as keyof typeof DEMO_TRUE_RATES
    a.experiments.expose(DEMO_EXPERIMENT)
    step(30, variation === 'one_page' ? 120 : 240)
    if (random() < 0.03) a.track('error_occurred', { message: pick(ERRORS), mechanism: 'onerror' })
    if (random() >= DEMO_TRUE_RATES[variation]) return
    const orderId = `ord_${v.index}_${sessions}`
    const value = Math.round(between(15, 180) * 100) / 100
    a.track(
      'checkout_completed',
      { order_id: orderId, order_value: value, currency: 'USD' },
      page('/checkout/done'),
    )
    const { userId, anonymousId } = a.getState()
    server.track(
      'purchase_completed',
      { order_id: orderId, order_value: value, currency: 'USD' },
      userId ? { userId, anonymousId } : { anonymousId },
      { timestamp: new Date(clock + 800) },
    )
    serverEvents++
  }

  // request and payment-provider timings, as withRequestMetrics and timed() record them
  const recordRequests = (count: number) => {
    const routes = [
      { route: '/api/products', method: 'GET', low: 12, high: 90 },
      { route: '/api/cart', method: 'POST', low: 25, high: 160 },
      { route: '/api/checkout', method: 'POST', low: 300, high: 900 },
    ]
    for (let i = 0; i < count; i++) {
      const r = routes[i % 7 === 6 ? 2 : i % 3 === 0 ? 1 : 0]!
      let ms = between(r.low, r.high) * (random() < 0.05 ? 4 : 1)
      let status = random() < 0.02 ? '4xx' : '2xx'
      if (r.route === '/api/checkout') {
        const charge = between(600, 2600) * (random() < 0.1 ? 3 : 1)
        const failed = random() < 0.06
        server.metrics.histogram('payments.charge.ms', charge, {
          provider: 'stripe',
          outcome: failed ? 'error' : 'success',
        })
        ms += charge
        if (failed) {
          status = '5xx'
          server.metrics.increment(SERVER_METRICS.requestErrors, 1, {
            route: r.route,
            method: r.method,
            error_type: 'TimeoutError',
          })
        }
      }
      server.metrics.histogram(SERVER_METRICS.requestDuration, ms, {
        route: r.route,
        method: r.method,
        status_class: status,
      })
    }
    server.metrics.gauge(SERVER_METRICS.queueDepth, Math.round(between(200, 400)), { queue: 'emails' })
    server.metrics.gauge(SERVER_METRICS.queueLag, Math.round(between(30_000, 90_000)), { queue: 'emails' })
  }

  const flushOnline = async (until: number) => {
    clock = until
    const due = replays.filter((r) => r.at <= clock)
    for (const r of due) {
      replays.splice(replays.indexOf(r), 1)
      await collector.ingest(r.body).catch(() => {})
    }
    await Promise.all(
      visitors.filter((v) => v.client && v.offlineUntil <= clock).map((v) => v.client!.flush()),
    )
  }

  for (let hour = start; hour < end; hour += HOUR) {
    const day = Math.floor((hour - start) / DAY)
    const hourOfDay = new Date(hour).getUTCHours()
    // more visits in the day than at night
    const busy =
      0.25 +
      Math.sin(((hourOfDay - 6) / 24) * 2 * Math.PI) ** 2 * (hourOfDay >= 6 && hourOfDay <= 22 ? 1 : 0.2)
    const due: [Visitor, number][] = []
    for (const v of visitors) {
      if (day < v.firstDay) continue
      const chance = (day === v.firstDay ? 0.25 : v.loyalty * 0.12) * busy * (v.bot ? 3 : 1)
      if (random() < chance) due.push([v, hour + Math.floor(random() * 50 * 60_000)])
    }
    due.sort((a, b) => a[1] - b[1])
    for (const [v, at] of due) {
      if (at >= end) continue
      simulateSession(v, at)
      // now and then a visitor loses the network and its events arrive hours later
      if (random() < 0.02 && end - at > 12 * HOUR) v.offlineUntil = at + between(2, 10) * HOUR
    }
    if (hour % (6 * HOUR) === 0) {
      // a client with a broken build sends malformed batches
      await collector.fetch(
        new Request(`http://demo${collector.basePath}/batch`, { method: 'POST', body: '{"events": [' }),
      )
    }
    await flushOnline(Math.min(hour + HOUR, end))
    if (day !== Math.floor((hour + HOUR - start) / DAY))
      log(`day ${day + 1} of ${options.days}: ${sessions} sessions so far`)
  }
  clock = end
  recordRequests(Math.max(200, options.users * 4))
  for (const v of visitors) v.offlineUntil = 0
  await flushOnline(end)
  await Promise.all(visitors.map((v) => v.client?.shutdown()))
  await server.shutdown()
  const eventsTracked = visitors.reduce((sum, v) => sum + (v.client?.getState().ledger.tracked ?? 0), 0)
  if (options.close) await collector.close()
  return {
    visitors: visitors.length,
    sessions,
    eventsTracked,
    serverEvents,
    from: new Date(start).toISOString(),
    to: new Date(end).toISOString(),
  }
}

/** The parsed command line of `demo`. */
export interface DemoArgs {
  users: number
  days: number
  seed: number
  db: string
  clickhouse?: string
}

/** Parses `demo`'s arguments; throws an Error with a readable message for a bad one. */
export function parseDemoArgs(argv: string[]): DemoArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      users: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      db: { type: 'string' },
      clickhouse: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return 'help'
  const whole = (name: string, value: string | undefined, fallback: number, max: number) => {
    const n = Number(value ?? fallback)
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new Error(`--${name}: "${value}" is not a whole number from 1 to ${max}`)
    return n
  }
  if (values.db && values.clickhouse)
    throw new Error('--db and --clickhouse are two different stores: give one')
  return {
    users: whole('users', values.users, 300, 1_000_000),
    days: whole('days', values.days, 14, 365),
    seed: whole('seed', values.seed, 1, 2 ** 31),
    db: values.db ?? '.instrumentkit/events.duckdb',
    clickhouse: values.clickhouse,
  }
}

/** `instrumentkit demo`: fills a store with demo traffic, then says how to look at it. */
export async function demo(argv: string[], log: (line: string) => void = console.log): Promise<void> {
  const parsed = parseDemoArgs(argv)
  if (parsed === 'help') return log(DEMO_HELP)
  const store = await openStore(parsed)
  const started = Date.now()
  log(`generating ${parsed.days} days of traffic from ${parsed.users} visitors…`)
  const summary = await runDemo(store, {
    users: parsed.users,
    days: parsed.days,
    seed: parsed.seed,
    log,
    close: true,
  })
  const target = parsed.clickhouse ? `--clickhouse ${parsed.clickhouse}` : `--db ${parsed.db}`
  log(
    [
      `done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${summary.sessions} sessions, ${summary.eventsTracked} browser events, ${summary.serverEvents} server-side purchases`,
      `  from ${summary.from} to ${summary.to}`,
      `  experiment checkout_flow: true checkout completion ${DEMO_TRUE_RATES.control * 100}% (control) vs ${DEMO_TRUE_RATES.one_page * 100}% (one_page)`,
      `see it: npx instrumentkit serve ${target}`,
    ].join('\n'),
  )
}
