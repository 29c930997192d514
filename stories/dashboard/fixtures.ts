// Report answers shaped exactly as the query API sends them, for the dashboard's stories and tests.
// The experiment is the one the instrumentation practice quotes: 10,234 / 1,023 against 10,445 / 1,150.
import { analyzeExperiment } from '../../src/index.js'
import type {
  BusinessReport,
  ExperimentReport,
  ExperimentsReport,
  FunnelReport,
  OverviewReport,
  QualityReport,
  ReportName,
  ReportResults,
  RetentionReport,
} from '../../src/server/reports/types.js'

const generated_at = '2026-12-07T12:00:00.000Z'

export const overviewFixture: OverviewReport = {
  report: 'overview',
  generated_at,
  range: { from: '2026-12-07T11:00:00.000Z', to: '2026-12-07T12:00:00.000Z' },
  requests: {
    total: 4_442_400,
    per_second: 1234,
    errors: 5331,
    error_rate: 0.0012,
    client_errors: 812,
    latency_ms: { p50: 145, p95: 410, p99: 980 },
    by_route: [
      {
        route: '/api/products',
        method: 'GET',
        requests: 3_100_000,
        errors: 1200,
        error_rate: 0.000387,
        latency_ms: { p50: 90, p95: 240, p99: 600 },
      },
      {
        route: '/api/checkout',
        method: 'POST',
        requests: 42_000,
        errors: 3900,
        error_rate: 0.0929,
        latency_ms: { p50: 820, p95: 2400, p99: 5100 },
      },
    ],
  },
  active_users: { last_5_minutes: 8456, last_day: 120_337 },
  web_vitals: [
    { name: 'LCP', metric: 'web_vitals.lcp.ms', p75: 2140, samples: 3200, rating: 'good' },
    { name: 'INP', metric: 'web_vitals.inp.ms', p75: 260, samples: 2900, rating: 'needs-improvement' },
    { name: 'CLS', metric: 'web_vitals.cls', p75: 0.31, samples: 3100, rating: 'poor' },
    { name: 'FCP', metric: 'web_vitals.fcp.ms', p75: null, samples: 0, rating: null },
    { name: 'TTFB', metric: 'web_vitals.ttfb.ms', p75: 380, samples: 3150, rating: 'good' },
  ],
  service_health: {
    collector: { last_received_at: '2026-12-07T11:59:58.000Z', ingest_lag_ms: 850 },
    store: { dialect: 'duckdb', reachable: true, query_ms: 48 },
    dependencies: [
      {
        name: 'db.query.duration.ms',
        calls: 210_000,
        errors: 12,
        error_rate: 0.000057,
        latency_ms: { p50: 4, p95: 18, p99: 40 },
      },
      {
        name: 'payments.charge.duration.ms',
        calls: 4100,
        errors: 312,
        error_rate: 0.0761,
        latency_ms: { p50: 640, p95: 2900, p99: 8000 },
      },
    ],
    queues: [
      { queue: 'emails', depth: 12, lag_ms: 400 },
      { queue: 'orders', depth: 5400, lag_ms: 185_000 },
    ],
  },
  recent_errors: [
    {
      message: 'Payment gateway timeout',
      source: 'client',
      count: 12,
      users: 9,
      last_seen: '2026-12-07T11:58:00.000Z',
    },
    {
      message: 'POST /api/checkout → 503',
      source: 'server',
      count: 7,
      users: 0,
      last_seen: '2026-12-07T11:57:00.000Z',
    },
  ],
  metric_names: { request_duration: 'http.server.duration.ms', queue_lag: 'queue.lag.ms' },
}

/** The overview of an app that records no request metrics, Web Vitals, errors, queues or dependencies. */
export const overviewEmptyFixture: OverviewReport = {
  ...overviewFixture,
  requests: {
    total: 0,
    per_second: 0,
    errors: 0,
    error_rate: null,
    client_errors: 0,
    latency_ms: { p50: null, p95: null, p99: null },
    by_route: [],
  },
  web_vitals: overviewFixture.web_vitals.map((v) => ({ ...v, p75: null, samples: 0, rating: null })),
  recent_errors: [],
  service_health: { ...overviewFixture.service_health, dependencies: [], queues: [] },
}

const days = Array.from({ length: 14 }, (_, i) => {
  const d = new Date(Date.UTC(2026, 10, 24 + i))
  return d.toISOString().slice(0, 10)
})

