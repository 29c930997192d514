import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WEB_VITALS_METRICS } from '../../../src/metrics/instrumentWebVitals.js'
import { WEB_VITAL_METRIC_NAMES } from '../../../src/server/reports/overview.js'
import { runReport } from '../../../src/server/reports/runReport.js'
import type { OverviewReport } from '../../../src/server/reports/types.js'
import type { EventRow, MetricRow, Store } from '../../../src/server/stores/types.js'
import { eventRow, metricRow, reportStores, rows } from './reportStore.js'

const MIN = 60_000
const NOW = Date.UTC(2026, 11, 5, 12)
const BOUNDS = [10, 100, 1000]

const histogram = (
  name: string,
  tags: object,
  buckets: number[],
  min: number,
  max: number,
  t = NOW - 10 * MIN,
): MetricRow =>
  metricRow({
    name,
    type: 'histogram',
    t,
    tags,
    count: buckets.reduce((a, b) => a + b, 0),
    sum: 0,
    min,
    max,
    bounds: JSON.stringify(BOUNDS),
    buckets: JSON.stringify(buckets),
  })

describe.each(reportStores)('overview on %s', (_name, open) => {
  let store: Store
  beforeAll(async () => {
    store = await open()
    const metrics: MetricRow[] = []
    const orders = { route: '/api/orders', method: 'GET' }
    const ok = histogram(
      'http.server.duration.ms',
      { ...orders, status_class: '2xx' },
      [5, 10, 4, 1],
      2,
      2500,
    )
    metrics.push(ok, { ...ok, received_at_ms: ok.received_at_ms + 1 }) // redelivered point: counted once
    metrics.push(
      histogram('http.server.duration.ms', { ...orders, status_class: '5xx' }, [0, 0, 2, 0], 120, 900),
    )
    metrics.push(
      histogram(
        'http.server.duration.ms',
        { route: '/api/cart', method: 'POST', status_class: '4xx' },
        [3, 0, 0, 0],
        1,
        8,
      ),
    )
    // before the window
    metrics.push(
      histogram(
        'http.server.duration.ms',
        { ...orders, status_class: '5xx' },
        [0, 0, 50, 0],
        120,
        900,
        NOW - 2 * 60 * MIN,
      ),
    )
    metrics.push(histogram('payments.charge.ms', { outcome: 'success' }, [0, 2, 5, 1], 40, 3000))
    metrics.push(histogram('payments.charge.ms', { outcome: 'error' }, [0, 0, 0, 2], 1500, 5000))
    metrics.push(
      metricRow({
        name: 'queue.lag.ms',
        type: 'gauge',
        t: NOW - 20 * MIN,
        tags: { queue: 'emails' },
        value: 5000,
      }),
      metricRow({
        name: 'queue.lag.ms',
        type: 'gauge',
        t: NOW - 5 * MIN,
        tags: { queue: 'emails' },
        value: 12000,
      }),
      metricRow({
        name: 'queue.depth.count',
        type: 'gauge',
        t: NOW - 5 * MIN,
        tags: { queue: 'emails' },
        value: 340,
      }),
      metricRow({
        name: 'http.server.errors',
        type: 'counter',
        t: NOW - 5 * MIN,
        tags: { route: '/api/pay', method: 'POST', error_type: 'TimeoutError' },
        value: 3,
      }),
    )
    metrics.push(
      metricRow({
        name: 'web_vitals.lcp.ms',
        type: 'histogram',
        t: NOW - 5 * MIN,
        count: 8,
        min: 700,
        max: 6000,
        bounds: JSON.stringify([1000, 2500, 4000]),
        buckets: JSON.stringify([2, 4, 1, 1]),
      }),
    )
    const events: EventRow[] = []
    for (const [u, ago] of [
      ['a', 1],
      ['b', 4],
      ['c', 50],
      ['c', 2],
      ['d', 600],
    ] as const)
      events.push(eventRow({ event_name: 'page_viewed', user: u, t: NOW - ago * MIN }))
    events.push(eventRow({ event_name: 'page_viewed', user: 'bot', t: NOW - MIN, is_bot: true }))
    for (let i = 0; i < 12; i++)
      events.push(
        eventRow({
          event_name: 'error_occurred',
          user: `e${i % 3}`,
          t: NOW - (i + 1) * MIN,
          props: { message: 'Payment gateway timeout' },
        }),
      )
    events.push(
      eventRow({
        event_name: 'error_occurred',
        user: 'e9',
        t: NOW - 3 * MIN,
        props: { message: 'Cannot read properties of undefined' },
      }),
    )
    await store.write(rows({ events, metrics }))
  })
  afterAll(() => store.close())

  it('reads request rate, errors, latency, dependencies, queues, vitals, active users and errors of the last hour', async () => {
    const r = (await runReport('overview', new URLSearchParams(), {
      store,
      experiments: [],
      now: () => NOW,
    })) as OverviewReport
    expect(r.requests).toMatchObject({ total: 25, errors: 2, error_rate: 2 / 25, client_errors: 3 })
    expect(r.requests.per_second).toBeCloseTo(25 / 3600, 9)
    // all requests' buckets: ≤10: 8, ≤100: 10, ≤1000: 6, above: 1 (max 2500). p50 = rank 12.5, in (10,100]:
    // 10 + 90 × (12.5 − 8) / 10; p99 = rank 24.75 in the overflow bucket: 1000 + 1500 × 0.75
    expect(r.requests.latency_ms.p50).toBeCloseTo(10 + 90 * 0.45, 9)
    expect(r.requests.latency_ms.p99).toBeCloseTo(1000 + 1500 * 0.75, 9)
    expect(r.requests.by_route[0]).toMatchObject({
      route: '/api/orders',
      method: 'GET',
      requests: 22,
      errors: 2,
      error_rate: 2 / 22,
    })
    expect(r.requests.by_route[1]).toMatchObject({
      route: '/api/cart',
      method: 'POST',
      requests: 3,
      errors: 0,
    })
    // payments: 10 calls, 2 errors; buckets ≤100: 2, ≤1000: 5, above: 3 (max 5000); p50 = rank 5 → 100 + 900 × 3/5
    const [payments] = r.service_health.dependencies
    expect(payments).toMatchObject({ name: 'payments.charge.ms', calls: 10, errors: 2, error_rate: 0.2 })
    expect(payments!.latency_ms.p50).toBeCloseTo(100 + 900 * 0.6, 9)
    expect(r.service_health.queues).toEqual([{ queue: 'emails', depth: 340, lag_ms: 12000 }])
    expect(r.service_health.store).toMatchObject({ reachable: true })
    // a, b, c and the four users who hit errors in the last 5 minutes; d ten hours ago; the bot never
    expect(r.active_users).toEqual({ last_5_minutes: 7, last_day: 8 })
    // LCP: 8 samples, p75 = rank 6 in (1000, 2500]: 1000 + 1500 × 4/4
    expect(r.web_vitals.find((v) => v.name === 'LCP')).toMatchObject({
      p75: 2500,
      samples: 8,
      rating: 'good',
    })
    expect(r.web_vitals.find((v) => v.name === 'INP')).toMatchObject({ p75: null, samples: 0, rating: null })
    expect(r.recent_errors).toEqual([
      expect.objectContaining({ message: 'Payment gateway timeout', source: 'client', count: 12, users: 3 }),
      expect.objectContaining({ message: 'POST /api/pay: TimeoutError', source: 'server', count: 3 }),
      expect.objectContaining({ message: 'Cannot read properties of undefined', count: 1, users: 1 }),
    ])
  })

  it('reads the Web Vitals histograms instrumentWebVitals records', () => {
    expect(WEB_VITAL_METRIC_NAMES).toEqual(
      Object.fromEntries(Object.entries(WEB_VITALS_METRICS).map(([k, v]) => [k, v.name])),
    )
  })
})
