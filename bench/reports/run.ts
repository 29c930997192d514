// Child of bench/reports.mjs: fills a DuckDB file with 1,000,000 events (plus metric points), then times
// each report against a baseline query over the same rows, interleaved, and prints JSON.
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { runReport } from '../../src/server/reports/runReport.js'
import { duckdbStore } from '../../src/server/stores/duckdbStore.js'
import type { EventRow, MetricRow } from '../../src/server/stores/types.js'

const [dir = '.tmp/bench-reports', target = '1000000', roundsArg = '5'] = process.argv.slice(2)
const TARGET = Number(target)
const ROUNDS = Number(roundsArg)
const DAY = 86_400_000
const END = Date.UTC(2026, 11, 7)
const START = END - 28 * DAY

let seed = 42
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
  return seed / 2_147_483_648
}

// BENCH_REUSE=1 keeps the filled file between runs while working on a query
const reuse = process.env.BENCH_REUSE === '1' && existsSync(join(dir, 'events.duckdb'))
if (!reuse) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
}
const store = duckdbStore({ path: join(dir, 'events.duckdb') })
await store.init()

let id = 0
const base = (name: string, user: number, t: number, session: string, props: object): EventRow => ({
  message_id: `m${id++}`,
  event_name: name,
  timestamp_ms: t,
  client_timestamp_ms: t,
  sent_at_ms: t + 2_000,
  received_at_ms: t + 2_050,
  user_id: user % 3 === 0 ? null : `user_${user}`,
  anonymous_id: `anon_${user}`,
  session_id: session,
  seq: id,
  properties: JSON.stringify(props),
  context: '{"platform":"web","library":{"name":"instrumentkit","version":"0.1.0"}}',
  page_path: '/',
  browser: 'Chrome',
  browser_version: '131',
  os: 'Windows',
  os_version: '10',
  device_type: 'desktop',
  is_bot: user % 97 === 0,
  write_key: null,
  ip: null,
  schema_status: 'valid',
  schema_error: null,
})

const loadStarted = performance.now()
let events: EventRow[] = []
let written = 0
const USERS = 60_000
while (!reuse && written + events.length < TARGET) {
  const user = Math.floor(random() * USERS)
  const t0 = START + Math.floor(random() * 27 * DAY)
  const session = `s${id}`
  let t = t0
  const push = (name: string, props: object = {}) => {
    t += Math.floor(random() * 120_000)
    events.push(base(name, user, t, session, props))
  }
  const variation = (user * 2_654_435_761) % 2 === 0 ? 'control' : 'treatment'
  push('page_viewed', { path: '/' })
  push('experiment_exposed', { experiment_key: 'checkout_flow', variation_name: variation })
  const views = 1 + Math.floor(random() * 6)
  for (let v = 0; v < views; v++)
    push('product_viewed', {
      product_id: `sku_${Math.floor(random() * 500)}`,
      plan: user % 2 ? 'pro' : 'free',
    })
  if (random() < 0.03) push('signup_completed', { method: 'email' })
  if (random() < 0.5) {
    push('product_added')
    if (random() < 0.5) {
      push('checkout_started')
      if (random() < (variation === 'treatment' ? 0.55 : 0.5))
        push('checkout_completed', { order_value: 20 + Math.floor(random() * 200) })
    }
  }
  if (random() < 0.02)
    push('error_occurred', { message: random() < 0.5 ? 'Payment gateway timeout' : 'Network error' })
  if (events.length >= 50_000) {
    // a few redelivered copies, as retries produce
    events.push(...events.slice(0, 200).map((e) => ({ ...e, received_at_ms: e.received_at_ms + 30_000 })))
    await store.write({ events, metrics: [], rejections: [] })
    written += events.length
    events = []
  }
}
if (!reuse && events.length) await store.write({ events, metrics: [], rejections: [] })
written += events.length
const metrics: MetricRow[] = []
for (let i = 0; i < 20_000; i++) {
  const t = END - 2 * DAY + Math.floor(random() * 2 * DAY)
  const status = random() < 0.01 ? '5xx' : '2xx'
  metrics.push({
    id: `p${i}`,
    name: i % 4 === 3 ? 'payments.charge.ms' : 'http.server.duration.ms',
    type: 'histogram',
    tags: JSON.stringify(
      i % 4 === 3
        ? { outcome: status === '5xx' ? 'error' : 'success' }
        : { route: `/api/r${i % 12}`, method: 'GET', status_class: status },
    ),
    start_ms: t - 10_000,
    end_ms: t,
    value: null,
    count: 10,
    sum: 1000,
    min: 3,
    max: 900,
    bounds: '[0,5,10,25,50,75,100,250,500,750,1000]',
    buckets: '[0,1,1,1,2,1,1,1,1,1,0,0]',
    received_at_ms: t + 100,
    write_key: null,
  })
}
if (!reuse) await store.write({ events: [], metrics, rejections: [] })
const loadSeconds = (performance.now() - loadStarted) / 1000

const context = {
  store,
  experiments: [
    { key: 'checkout_flow', variations: ['control', 'treatment'] as [string, ...string[]], plannedDays: 30 },
  ],
  now: () => END,
}
const all = 'from=2026-11-01&to=2026-12-07'
const cases: [string, string, string][] = [
  ['overview', 'overview', 'from=2026-12-05&to=2026-12-07'],
  ['business', 'business', 'day=2026-12-06'],
  [
    'funnel (4 steps)',
    'funnel',
    `steps=product_viewed,product_added,checkout_started,checkout_completed&${all}`,
  ],
  [
    'funnel by variant',
    'funnel',
    `steps=product_viewed,checkout_completed&breakdown=experiment:checkout_flow&${all}`,
  ],
  ['retention (weekly)', 'retention', 'period=week&from=2026-11-09'],
  ['experiments', 'experiments', ''],
  ['experiment', 'experiment', 'key=checkout_flow&metric=checkout_completed&value=order_value'],
  ['quality (last 24 h)', 'quality', ''],
  ['quality (4 weeks)', 'quality', 'from=2026-11-01'],
]
const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now()
  await fn()
  return performance.now() - t
}
const baseline = () =>
  store.query('SELECT count(*) AS n, count(DISTINCT anonymous_id) AS a FROM events_unique WHERE NOT is_bot')
const samples = new Map<string, number[]>()
const record = (name: string, ms: number) => samples.set(name, [...(samples.get(name) ?? []), ms])
// one warm-up, then interleaved rounds so drift hits every query alike
await time(baseline)
for (const [, report, query] of cases) await runReport(report, new URLSearchParams(query), context)
for (let round = 0; round < ROUNDS; round++) {
  record('baseline', await time(baseline))
  for (const [name, report, query] of cases)
    record(name, await time(() => runReport(report, new URLSearchParams(query), context)))
}
const [{ n: unique = 0 } = {}] = await store.query<{ n: number }>('SELECT count(*) AS n FROM events_unique')
const [{ n: stored = 0 } = {}] = await store.query<{ n: number }>('SELECT count(*) AS n FROM events')
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}
const out = Object.fromEntries(
  [...samples].map(([k, v]) => [k, { median: median(v), min: Math.min(...v), max: Math.max(...v) }]),
)
await store.close()
if (process.env.BENCH_REUSE !== '1') rmSync(dir, { recursive: true, force: true })
console.log(
  JSON.stringify({ stored, unique, metricPoints: metrics.length, loadSeconds, rounds: ROUNDS, results: out }),
)