export const businessFixture: BusinessReport = {
  report: 'business',
  generated_at,
  range: { from: '2026-11-24T00:00:00.000Z', to: '2026-12-08T00:00:00.000Z' },
  day: '2026-12-07',
  previous_day: '2026-12-06',
  events: { signup: 'signup_completed', conversion: 'checkout_completed', revenue_property: 'order_value' },
  signups: { value: 342, previous: 285, change: 0.2 },
  conversions: { value: 1150, previous: 1250, change: -0.08 },
  revenue: { value: 52_341, previous: 45_678, change: 52_341 / 45_678 - 1 },
  active_users: { dau: 8456, wau: 31_200, mau: 120_337 },
  sessions: { count: 11_020, median_length_seconds: 312 },
  daily: days.map((day, i) => ({
    day,
    active_users: 7000 + ((i * 337) % 1500),
    signups: 250 + ((i * 41) % 120),
    conversions: 1000 + ((i * 73) % 260),
    revenue: 40_000 + ((i * 2917) % 13_000),
  })),
}

export const funnelFixture: FunnelReport = {
  report: 'funnel',
  generated_at,
  range: { from: '2026-11-30T12:00:00.000Z', to: '2026-12-07T12:00:00.000Z' },
  within_seconds: 86_400,
  steps: [
    {
      event: 'page_viewed',
      users: 10_000,
      conversion_from_first: 1,
      conversion_from_previous: 1,
      median_seconds_from_previous: null,
    },
    {
      event: 'signup_completed',
      users: 1200,
      conversion_from_first: 0.12,
      conversion_from_previous: 0.12,
      median_seconds_from_previous: 145,
    },
    {
      event: 'trial_started',
      users: 540,
      conversion_from_first: 0.054,
      conversion_from_previous: 0.45,
      median_seconds_from_previous: 3600,
    },
    {
      event: 'checkout_completed',
      users: 124,
      conversion_from_first: 0.0124,
      conversion_from_previous: 0.2296,
      median_seconds_from_previous: 19_800,
    },
  ],
}

export const retentionFixture: RetentionReport = {
  report: 'retention',
  generated_at,
  range: { from: '2026-12-01T00:00:00.000Z', to: '2026-12-08T00:00:00.000Z' },
  period: 'day',
  event: null,
  periods: 3,
  cohorts: [
    { cohort: '2026-12-04', users: 400, retained: [400, 180, 120, 96], rates: [1, 0.45, 0.3, 0.24] },
    { cohort: '2026-12-05', users: 350, retained: [350, 140, 98, null], rates: [1, 0.4, 0.28, null] },
    { cohort: '2026-12-06', users: 500, retained: [500, 210, null, null], rates: [1, 0.42, null, null] },
  ],
}

/** Builds an `experiment` answer from counts, with the statistics the report takes from analyzeExperiment. */
export function experimentFixture(
  counts: { name: string; units: number; conversions: number; revenue?: number }[],
  overrides: Partial<ExperimentReport> = {},
): ExperimentReport {
  const analysis = analyzeExperiment({
    variants: counts.map((c) => ({
      name: c.name,
      users: c.units,
      conversions: c.conversions,
      ...(c.revenue !== undefined && { revenue: c.revenue }),
    })),
  })
  return {
    report: 'experiment',
    generated_at,
    range: { from: '2026-12-01T00:00:00.000Z', to: '2026-12-07T12:00:00.000Z' },
    key: 'new_checkout_flow',
    metric: 'checkout_completed',
    value_property: 'order_value',
    status: 'running',
    started_at: '2026-12-01T09:00:00.000Z',
    day: 7,
    planned_days: 14,
    control: analysis.control,
    alpha: 0.05,
    variants: analysis.variants.map((v, i) => {
      const c = counts[i]!
      const p1 = analysis.variants[0]!.conversionRate
      return {
        name: v.name,
        is_control: v.isControl,
        units: v.users,
        conversions: v.conversions,
        conversion_rate: v.conversionRate,
        revenue: c.revenue ?? null,
        revenue_per_unit: c.revenue === undefined ? null : c.revenue / c.units,
        lift: v.relativeLift,
        lift_ci: v.isControl ? null : [v.confidenceInterval[0] / p1, v.confidenceInterval[1] / p1],
        absolute_lift: v.absoluteLift,
        absolute_lift_ci: v.isControl ? null : v.confidenceInterval,
        p_value: v.pValue,
        significant: v.significant,
        verdict: v.verdict,
      }
    }),
    srm: {
      p_value: analysis.srm.pValue,
      chi_square: analysis.srm.chiSquare,
      expected: analysis.srm.expected,
      mismatch: analysis.srm.mismatch,
    },
    excluded: { units: 0, sample: [] },
    summary: '',
    ...overrides,
  }
}

/** The quoted experiment: treatment converts 11.0% against 10.0%, p ≈ 0.017, the split as planned. */
export const experimentWinFixture = experimentFixture(
  [
    { name: 'control', units: 10_234, conversions: 1023, revenue: 45_678 },
    { name: 'treatment', units: 10_445, conversions: 1150, revenue: 52_341 },
  ],
  { excluded: { units: 37, sample: ['user_1', 'user_2'] } },
)

