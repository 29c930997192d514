import type { EventRow, MetricRow, RejectionRow, WriteSet } from '../../../src/server.js'

const DAY = 86_400_000
/** 2026-03-14T09:26:53.589Z: a fixed instant, so partitions and days are the same on every run. */
export const T0 = 1_773_480_413_589

/** An event row with every column set, unicode and quotes included; `overrides` replaces fields. */
export function eventRow(overrides: Partial<EventRow> = {}): EventRow {
  return {
    message_id: 'msg-0001',
    event_name: 'checkout_completed',
    timestamp_ms: T0,
    client_timestamp_ms: T0 - 1500,
    sent_at_ms: T0 + 200,
    received_at_ms: T0 + 1700,
    user_id: 'user_8x92j4k1',
    anonymous_id: 'anon-1',
    session_id: 'sess_abc123',
    seq: 7,
    properties: JSON.stringify({ order_id: 'ord_4\'56"789', order_value: 149.99, note: 'café ☕ 😀 \\n' }),
    context: JSON.stringify({ platform: 'web', user_agent: 'Mozilla/5.0', page: { path: '/cart' } }),
    page_path: '/cart',
    browser: 'Chrome',
    browser_version: '131.0.0.0',
    os: 'Mac OS',
    os_version: '10.15.7',
    device_type: 'desktop',
    is_bot: false,
    write_key: 'wk_live',
    ip: '203.0.113.9',
    schema_status: 'invalid',
    schema_error: "properties.order_value: expected number, got 'abc'",
    ...overrides,
  }
}

/** An event row whose nullable columns are all null. */
export function sparseEventRow(overrides: Partial<EventRow> = {}): EventRow {
  return eventRow({
    message_id: 'msg-sparse',
    sent_at_ms: null,
    user_id: null,
    page_path: null,
    browser: null,
    browser_version: null,
    os: null,
    os_version: null,
    device_type: null,
    is_bot: true,
    write_key: null,
    ip: null,
    schema_status: 'unchecked',
    schema_error: null,
    ...overrides,
  })
}

export function histogramRow(overrides: Partial<MetricRow> = {}): MetricRow {
  return {
    id: 'pt-1',
    name: 'api.latency.ms',
    type: 'histogram',
    tags: JSON.stringify({ endpoint: '/users', region: 'eu' }),
    start_ms: T0 - 10_000,
    end_ms: T0,
    value: null,
    count: 3,
    sum: 420.5,
    min: 90,
    max: 210.25,
    bounds: JSON.stringify([100, 250]),
    buckets: JSON.stringify([1, 2, 0]),
    received_at_ms: T0 + 1700,
    write_key: 'wk_live',
    ...overrides,
  }
}

export function gaugeRow(overrides: Partial<MetricRow> = {}): MetricRow {
  return histogramRow({
    id: 'pt-2',
    name: 'queue.depth.count',
    type: 'gauge',
    tags: '{}',
    value: -12.5,
    count: null,
    sum: null,
    min: null,
    max: null,
    bounds: null,
    buckets: null,
    write_key: null,
    ...overrides,
  })
}

export function rejectionRow(overrides: Partial<RejectionRow> = {}): RejectionRow {
  return {
    received_at_ms: T0 + 1700,
    write_key: 'wk_live',
    message_id: 'msg-big',
    event_name: 'page_viewed',
    reason: 'event_too_large',
    detail: 'event of 40123 bytes is over the 32768-byte limit',
    events: 1,
    ...overrides,
  }
}

/** `n` distinct events for one user, one millisecond apart. */
export function manyEvents(n: number, prefix: string, overrides: Partial<EventRow> = {}): EventRow[] {
  return Array.from({ length: n }, (_, i) =>
    eventRow({
      message_id: `${prefix}-${i}`,
      seq: i,
      timestamp_ms: T0 + i,
      client_timestamp_ms: T0 + i,
      ...overrides,
    }),
  )
}

export const writeSet = (rows: Partial<WriteSet>): WriteSet => ({
  events: rows.events ?? [],
  metrics: rows.metrics ?? [],
  rejections: rows.rejections ?? [],
})

export { DAY }
