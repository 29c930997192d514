import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import type {
  EventRow,
  MetricRow,
  QueryParam,
  RejectionRow,
  Store,
  WriteSet,
} from '../../../src/server/stores/types.js'
import { clickhouse, uniqueDatabase } from '../../support/clickhouse.js'

const quote = (v: string | number | boolean | null): string =>
  v === null
    ? 'NULL'
    : typeof v === 'number'
      ? String(v)
      : typeof v === 'boolean'
        ? String(v)
        : `'${v.replaceAll("'", "''")}'`

function substitute(sql: string, params: Record<string, QueryParam>): string {
  return sql.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole
    const v = params[name]!
    return Array.isArray(v) ? `(${v.map(quote).join(', ')})` : quote(v as string | number | boolean | null)
  })
}

/** A DuckDB file with the logical schema, for report tests. */
export async function openTestDuckdb(): Promise<Store & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ik-reports-'))
  const instance = await DuckDBInstance.create(join(dir, 'events.duckdb'))
  const conn = await instance.connect()
  const store: Store & { dir: string } = {
    dir,
    dialect: 'duckdb',
    async init() {
      await conn.run(`CREATE TABLE IF NOT EXISTS events (message_id VARCHAR, event_name VARCHAR, timestamp_ms BIGINT,
        client_timestamp_ms BIGINT, sent_at_ms BIGINT, received_at_ms BIGINT, user_id VARCHAR, anonymous_id VARCHAR,
        session_id VARCHAR, seq INTEGER, properties VARCHAR, context VARCHAR, page_path VARCHAR, browser VARCHAR,
        browser_version VARCHAR, os VARCHAR, os_version VARCHAR, device_type VARCHAR, is_bot BOOLEAN, write_key VARCHAR,
        ip VARCHAR, schema_status VARCHAR, schema_error VARCHAR)`)
      await conn.run(`CREATE TABLE IF NOT EXISTS metric_points (id VARCHAR, name VARCHAR, type VARCHAR, tags VARCHAR,
        start_ms BIGINT, end_ms BIGINT, value DOUBLE, count DOUBLE, sum DOUBLE, min DOUBLE, max DOUBLE, bounds VARCHAR,
        buckets VARCHAR, received_at_ms BIGINT, write_key VARCHAR)`)
      await conn.run(`CREATE TABLE IF NOT EXISTS ingest_rejections (received_at_ms BIGINT, write_key VARCHAR,
        message_id VARCHAR, event_name VARCHAR, reason VARCHAR, detail VARCHAR, events INTEGER)`)
      await conn.run(`CREATE OR REPLACE VIEW events_unique AS SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER
        (PARTITION BY message_id ORDER BY received_at_ms) AS rn FROM events) WHERE rn = 1`)
      await conn.run(`CREATE OR REPLACE VIEW metric_points_unique AS SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER
        (PARTITION BY id ORDER BY received_at_ms) AS rn FROM metric_points) WHERE rn = 1`)
    },
    async write(rows: WriteSet) {
      const insert = async (table: string, list: readonly object[]) => {
        for (let i = 0; i < list.length; i += 500) {
          const chunk = list.slice(i, i + 500) as Record<string, string | number | boolean | null>[]
          if (chunk.length === 0) continue
          const cols = Object.keys(chunk[0]!)
          const values = chunk.map((r) => `(${cols.map((c) => quote(r[c] ?? null)).join(', ')})`).join(',\n')
          await conn.run(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values}`)
        }
      }
      await insert('events', rows.events)
      await insert('metric_points', rows.metrics)
      await insert('ingest_rejections', rows.rejections)
    },
    async recentMessageIds() {
      return []
    },
    async query<T>(sql: string, params: Record<string, QueryParam> = {}) {
      const reader = await conn.runAndReadAll(substitute(sql, params))
      return reader.getRowObjectsJS().map((row) => {
        const out: Record<string, unknown> = {}
        for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v
        return out
      }) as T[]
    },
    async ping() {
      return true
    },
    async close() {
      conn.closeSync()
      instance.closeSync()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  await store.init()
  return store
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

const chQuote = (v: string | number | boolean | null): string =>
  v === null
    ? 'NULL'
    : typeof v === 'number'
      ? String(v)
      : typeof v === 'boolean'
        ? v
          ? '1'
          : '0'
        : `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`

/** A ClickHouse database with the logical schema, for report tests. */
export async function openTestClickhouse(url: string, database: string): Promise<Store> {
  const sql = async (text: string) => {
    const res = await fetch(`${url}/?database=${database}&output_format_json_quote_64bit_integers=0`, {
      method: 'POST',
      body: text,
    })
    const body = await res.text()
    if (!res.ok) throw new Error(`ClickHouse ${res.status}: ${body}\n${text}`)
    return body
  }
  await fetch(url, { method: 'POST', body: `CREATE DATABASE IF NOT EXISTS ${database}` })
  const store: Store = {
    dialect: 'clickhouse',
    async init() {
      await sql(`CREATE TABLE IF NOT EXISTS events (message_id String, event_name String, timestamp_ms Int64,
        client_timestamp_ms Int64, sent_at_ms Nullable(Int64), received_at_ms Int64, user_id Nullable(String),
        anonymous_id String, session_id String, seq UInt32, properties String, context String,
        page_path Nullable(String), browser Nullable(String), browser_version Nullable(String), os Nullable(String),
        os_version Nullable(String), device_type Nullable(String), is_bot UInt8, write_key Nullable(String),
        ip Nullable(String), schema_status String, schema_error Nullable(String))
        ENGINE = MergeTree() ORDER BY (message_id, received_at_ms)`)
      await sql(`CREATE TABLE IF NOT EXISTS metric_points (id String, name String, type String, tags String,
        start_ms Int64, end_ms Int64, value Nullable(Float64), count Nullable(Float64), sum Nullable(Float64),
        min Nullable(Float64), max Nullable(Float64), bounds Nullable(String), buckets Nullable(String),
        received_at_ms Int64, write_key Nullable(String)) ENGINE = MergeTree() ORDER BY (id, received_at_ms)`)
      await sql(`CREATE TABLE IF NOT EXISTS ingest_rejections (received_at_ms Int64, write_key Nullable(String),
        message_id Nullable(String), event_name Nullable(String), reason String, detail Nullable(String), events UInt32)
        ENGINE = MergeTree() ORDER BY received_at_ms`)
      await sql(`CREATE VIEW IF NOT EXISTS events_unique AS SELECT * FROM events WHERE (message_id, received_at_ms) IN
        (SELECT message_id, min(received_at_ms) FROM events GROUP BY message_id) LIMIT 1 BY message_id`)
      await sql(`CREATE VIEW IF NOT EXISTS metric_points_unique AS SELECT * FROM metric_points LIMIT 1 BY id`)
    },
    async write(set: WriteSet) {
      const insert = async (table: string, list: readonly object[]) => {
        if (list.length === 0) return
        const chunk = list as Record<string, string | number | boolean | null>[]
        const cols = Object.keys(chunk[0]!)
        const values = chunk.map((r) => `(${cols.map((c) => chQuote(r[c] ?? null)).join(', ')})`).join(',\n')
        await sql(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values}`)
      }
      await insert('events', set.events)
      await insert('metric_points', set.metrics)
      await insert('ingest_rejections', set.rejections)
    },
    async recentMessageIds() {
      return []
    },
    async query<T>(text: string, params: Record<string, QueryParam> = {}) {
      const sub = text.replace(/\{(\w+)\}/g, (whole, name: string) => {
        if (!(name in params)) return whole
        const v = params[name]!
        return Array.isArray(v)
          ? `(${v.map(chQuote).join(', ')})`
          : chQuote(v as string | number | boolean | null)
      })
      const body = await sql(`${sub}\nFORMAT JSON`)
      return (JSON.parse(body) as { data: T[] }).data
    },
    async ping() {
      return true
    },
    async close() {
      await fetch(url, { method: 'POST', body: `DROP DATABASE IF EXISTS ${database}` })
    },
  }
  await store.init()
  return store
}

/** The stores every report test runs on: a DuckDB file, and the test ClickHouse server when there is one. */
export const reportStores: [name: string, open: () => Promise<Store>][] = [
  ['DuckDB', openTestDuckdb],
  ...(clickhouse.available
    ? [
        [
          'ClickHouse',
          () => openTestClickhouse(clickhouse.available ? clickhouse.single : '', uniqueDatabase('reports')),
        ] as [string, () => Promise<Store>],
      ]
    : []),
]