/** Too few units to tell: a lift of a few per cent that could be chance. */
export const experimentFlatFixture = experimentFixture([
  { name: 'control', units: 1200, conversions: 120 },
  { name: 'treatment', units: 1190, conversions: 124 },
])

/** The split is broken: far more units in treatment than planned. */
export const experimentSrmFixture = experimentFixture([
  { name: 'control', units: 9000, conversions: 900 },
  { name: 'treatment', units: 11_000, conversions: 1210 },
])

export const experimentsFixture: ExperimentsReport = {
  report: 'experiments',
  generated_at,
  range: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-07T12:00:00.000Z' },
  experiments: [
    {
      key: 'new_checkout_flow',
      status: 'running',
      started_at: '2026-12-01T09:00:00.000Z',
      last_exposure_at: '2026-12-07T11:59:00.000Z',
      day: 7,
      planned_days: 14,
      variants: [
        { name: 'control', units: 10_234 },
        { name: 'treatment', units: 10_445 },
      ],
      excluded_units: 37,
      srm: { p_value: experimentWinFixture.srm.p_value, mismatch: false },
    },
    {
      key: 'pricing_page',
      status: 'running',
      started_at: '2026-12-03T09:00:00.000Z',
      last_exposure_at: '2026-12-07T11:50:00.000Z',
      day: 5,
      planned_days: null,
      variants: [
        { name: 'control', units: 9000 },
        { name: 'treatment', units: 11_000 },
      ],
      excluded_units: 0,
      srm: { p_value: experimentSrmFixture.srm.p_value, mismatch: true },
    },
  ],
}

export const qualityFixture: QualityReport = {
  report: 'quality',
  generated_at,
  range: { from: '2026-12-06T12:00:00.000Z', to: '2026-12-07T12:00:00.000Z' },
  events: {
    received: 250_400,
    unique: 249_150,
    duplicates: 1250,
    duplicate_rate: 1250 / 250_400,
    bots: 3120,
  },
  rejections: [
    { reason: 'invalid_event', events: 41, requests: 12 },
    { reason: 'event_too_large', events: 3, requests: 3 },
  ],
  rejected_events: 44,
  late: { events: 311, late_after_seconds: 3600, max_delay_seconds: 200_000 },
  future: { events: 17 },
  clock_skew: {
    samples: 249_150,
    p50_ms: 120,
    p95_abs_ms: 2400,
    max_abs_ms: 86_400_000,
    buckets: [
      { label: 'under 1 s', events: 230_000 },
      { label: '1 s – 1 min', events: 18_000 },
      { label: '1 min – 1 h', events: 1000 },
      { label: 'over 1 h', events: 150 },
    ],
  },
  schema: {
    unknown: [{ event_name: 'promo_banner_closed', events: 420 }],
    invalid: [{ event_name: 'checkout_completed', events: 9, example_error: 'order_value: expected number' }],
  },
  client_drops: [
    { reason: 'consent', events: 800 },
    { reason: 'queue_full', events: 12 },
  ],
}

/** Every report's answer by name, as a fixture. */
export const fixtures: { [K in ReportName]: ReportResults[K] } = {
  overview: overviewFixture,
  business: businessFixture,
  funnel: funnelFixture,
  retention: retentionFixture,
  experiments: experimentsFixture,
  experiment: experimentWinFixture,
  quality: qualityFixture,
}

/**
 * A fetch that answers `/query/<report>` from fixtures (or `answer`'s override), as the collector
 * would: JSON, 401 without the `token` when one is set. `requests` records each URL and its headers.
 */
export function fixtureFetch(
  options: {
    token?: string
    answer?: (report: string, url: URL) => { status: number; body: unknown } | undefined
    delayMs?: number
  } = {},
) {
  const requests: { url: URL; authorization: string | null; signal: AbortSignal | undefined }[] = []
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://dashboard.test')
    const headers = new Headers(init?.headers)
    requests.push({ url, authorization: headers.get('authorization'), signal: init?.signal ?? undefined })
    if (options.delayMs)
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, options.delayMs)
        init?.signal?.addEventListener('abort', () => {
          clearTimeout(timer)
          reject(new DOMException('aborted', 'AbortError'))
        })
      })
    const report = url.pathname.split('/').pop() ?? ''
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
    if (options.token && headers.get('authorization') !== `Bearer ${options.token}`)
      return json(401, { error: 'read token required' })
    const custom = options.answer?.(report, url)
    if (custom) return json(custom.status, custom.body)
    const body = (fixtures as Record<string, unknown>)[report]
    return body ? json(200, body) : json(404, { error: `unknown report "${report}"` })
  }) as typeof fetch
  return { fetch: fetchImpl, requests }
}
