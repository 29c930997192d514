import { SERVER_METRIC_TAGS, SERVER_METRICS } from '../middleware/serverMetrics.js'
import type { Dialect } from './dialect.js'
import { type BucketCount, histogramQuantile } from './histogramQuantile.js'
import type { ReportContext } from './reportContext.js'
import { reportParams } from './reportParams.js'
import { envelope, isoTime, ratio, toCount, toNumber, toText } from './resultValues.js'
import type {
  DependencyHealth,
  ErrorGroup,
  LatencyPercentiles,
  OverviewReport,
  RouteStats,
  WebVitalStat,
} from './types.js'

const HOUR_MS = 3_600_000
/**
 * The histograms `instrumentWebVitals` records (kept here so the server does not import the browser's
 * `web-vitals`; a test checks both lists agree).
 */
export const WEB_VITAL_METRIC_NAMES: Record<WebVitalStat['name'], string> = {
  LCP: 'web_vitals.lcp.ms',
  INP: 'web_vitals.inp.ms',
  CLS: 'web_vitals.cls.score',
  FCP: 'web_vitals.fcp.ms',
  TTFB: 'web_vitals.ttfb.ms',
}
const TOP = 20
// Google's "good" and "poor" thresholds of each Core Web Vital at p75
const VITAL_THRESHOLDS: Record<WebVitalStat['name'], [good: number, poor: number]> = {
  LCP: [2500, 4000],
  INP: [200, 500],
  CLS: [0.1, 0.25],
  FCP: [1800, 3000],
  TTFB: [800, 1800],
}

interface Histogram {
  buckets: BucketCount[]
  count: number
  min: number | null
  max: number | null
}

const emptyHistogram = (): Histogram => ({ buckets: [], count: 0, min: null, max: null })

function addBucket(h: Histogram, le: number | null, count: number) {
  const found = h.buckets.find((b) => b.le === le)
  if (found) found.count += count
  else h.buckets.push({ le, count })
}

function percentiles(h: Histogram): LatencyPercentiles {
  return {
    p50: histogramQuantile(h.buckets, 0.5, h.min, h.max),
    p95: histogramQuantile(h.buckets, 0.95, h.min, h.max),
    p99: histogramQuantile(h.buckets, 0.99, h.min, h.max),
  }
}

/**
 * `overview`: request rate, errors and latency from the server's request metrics, active users, Core Web
 * Vitals at p75, the collector's and store's state, each `timed` dependency and the queues, and recent
 * errors grouped by message.
 */
