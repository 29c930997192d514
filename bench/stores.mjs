#!/usr/bin/env node
// npm run bench:stores: write throughput of the stores and what a stored event costs on disk, each next
// to a baseline measured in the same run, written to bench/STORES.md. Starts its own local ClickHouse
// servers (scripts/clickhouse.mjs) when clickhouse-server is installed. Not run by CI.
//
//   node bench/stores.mjs            full run (a few minutes)
//   node bench/stores.mjs --quick    a tenth of the rows, for checking the script; prints only
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { bundleForNode } from '../scripts/bundleForNode.mjs'
import { findClickHouse, startClickHouse } from '../scripts/clickhouse.mjs'

const ROOT = join(import.meta.dirname, '..')
const quick = process.argv.includes('--quick')
const scale = quick ? 0.1 : 1
const started = Date.now()
const log = (...args) =>
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s]`, ...args)

// the stores from src/, bundled so this script runs on plain Node
const cache = join(ROOT, 'node_modules/.cache/instrumentkit-bench')
mkdirSync(cache, { recursive: true })
const bundle = join(cache, `stores-${process.pid}.mjs`)
await bundleForNode(join(ROOT, 'src/server.ts'), bundle)
const { duckdbStore, clickhouseStore } = await import(bundle)
rmSync(bundle)

// Events shaped like the playground's: a pool of users and sessions, a dozen names, real user agents.
const NAMES = [
  'page_viewed',
  'product_viewed',
  'cart_item_added',
  'checkout_started',
  'checkout_completed',
  'search_performed',
  'signup_completed',
  'experiment_exposed',
  'button_clicked',
  'form_submitted',
  'video_played',
  'filter_applied',
]
const PATHS = ['/', '/products', '/products/42', '/cart', '/checkout', '/search', '/account', '/blog/launch']
const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
]
const T0 = Date.UTC(2026, 10, 1)
let serial = 0
function event() {
  const i = serial++
  const user = Math.floor(Math.random() * 20_000)
  const ua = UAS[user % UAS.length]
  const path = PATHS[i % PATHS.length]
  const ts = T0 + i * 40 + Math.floor(Math.random() * 30)
  return {
    message_id: randomUUID(),
    event_name: NAMES[(i * 7 + user) % NAMES.length],
    timestamp_ms: ts,
    client_timestamp_ms: ts - 120,
    sent_at_ms: ts + 900,
    received_at_ms: ts + 1000,
    user_id: user % 3 === 0 ? `user_${user}` : null,
    anonymous_id: `anon_${user.toString(36)}_${(user * 7919).toString(36)}`,
    session_id: `sess_${user}_${Math.floor(i / 5000)}`,
    seq: i % 200,
    properties: JSON.stringify({
      order_id: `ord_${i}`,
      value: Math.round(Math.random() * 20000) / 100,
      currency: 'EUR',
      items: (i % 5) + 1,
    }),
    context: JSON.stringify({
      platform: 'web',
      user_agent: ua,
      page: { path, url: `https://shop.example${path}`, title: 'Shop' },
      locale: 'en-GB',
      timezone: 'Europe/Lisbon',
      screen_resolution: '1920x1080',
      library: { name: 'instrumentkit', version: '0.1.0' },
    }),
    page_path: path,
    browser: user % 3 === 0 ? 'Chrome' : user % 3 === 1 ? 'Safari' : 'Mobile Safari',
    browser_version: user % 3 === 0 ? '131.0.0.0' : '18.1',
    os: user % 3 === 0 ? 'Windows' : user % 3 === 1 ? 'Mac OS' : 'iOS',
    os_version: user % 3 === 0 ? '10' : user % 3 === 1 ? '10.15.7' : '18.1',
    device_type: user % 3 === 2 ? 'mobile' : 'desktop',
    is_bot: false,
    write_key: 'wk_live',
    ip: null,
    schema_status: 'valid',
    schema_error: null,
  }
}
const batchOf = (n) => Array.from({ length: n }, event)
const set = (events) => ({ events, metrics: [], rejections: [] })

/** Writes `total` events in writes of `size` rows; returns rows/s overall and over the last fifth. */
async function writeRate(write, total, size) {
  const batches = Array.from({ length: Math.ceil(total / size) }, () => batchOf(size))
  const tailFrom = Math.floor(batches.length * 0.8)
  let tailStart = 0
  const t = performance.now()
  for (const [i, batch] of batches.entries()) {
    if (i === tailFrom) tailStart = performance.now()
    await write(batch)
  }
  const end = performance.now()
  return {
    rows: batches.length * size,
    rate: (batches.length * size) / ((end - t) / 1000),
    tailRate: ((batches.length - tailFrom) * size) / ((end - tailStart) / 1000),
  }
}

