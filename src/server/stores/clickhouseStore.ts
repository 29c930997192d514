import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client'
import { recentMessageIds } from './recentMessageIds.js'
import {
  type ColumnDefinition,
  columnsAfter,
  type SchemaMigration,
  schemaMigrations,
  type TableName,
} from './schemaMigrations.js'
import { clickhouseQuoter, substituteParams } from './substituteParams.js'
import type { QueryParam, Store, WriteSet } from './types.js'

/** Options of `clickhouseStore`. */
export interface ClickhouseStoreOptions {
  /** The HTTP interface of a server, e.g. `http://127.0.0.1:8123`. Writes and queries go here. */
  url: string
  /** Created when missing. Default `instrumentkit`. */
  database?: string
  /** Default `default`. */
  username?: string
  /** The user's password (default empty). */
  password?: string
  /**
   * A cluster of `remote_servers` to spread events over: each node gets the local tables
   * (`events_local`, …), and `events`, `metric_points` and `ingest_rejections` become `Distributed`
   * tables over them, sharded so every copy of an event lands on the same shard.
   */
  cluster?: string
  /**
   * With `cluster`: the HTTP URL of every node (`url` is added when missing), to create and migrate the
   * tables on each directly. Without it the store uses `ON CLUSTER` DDL, which needs the cluster's
   * ZooKeeper or Keeper.
   */
  nodes?: string[]
  /** Per request. Default 30 000 ms. */
  requestTimeoutMs?: number
}

const TABLES: readonly TableName[] = ['events', 'metric_points', 'ingest_rejections']
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/
const CLUSTER_NAME = /^[A-Za-z0-9_.-]+$/

// Copies of an event carry the same client time, name and id, so they share partition and sort key,
// land in one part range and collapse in merges (and in FINAL before them).
const ENGINES: Record<TableName, { engine: string; partition: string; order: string; shardBy: string }> = {
  events: {
    engine: 'ReplacingMergeTree()',
    partition: "toYYYYMM(toDateTime(intDiv(client_timestamp_ms, 1000), 'UTC'))",
    order: '(event_name, client_timestamp_ms, message_id)',
    shardBy: 'sipHash64(anonymous_id)',
  },
  metric_points: {
    engine: 'ReplacingMergeTree()',
    partition: "toYYYYMM(toDateTime(intDiv(start_ms, 1000), 'UTC'))",
    order: '(name, start_ms, id)',
    shardBy: 'sipHash64(id)',
  },
  ingest_rejections: {
    engine: 'MergeTree()',
    partition: "toYYYYMM(toDateTime(intDiv(received_at_ms, 1000), 'UTC'))",
    order: '(reason, received_at_ms)',
    shardBy: 'rand()',
  },
}

const UNIQUE_VIEWS: [string, TableName][] = [
  ['events_unique', 'events'],
  ['metric_points_unique', 'metric_points'],
]

const columnType = (column: ColumnDefinition) =>
  column.nullable ? `Nullable(${column.clickhouse})` : column.clickhouse

/** `2026-03-14 09:26:53`: how ClickHouse reads a `DateTime('UTC')` from JSON. */
const dateTimeText = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ')

/** Where DDL runs: each node directly, or one node with `ON CLUSTER`. */
interface DdlTarget {
  client: ClickHouseClient
  onCluster: string
}

/**
 * Opens a ClickHouse store with the given migrations; `clickhouseStore` passes the released ones.
 * @internal exported for the migration tests
 */