export async function overview(
  params: URLSearchParams,
  context: ReportContext,
  d: Dialect,
): Promise<OverviewReport> {
  const started = performance.now()
  const p = reportParams(params)
  const now = context.now()
  const range = p.range(now, HOUR_MS)
  const route = p.text('route') ?? null
  const tag = (key: string) => d.jsonText('tags', key)
  const values = {
    from: range.from,
    to: range.to,
    route,
    request: SERVER_METRICS.requestDuration,
    errorsMetric: SERVER_METRICS.requestErrors,
    queueDepth: SERVER_METRICS.queueDepth,
    queueLag: SERVER_METRICS.queueLag,
    vitals: Object.values(WEB_VITAL_METRIC_NAMES),
    fiveMinutes: range.to - 5 * 60_000,
    oneDay: range.to - 24 * HOUR_MS,
  }
  const inWindow = 'end_ms >= {from} AND end_ms < {to}'
  const routeFilter = route === null ? '' : ` AND ${tag(SERVER_METRIC_TAGS.route)} = {route}`
  const requestPoints = `name = {request} AND type = 'histogram' AND ${inWindow}${routeFilter}`
  const timedPoints = `type = 'histogram' AND name <> {request} AND ${tag(SERVER_METRIC_TAGS.outcome)} <> '' AND ${inWindow}`
  const q = context.store.query.bind(context.store)
  const routeColumns = [
    ['route', tag(SERVER_METRIC_TAGS.route)],
    ['method', tag(SERVER_METRIC_TAGS.method)],
  ] as const
  const routeCols = `${tag(SERVER_METRIC_TAGS.route)} AS route, ${tag(SERVER_METRIC_TAGS.method)} AS method`
  const [
    requestTotals,
    requestBuckets,
    timedTotals,
    timedBuckets,
    vitalBuckets,
    queues,
    active,
    clientErrors,
    serverErrors,
    collector,
    reachable,
  ] = await Promise.all([
    q(
      `SELECT ${routeCols}, ${tag(SERVER_METRIC_TAGS.statusClass)} AS status_class, sum(count) AS requests, ` +
        `min(min) AS min_ms, max(max) AS max_ms FROM ${d.uniqueMetrics(requestPoints)} ` +
        `GROUP BY ${tag(SERVER_METRIC_TAGS.route)}, ${tag(SERVER_METRIC_TAGS.method)}, ${tag(SERVER_METRIC_TAGS.statusClass)}`,
      values,
    ),
    q(
      `SELECT route, method, overflow, le, sum(bucket_count) AS n FROM ${d.histogramBuckets(routeColumns, requestPoints)} ` +
        'GROUP BY route, method, overflow, le',
      values,
    ),
    q(
      `SELECT name, ${tag(SERVER_METRIC_TAGS.outcome)} AS outcome, sum(count) AS calls, min(min) AS min_ms, max(max) AS max_ms ` +
        `FROM ${d.uniqueMetrics(timedPoints)} GROUP BY name, ${tag(SERVER_METRIC_TAGS.outcome)}`,
      values,
    ),
    q(
      `SELECT name, overflow, le, sum(bucket_count) AS n FROM ${d.histogramBuckets([['name', 'name']], timedPoints)} GROUP BY name, overflow, le`,
      values,
    ),
    q(
      `SELECT name, overflow, le, sum(bucket_count) AS n, min(point_min) AS min_value, max(point_max) AS max_value FROM ` +
        `${d.histogramBuckets(
          [
            ['name', 'name'],
            ['point_min', 'min'],
            ['point_max', 'max'],
          ],
          `name IN {vitals} AND ${inWindow}`,
        )} GROUP BY name, overflow, le`,
      values,
    ),
    q(
      `SELECT name, ${tag(SERVER_METRIC_TAGS.queue)} AS queue, ${d.argMax('value', 'end_ms')} AS latest FROM ` +
        `${d.uniqueMetrics(`name IN ({queueDepth}, {queueLag}) AND ${inWindow}`)} GROUP BY name, ${tag(SERVER_METRIC_TAGS.queue)}`,
      values,
    ),
    q(
      `SELECT ${d.countDistinctIf('person', 'timestamp_ms >= {fiveMinutes}')} AS five_minutes, ${d.countDistinct('person')} AS one_day ` +
        `FROM ${d.people('timestamp_ms', `${d.notBot} AND timestamp_ms >= {oneDay} AND timestamp_ms < {to}`, false)}`,
      values,
    ),
    q(
      `SELECT message, count(*) AS occurrences, ${d.countDistinct('person')} AS users, max(timestamp_ms) AS last_ms FROM ` +
        `(SELECT person, timestamp_ms, ${d.jsonText('properties', 'message')} AS message FROM ` +
        `${d.people('timestamp_ms, properties', `${d.notBot} AND event_name = 'error_occurred' AND timestamp_ms >= {from} AND timestamp_ms < {to}`)}) ` +
        `GROUP BY message ORDER BY occurrences DESC, message LIMIT ${TOP}`,
      values,
    ),
    q(
      `SELECT ${routeCols}, ${tag(SERVER_METRIC_TAGS.errorType)} AS error_type, sum(value) AS occurrences, max(end_ms) AS last_ms ` +
        `FROM ${d.uniqueMetrics(`name = {errorsMetric} AND ${inWindow}${routeFilter}`)} ` +
        `GROUP BY ${tag(SERVER_METRIC_TAGS.route)}, ${tag(SERVER_METRIC_TAGS.method)}, ${tag(SERVER_METRIC_TAGS.errorType)} ` +
        `ORDER BY occurrences DESC LIMIT ${TOP}`,
      values,
    ),
    q(
      `SELECT max(received_at_ms) AS last_received, (SELECT ${d.quantile('received_at_ms - timestamp_ms', 0.5)} FROM ` +
        `${d.uniqueEvents('received_at_ms >= {from} AND received_at_ms < {to}')}) AS lag FROM events`,
      values,
    ),
    context.store.ping().catch(() => false),
  ])

  // requests: totals per route and method, and overall
  const routes = new Map<string, RouteStats & { histogram: Histogram }>()
  const all = emptyHistogram()
  let total = 0
  let errors = 0
  let clientErrorCount = 0
  for (const row of requestTotals) {
    const key = `${row.method} ${row.route}`
    const entry = routes.get(key) ?? {
      route: toText(row.route) ?? 'unmatched',
      method: toText(row.method) ?? '',
      requests: 0,
      errors: 0,
      error_rate: null,
      latency_ms: { p50: null, p95: null, p99: null },
      histogram: emptyHistogram(),
    }
    routes.set(key, entry)
    const n = toCount(row.requests)
    entry.requests += n
    total += n
    if (row.status_class === '5xx') {
      entry.errors += n
      errors += n
    }
    if (row.status_class === '4xx') clientErrorCount += n
    for (const h of [entry.histogram, all]) {
      const min = toNumber(row.min_ms)
      const max = toNumber(row.max_ms)
      if (min !== null) h.min = h.min === null ? min : Math.min(h.min, min)
      if (max !== null) h.max = h.max === null ? max : Math.max(h.max, max)
    }
  }
  for (const row of requestBuckets) {
    const le = toCount(row.overflow) === 1 ? null : toNumber(row.le)
    const n = toCount(row.n)
    const entry = routes.get(`${row.method} ${row.route}`)
    if (entry) addBucket(entry.histogram, le, n)
    addBucket(all, le, n)
  }
  const byRoute: RouteStats[] = [...routes.values()]
    .sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route))
    .slice(0, TOP)
    .map(({ histogram, ...r }) => ({
      ...r,
      error_rate: ratio(r.errors, r.requests),
      latency_ms: percentiles(histogram),
    }))

  // timed dependencies
  const deps = new Map<string, { calls: number; errors: number; histogram: Histogram }>()
  for (const row of timedTotals) {
    const name = String(row.name)
    const entry = deps.get(name) ?? { calls: 0, errors: 0, histogram: emptyHistogram() }
    deps.set(name, entry)
    const n = toCount(row.calls)
    entry.calls += n
    if (row.outcome === 'error') entry.errors += n
    const min = toNumber(row.min_ms)
    const max = toNumber(row.max_ms)
    if (min !== null)
      entry.histogram.min = entry.histogram.min === null ? min : Math.min(entry.histogram.min, min)
    if (max !== null)
      entry.histogram.max = entry.histogram.max === null ? max : Math.max(entry.histogram.max, max)
  }
  for (const row of timedBuckets) {
    const entry = deps.get(String(row.name))
    if (entry)
      addBucket(entry.histogram, toCount(row.overflow) === 1 ? null : toNumber(row.le), toCount(row.n))
  }
  const dependencies: DependencyHealth[] = [...deps.entries()]
    .map(([name, e]) => ({
      name,
      calls: e.calls,
      errors: e.errors,
      error_rate: ratio(e.errors, e.calls),
      latency_ms: percentiles(e.histogram),
    }))
    .sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name))

  // web vitals
  const vitals = new Map<string, Histogram>()
  for (const row of vitalBuckets) {
    const name = String(row.name)
    const h = vitals.get(name) ?? emptyHistogram()
    vitals.set(name, h)
    const n = toCount(row.n)
    addBucket(h, toCount(row.overflow) === 1 ? null : toNumber(row.le), n)
    h.count += n
    const min = toNumber(row.min_value)
    const max = toNumber(row.max_value)
    if (min !== null) h.min = h.min === null ? min : Math.min(h.min, min)
    if (max !== null) h.max = h.max === null ? max : Math.max(h.max, max)
  }
  const webVitals: WebVitalStat[] = (
    Object.entries(WEB_VITAL_METRIC_NAMES) as [WebVitalStat['name'], string][]
  ).map(([vital, name]) => {
    const h = vitals.get(name) ?? emptyHistogram()
    const p75 = histogramQuantile(h.buckets, 0.75, h.min, h.max)
    const [good, poor] = VITAL_THRESHOLDS[vital]
    return {
      name: vital,
      metric: name,
      p75,
      samples: h.count,
      rating: p75 === null ? null : p75 <= good ? 'good' : p75 <= poor ? 'needs-improvement' : 'poor',
    }
  })

  // queues
  const queueMap = new Map<string, { queue: string; depth: number | null; lag_ms: number | null }>()
  for (const row of queues) {
    const queue = toText(row.queue) ?? 'default'
    const entry = queueMap.get(queue) ?? { queue, depth: null, lag_ms: null }
    queueMap.set(queue, entry)
    if (row.name === SERVER_METRICS.queueDepth) entry.depth = toNumber(row.latest)
    else entry.lag_ms = toNumber(row.latest)
  }

  // errors
  const recent: ErrorGroup[] = [
    ...clientErrors.map((r) => ({
      message: toText(r.message) ?? '(no message)',
      source: 'client' as const,
      count: toCount(r.occurrences),
      users: toCount(r.users),
      last_seen: isoTime(toCount(r.last_ms)),
    })),
    ...serverErrors.map((r) => ({
      message:
        `${toText(r.method) ?? ''} ${toText(r.route) ?? 'unmatched'}: ${toText(r.error_type) ?? 'error'}`.trim(),
      source: 'server' as const,
      count: toCount(r.occurrences),
      users: 0,
      last_seen: isoTime(toCount(r.last_ms)),
    })),
  ]
    .filter((e) => e.count > 0)
    .sort((a, b) => b.count - a.count || b.last_seen.localeCompare(a.last_seen))
    .slice(0, TOP)

  const a = active[0] ?? {}
  const c = collector[0] ?? {}
  const lastReceived = toNumber(c.last_received)
  const seconds = (range.to - range.from) / 1000
  return {
    ...envelope('overview', now, { from: range.from, to: range.to }),
    requests: {
      total,
      per_second: seconds > 0 ? total / seconds : 0,
      errors,
      error_rate: ratio(errors, total),
      client_errors: clientErrorCount,
      latency_ms: percentiles(all),
      by_route: byRoute,
    },
    active_users: { last_5_minutes: toCount(a.five_minutes), last_day: toCount(a.one_day) },
    web_vitals: webVitals,
    service_health: {
      collector: {
        last_received_at: lastReceived === null || lastReceived <= 0 ? null : isoTime(lastReceived),
        ingest_lag_ms: toNumber(c.lag),
      },
      store: {
        dialect: context.store.dialect,
        reachable: reachable === true,
        query_ms: Math.round(performance.now() - started),
      },
      dependencies,
      queues: [...queueMap.values()].sort((x, y) => x.queue.localeCompare(y.queue)),
    },
    recent_errors: recent,
    metric_names: {
      request_duration: SERVER_METRICS.requestDuration,
      queue_lag: SERVER_METRICS.queueLag,
    },
  }
}