async function median(fn, times = 5) {
  const runs = []
  for (let i = 0; i < times; i++) {
    const t = performance.now()
    await fn()
    runs.push(performance.now() - t)
  }
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]
}

const results = []
const note = (section, name, value, extra = '') => {
  results.push({ section, name, value, extra })
  log(section, name, value, extra)
}
const fmt = (n) => Math.round(n).toLocaleString('en-US')

// ---- DuckDB
const dir = mkdtempSync(join(tmpdir(), 'ik-bench-stores-'))
try {
  const N = Math.round(1_000_000 * scale)
  log(`DuckDB: ${fmt(N)} events through duckdbStore, 1,000 per write`)
  const path = join(dir, 'appender.duckdb')
  const store = duckdbStore({ path })
  await store.init()
  const appender = await writeRate((b) => store.write(set(b)), N, 1000)
  note(
    'duckdb',
    'Appender, 1,000-row writes',
    `${fmt(appender.rate)} rows/s`,
    `last fifth ${fmt(appender.tailRate)} rows/s`,
  )
  const uniqueMs = await median(() => store.query('SELECT count(*) AS n FROM events_unique'))
  note('duckdb', `count(*) of events_unique over ${fmt(N)} rows`, `${uniqueMs.toFixed(0)} ms`, 'median of 5')
  const groupMs = await median(() =>
    store.query(
      `SELECT event_name, count(DISTINCT anonymous_id) AS users FROM events_unique
      WHERE timestamp_ms BETWEEN {from} AND {to} AND NOT is_bot GROUP BY event_name`,
      { from: T0, to: T0 + 86_400_000 * 30 },
    ),
  )
  note('duckdb', `users per event over ${fmt(N)} rows`, `${groupMs.toFixed(0)} ms`, 'median of 5')
  await store.close()
  note(
    'duckdb',
    'file size per event',
    `${(statSync(path).size / N).toFixed(0)} bytes`,
    `${(statSync(path).size / 1e6).toFixed(0)} MB for ${fmt(N)}`,
  )

  // baseline 1: the same rows as multi-row INSERT … VALUES statements, one transaction per write
  const B = Math.round(100_000 * scale)
  log(`DuckDB baseline: ${fmt(B)} events as INSERT … VALUES`)
  const inst = await DuckDBInstance.create(join(dir, 'values.duckdb'))
  const db = await inst.connect()
  const cols = Object.keys(event())
  await db.run(
    `CREATE TABLE events (${cols.map((c) => `"${c}" ${/_ms$|^seq$/.test(c) ? 'BIGINT' : c === 'is_bot' ? 'BOOLEAN' : 'VARCHAR'}`).join(', ')})`,
  )
  const lit = (v) =>
    v === null ? 'NULL' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v)
  const values = await writeRate(
    (b) =>
      db.run(
        `INSERT INTO events VALUES ${b.map((r) => `(${cols.map((c) => lit(r[c])).join(', ')})`).join(', ')}`,
      ),
    B,
    1000,
  )
  note(
    'duckdb',
    'baseline: INSERT … VALUES, 1,000-row statements',
    `${fmt(values.rate)} rows/s`,
    `Appender is ${(appender.rate / values.rate).toFixed(1)}×`,
  )

  // baseline 2: a primary key on message_id with INSERT OR IGNORE, the dedup the stores avoid
  const P = Math.round(100_000 * scale)
  log(`DuckDB baseline: ${fmt(P)} events with a VARCHAR PRIMARY KEY and INSERT OR IGNORE`)
  await db.run(
    `CREATE TABLE keyed (${cols.map((c) => `"${c}" ${/_ms$|^seq$/.test(c) ? 'BIGINT' : c === 'is_bot' ? 'BOOLEAN' : 'VARCHAR'}${c === 'message_id' ? ' PRIMARY KEY' : ''}`).join(', ')})`,
  )
  const keyed = await writeRate(
    (b) =>
      db.run(
        `INSERT OR IGNORE INTO keyed VALUES ${b.map((r) => `(${cols.map((c) => lit(r[c])).join(', ')})`).join(', ')}`,
      ),
    P,
    1000,
  )
  note(
    'duckdb',
    `baseline: PRIMARY KEY + INSERT OR IGNORE, to ${fmt(P)} rows`,
    `${fmt(keyed.rate)} rows/s`,
    `last fifth ${fmt(keyed.tailRate)} rows/s`,
  )
  db.closeSync()
  inst.closeSync()
} finally {
  rmSync(dir, { recursive: true, force: true })
}