export function createClickhouseStore(
  options: ClickhouseStoreOptions,
  migrations: readonly SchemaMigration[],
): Store {
  const database = options.database ?? 'instrumentkit'
  if (!options.url) throw new Error('clickhouseStore: `url` is required, e.g. http://127.0.0.1:8123')
  if (!IDENTIFIER.test(database)) {
    throw new Error(`clickhouseStore: database "${database}" must be letters, digits and underscores`)
  }
  const cluster = options.cluster
  if (cluster !== undefined && !CLUSTER_NAME.test(cluster)) {
    throw new Error(`clickhouseStore: cluster "${cluster}" must be letters, digits, '_', '.' and '-'`)
  }
  if (options.nodes && !cluster) throw new Error('clickhouseStore: `nodes` needs `cluster`')

  const connect = (url: string, db?: string) =>
    createClient({
      url,
      username: options.username ?? 'default',
      password: options.password ?? '',
      ...(db ? { database: db } : {}),
      request_timeout: options.requestTimeoutMs ?? 30_000,
      // failures reach the caller as rejections; the client's own console logging would repeat them
      log: { level: ClickHouseLogLevel.OFF },
    })

  // local tables carry a suffix behind a Distributed table of the plain name
  const local = (table: TableName) => (cluster ? `${table}_local` : table)
  const q = (name: string) => `${database}.${name}`
  const main = connect(options.url, database)
  const ddlTargets: DdlTarget[] = !cluster
    ? [{ client: connect(options.url), onCluster: '' }]
    : options.nodes
      ? [...new Set([options.url, ...options.nodes])].map((url) => ({ client: connect(url), onCluster: '' }))
      : [{ client: connect(options.url), onCluster: ` ON CLUSTER \`${cluster}\`` }]

  let columns: Record<TableName, string[]> | undefined
  let opening: Promise<void> | undefined
  let insertSettings: Record<string, number> = {}
  const pending = new Set<Promise<unknown>>()
  let closed = false

  async function rows<T>(client: ClickHouseClient, sql: string): Promise<T[]> {
    const result = await client.query({
      query: sql,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    })
    return (await result.json()) as T[]
  }

  async function hasColumn(client: ClickHouseClient, table: string, column: string): Promise<boolean> {
    const found = await rows(
      client,
      `SELECT name FROM system.columns WHERE database = ${clickhouseQuoter.string(database)}
       AND table = ${clickhouseQuoter.string(table)} AND name = ${clickhouseQuoter.string(column)}`,
    )
    return found.length > 0
  }

  async function createViews({ client, onCluster }: DdlTarget, replace: boolean): Promise<void> {
    for (const [view, table] of UNIQUE_VIEWS) {
      // a view's columns are fixed when it is created, so a migration that adds columns recreates it
      if (replace) await client.command({ query: `DROP TABLE IF EXISTS ${q(view)}${onCluster}` })
      await client.command({
        query: `CREATE VIEW IF NOT EXISTS ${q(view)}${onCluster} AS SELECT * FROM ${q(table)} FINAL`,
      })
    }
  }

  async function migrate(target: DdlTarget): Promise<void> {
    const { client, onCluster } = target
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}${onCluster}` })
    // with ON CLUSTER the DDL reaches every node together, so the node it was sent to keeps the record
    await client.command({
      query: `CREATE TABLE IF NOT EXISTS ${q('schema_migrations')} (version UInt32, description String,
        applied_at_ms Int64) ENGINE = MergeTree() ORDER BY version`,
    })
    const [row] = await rows<{ v: number }>(client, `SELECT max(version) AS v FROM ${q('schema_migrations')}`)
    const current = Number(row?.v ?? 0)
    const latest = migrations.at(-1)?.version ?? 0
    if (current > latest) {
      throw new Error(
        `clickhouseStore: database ${database} has schema version ${current}, newer than this version of instrumentkit knows (${latest}): upgrade instrumentkit`,
      )
    }
    let changed = false
    for (const migration of migrations) {
      if (migration.version <= current) continue
      if (migration.version === 1) {
        const base = columnsAfter([])
        for (const table of TABLES) {
          const { engine, partition, order, shardBy } = ENGINES[table]
          const columnsSql = base[table].map((c) => `${c.name} ${columnType(c)}`).join(', ')
          await client.command({
            query: `CREATE TABLE IF NOT EXISTS ${q(local(table))}${onCluster} (${columnsSql})
              ENGINE = ${engine} PARTITION BY ${partition} ORDER BY ${order}`,
          })
          if (cluster) {
            await client.command({
              query: `CREATE TABLE IF NOT EXISTS ${q(table)}${onCluster} AS ${q(local(table))}
                ENGINE = Distributed(${clickhouseQuoter.string(cluster)}, ${clickhouseQuoter.string(database)}, ${clickhouseQuoter.string(local(table))}, ${shardBy})`,
            })
          }
        }
      }
      for (const [table, added] of Object.entries(migration.addColumns ?? {}) as [
        TableName,
        ColumnDefinition[],
      ][]) {
        for (const column of added) {
          // 18.x has no ADD COLUMN IF NOT EXISTS; a half-applied migration is finished, not repeated
          for (const name of cluster ? [local(table), table] : [table]) {
            if (await hasColumn(client, name, column.name)) continue
            await client.command({
              query: `ALTER TABLE ${q(name)}${onCluster} ADD COLUMN ${column.name} ${columnType(column)}`,
            })
          }
        }
      }
      await client.insert({
        table: q('schema_migrations'),
        values: [
          { version: migration.version, description: migration.description, applied_at_ms: Date.now() },
        ],
        format: 'JSONEachRow',
      })
      changed = true
    }
    await createViews(target, changed && current > 0)
  }

  async function open(): Promise<void> {
    for (const target of ddlTargets) await migrate(target)
    const found = await rows<{ table: string; name: string }>(
      main,
      `SELECT table, name FROM system.columns WHERE database = ${clickhouseQuoter.string(database)}
       AND table IN ('events', 'metric_points', 'ingest_rejections')`,
    )
    columns = { events: [], metric_points: [], ingest_rejections: [] }
    for (const { table, name } of found) columns[table as TableName].push(name)
    // newer servers refuse an insert touching over 100 partitions, which old client clocks can reach
    const [limit] = await rows(
      main,
      "SELECT name FROM system.settings WHERE name = 'max_partitions_per_insert_block'",
    )
    insertSettings = {
      ...(cluster ? { insert_distributed_sync: 1 } : {}),
      ...(limit ? { max_partitions_per_insert_block: 0 } : {}),
    }
  }

  function ready(): Promise<void> {
    if (closed) return Promise.reject(new Error('clickhouseStore: the store is closed'))
    opening ??= open().catch((error) => {
      opening = undefined
      throw error
    })
    return opening
  }

  function track<T>(run: Promise<T>): Promise<T> {
    pending.add(run)
    const done = () => pending.delete(run)
    run.then(done, done)
    return run
  }

  function toRecord(table: TableName, row: object): Record<string, unknown> {
    const source = row as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (const name of columns![table]) {
      if (table === 'events' && name === 'timestamp') out[name] = dateTimeText(Number(source.timestamp_ms))
      else if (name in source)
        out[name] = typeof source[name] === 'boolean' ? (source[name] ? 1 : 0) : source[name]
    }
    return out
  }

  async function writeNow(set: WriteSet): Promise<void> {
    await ready()
    const batches: [TableName, readonly object[]][] = [
      ['events', set.events],
      ['metric_points', set.metrics],
      ['ingest_rejections', set.rejections],
    ]
    for (const [table, list] of batches) {
      if (list.length === 0) continue
      await main.insert({
        table: q(table),
        values: list.map((row) => toRecord(table, row)),
        format: 'JSONEachRow',
        clickhouse_settings: insertSettings,
      })
    }
  }

  async function read<T>(sql: string, params?: Record<string, QueryParam>): Promise<T[]> {
    await ready()
    // the client appends FORMAT after the statement, which a trailing semicolon would end first
    const statement = substituteParams(sql, params, clickhouseQuoter).replace(/;\s*$/, '')
    return rows<T>(main, statement)
  }

  function query<T = Record<string, unknown>>(
    sql: string,
    params?: Record<string, QueryParam>,
  ): Promise<T[]> {
    return track(read<T>(sql, params))
  }

  return {
    dialect: 'clickhouse',
    init: ready,
    write: (set) => track(writeNow(set)),
    recentMessageIds: (sinceMs, limit) => recentMessageIds(query, sinceMs, limit),
    query,
    async ping() {
      try {
        return (await main.ping()).success
      } catch {
        return false
      }
    },
    async close() {
      if (closed) return
      closed = true
      await Promise.allSettled([...pending])
      await Promise.all([main, ...ddlTargets.map((t) => t.client)].map((client) => client.close()))
    },
  }
}

/**
 * The store for volume: ClickHouse over its HTTP interface with the official client. Tables are
 * `ReplacingMergeTree`s partitioned by month of the client's time and keyed so copies of an event
 * collapse; `events_unique` and `metric_points_unique` read them with `FINAL`, so a copy counts once
 * even before ClickHouse merged it away. Each `write()` is one `JSONEachRow` insert per table, answered
 * once the server has written it (on a cluster, once every shard has). Runs on ClickHouse 18.16 and later.
 *
 * @example
 * ```ts
 * import { clickhouseStore, createCollector } from 'instrumentkit/server'
 *
 * const store = clickhouseStore({ url: 'http://127.0.0.1:8123', database: 'analytics' })
 * const collector = createCollector({ store })
 * ```
 */
export function clickhouseStore(options: ClickhouseStoreOptions): Store {
  return createClickhouseStore(options, schemaMigrations)
}
