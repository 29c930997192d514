import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { clickhouseStore } from '../../../src/server/stores/clickhouseStore.js'
import { duckdbStore } from '../../../src/server/stores/duckdbStore.js'
import type { EventRow, MetricRow, RejectionRow, Store, WriteSet } from '../../../src/server/stores/types.js'
import { clickhouse, clickhouseSql, uniqueDatabase } from '../../support/clickhouse.js'

/** The real DuckDB store on a file in a fresh temporary folder, removed on close. */
export async function openTestDuckdb(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'ik-reports-'))
  const store = duckdbStore({ path: join(dir, 'events.duckdb') })
  await store.init()
  return {
    ...store,
    dialect: store.dialect,
    close: async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The real ClickHouse store on a database of its own on the test server, dropped on close. */
export async function openTestClickhouse(url: string): Promise<Store> {
  const database = uniqueDatabase('reports')
  const store = clickhouseStore({ url, database })
  await store.init()
  return {
    ...store,
    dialect: store.dialect,
    close: async () => {
      await store.close()
      await clickhouseSql(url, `DROP DATABASE IF EXISTS ${database}`)
    },
  }
}

let seq = 0

/** An event row with defaults; `t` is its corrected time. */
export function eventRow(
  e: Partial<EventRow> & {
    event_name: string
    t: number
    user?: string | null
    anon?: string
    props?: object
  },
): EventRow {
  const { t, user, anon, props, ...rest } = e
  return {
    message_id: randomUUID(),
    timestamp_ms: t,
    client_timestamp_ms: t,
    sent_at_ms: t,
    received_at_ms: t + 100,
    user_id: user ?? null,
    anonymous_id: anon ?? `anon_${user ?? randomUUID()}`,
    session_id: `sess_${user ?? anon ?? 'x'}`,
    seq: seq++,
    properties: JSON.stringify(props ?? {}),
    context: '{}',
    page_path: null,
    browser: null,
    browser_version: null,
    os: null,
    os_version: null,
    device_type: null,
    is_bot: false,
    write_key: null,
    ip: null,
    schema_status: 'unchecked',
    schema_error: null,
    ...rest,
  }
}

/** A metric row with defaults. */
export function metricRow(
  m: Omit<Partial<MetricRow>, 'tags'> & { name: string; type: MetricRow['type']; t: number; tags?: object },
): MetricRow {
  const { t, tags, ...rest } = m
  return {
    id: randomUUID(),
    tags: JSON.stringify(tags ?? {}),
    start_ms: t - 10_000,
    end_ms: t,
    value: null,
    count: null,
    sum: null,
    min: null,
    max: null,
    bounds: null,
    buckets: null,
    received_at_ms: t + 100,
    write_key: null,
    ...rest,
  }
}

/** A rejection row with defaults. */
export function rejectionRow(r: Partial<RejectionRow> & { reason: string; t: number }): RejectionRow {
  const { t, ...rest } = r
  return {
    received_at_ms: t,
    write_key: null,
    message_id: null,
    event_name: null,
    detail: null,
    events: 1,
    ...rest,
  }
}

/** Writes rows, filling the missing kinds with nothing. */
export function rows(set: Partial<WriteSet>): WriteSet {
  return { events: set.events ?? [], metrics: set.metrics ?? [], rejections: set.rejections ?? [] }
}

/** The stores every report test runs on: a DuckDB file, and the test ClickHouse server when there is one. */
export const reportStores: [name: string, open: () => Promise<Store>][] = [
  ['DuckDB', openTestDuckdb],
  ...(clickhouse.available
    ? [
        ['ClickHouse', () => openTestClickhouse(clickhouse.available ? clickhouse.single : '')] as [
          string,
          () => Promise<Store>,
        ],
      ]
    : []),
]