// ---- ClickHouse
if (!findClickHouse()) {
  log('clickhouse-server is not installed: ClickHouse numbers skipped')
} else {
  const ch = await startClickHouse()
  try {
    const N = Math.round(200_000 * scale)
    let single1000 = 0
    for (const size of [1000, 10_000]) {
      const store = clickhouseStore({ url: ch.single, database: `bench_${size}` })
      await store.init()
      const r = await writeRate((b) => store.write(set(b)), N, size)
      note('clickhouse', `single server, ${fmt(size)}-row writes`, `${fmt(r.rate)} rows/s`)
      if (size === 1000) single1000 = r.rate
      if (size === 10_000) {
        await fetch(ch.single, { method: 'POST', body: `OPTIMIZE TABLE bench_${size}.events FINAL` })
        const [row] = await store.query(
          `SELECT sum(data_compressed_bytes) AS c, sum(data_uncompressed_bytes) AS u, sum(rows) AS n
           FROM system.parts WHERE database = {db} AND table = 'events' AND active`,
          { db: `bench_${size}` },
        )
        note(
          'clickhouse',
          'compressed bytes per event',
          `${(row.c / row.n).toFixed(0)} bytes`,
          `${(row.u / row.n).toFixed(0)} uncompressed`,
        )
        const uniqueMs = await median(() => store.query('SELECT count(*) AS n FROM events_unique'))
        note(
          'clickhouse',
          `count(*) of events_unique (FINAL) over ${fmt(N)} rows`,
          `${uniqueMs.toFixed(0)} ms`,
          'median of 5',
        )
      }
      await store.close()
    }
    // baseline: the same rows posted as JSONEachRow with fetch, no client library
    await fetch(ch.single, { method: 'POST', body: 'CREATE TABLE bench_1000.raw AS bench_1000.events' })
    const raw = await writeRate(
      async (b) => {
        const body = b
          .map((r) =>
            JSON.stringify({
              ...r,
              timestamp: new Date(r.timestamp_ms).toISOString().slice(0, 19).replace('T', ' '),
              is_bot: 0,
            }),
          )
          .join('\n')
        const res = await fetch(
          `${ch.single}/?query=${encodeURIComponent('INSERT INTO bench_1000.raw FORMAT JSONEachRow')}`,
          { method: 'POST', body },
        )
        if (!res.ok) throw new Error(await res.text())
      },
      N,
      1000,
    )
    note(
      'clickhouse',
      'baseline: raw HTTP POST of JSONEachRow, 1,000-row inserts',
      `${fmt(raw.rate)} rows/s`,
      `the store's 1,000-row writes are ${(single1000 / raw.rate).toFixed(2)}×`,
    )

    const cluster = clickhouseStore({
      url: ch.cluster.nodes[0],
      database: 'bench_cluster',
      cluster: ch.cluster.name,
      nodes: ch.cluster.nodes,
    })
    await cluster.init()
    const c = await writeRate((b) => cluster.write(set(b)), N, 1000)
    note(
      'clickhouse',
      'two-shard cluster (both on this machine), 1,000-row writes, insert_distributed_sync',
      `${fmt(c.rate)} rows/s`,
    )
    await cluster.close()
  } finally {
    await ch.stop()
  }
}

const load = loadavg()[0]
const table = results.map((r) => `| ${r.section} | ${r.name} | ${r.value} | ${r.extra} |`).join('\n')
const text = `# Store benchmark

\`npm run bench:stores\` (bench/stores.mjs), one run on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}),
load average ${load.toFixed(1)} at the end, Node ${process.versions.node}. Events are shaped like the playground's
(about 600 bytes of JSON each, 20,000 users). Absolute numbers depend on the machine; compare rows within a run.

| store | measurement | result | note |
| --- | --- | --- | --- |
${table}
`
if (quick) console.log(text)
else {
  writeFileSync(join(ROOT, 'bench/STORES.md'), text)
  log('wrote bench/STORES.md')
}
