import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import {
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBInstance,
  DuckDBTimestampValue,
} from '@duckdb/node-api'
import { recentMessageIds } from './recentMessageIds.js'
import {
  type ColumnDefinition,
  columnsAfter,
  type SchemaMigration,
  schemaMigrations,
  type TableName,
} from './schemaMigrations.js'
import { duckdbQuoter, substituteParams } from './substituteParams.js'
import type { QueryParam, Store, WriteSet } from './types.js'

/** Options of `duckdbStore`. */
export interface DuckdbStoreOptions {
  /**
   * The database file; its folder is created when missing. `':memory:'` keeps a throw-away database
   * in memory (tests). Default `.instrumentkit/events.duckdb`, relative to the working directory.
   */
  path?: string
}

type Append = (appender: DuckDBAppender, value: unknown) => void

const appendByType: Record<string, Append> = {
  VARCHAR: (a, v) => a.appendVarchar(String(v)),
  JSON: (a, v) => a.appendVarchar(String(v)),
  BIGINT: (a, v) => a.appendBigInt(BigInt(Math.round(Number(v)))),
  INTEGER: (a, v) => a.appendInteger(Math.round(Number(v))),
  DOUBLE: (a, v) => a.appendDouble(Number(v)),
  BOOLEAN: (a, v) => a.appendBoolean(Boolean(v)),
  TIMESTAMP: (a, v) => a.appendTimestamp(new DuckDBTimestampValue(BigInt(Math.round(Number(v))) * 1000n)),
}

/** How to append one column of a table, in the table's physical order. */
interface ColumnPlan {
  name: string
  /** The row field holding its value; `timestamp` is derived from `timestamp_ms`. */
  field: string
  append: Append
}

// rows written between background checkpoints (about 50 MB of write-ahead log)
const CHECKPOINT_ROWS = 50_000

const TABLES: readonly TableName[] = ['events', 'metric_points', 'ingest_rejections']
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`
const columnSql = (column: ColumnDefinition, constrained: boolean) =>
  `${ident(column.name)} ${column.duckdb}${constrained && !column.nullable ? ' NOT NULL' : ''}`

const VIEWS = [
  // the first received copy of each message_id; the window keeps every column, including ones added later
  `CREATE OR REPLACE VIEW events_unique AS SELECT * FROM events
     QUALIFY row_number() OVER (PARTITION BY message_id ORDER BY received_at_ms, timestamp_ms) = 1`,
  `CREATE OR REPLACE VIEW metric_points_unique AS SELECT * FROM metric_points
     QUALIFY row_number() OVER (PARTITION BY id ORDER BY received_at_ms) = 1`,
]

function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(toPlain)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) out[key] = toPlain(v)
    return out
  }
  return value
}

async function migrate(db: DuckDBConnection, migrations: readonly SchemaMigration[]): Promise<void> {
  await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL, description VARCHAR NOT NULL, applied_at_ms BIGINT NOT NULL)`)
  const rows = (await db.runAndReadAll('SELECT max(version) AS v FROM schema_migrations')).getRowObjectsJS()
  const current = Number(rows[0]?.v ?? 0)
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) {
    throw new Error(
      `duckdbStore: this database has schema version ${current}, newer than this version of instrumentkit knows (${latest}): upgrade instrumentkit`,
    )
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue
    await db.run('BEGIN TRANSACTION')
    try {
      if (migration.version === 1) {
        const base = columnsAfter([])
        for (const table of TABLES) {
          await db.run(
            `CREATE TABLE IF NOT EXISTS ${table} (${base[table].map((c) => columnSql(c, true)).join(', ')})`,
          )
        }
      }
      for (const [table, columns] of Object.entries(migration.addColumns ?? {})) {
        // DuckDB cannot add a NOT NULL column to a table with rows: rows written before read NULL
        for (const column of columns ?? []) {
          await db.run(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${columnSql(column, false)}`)
        }
      }
      await db.run(
        `INSERT INTO schema_migrations VALUES (${migration.version}, ${duckdbQuoter.string(migration.description)}, ${Date.now()})`,
      )
      await db.run('COMMIT')
    } catch (error) {
      await db.run('ROLLBACK').catch(() => {})
      throw error
    }
  }
  for (const view of VIEWS) await db.run(view)
}

async function planAppends(
  db: DuckDBConnection,
  migrations: readonly SchemaMigration[],
): Promise<Record<TableName, ColumnPlan[]>> {
  const known = columnsAfter(migrations)
  const plans = {} as Record<TableName, ColumnPlan[]>
  for (const table of TABLES) {
    const columns = (
      await db.runAndReadAll(
        `SELECT column_name, data_type FROM duckdb_columns()
         WHERE schema_name = 'main' AND table_name = '${table}' ORDER BY column_index`,
      )
    ).getRowObjectsJS()
    plans[table] = columns.map((column) => {
      const name = String(column.column_name)
      const type = known[table].find((c) => c.name === name)?.duckdb ?? String(column.data_type)
      const append = appendByType[type] ?? appendByType[String(column.data_type)]
      if (!append) throw new Error(`duckdbStore: no appender for ${table}.${name} of type ${type}`)
      return { name, field: table === 'events' && name === 'timestamp' ? 'timestamp_ms' : name, append }
    })
  }
  return plans
}

function appendRows(appender: DuckDBAppender, plan: ColumnPlan[], rows: readonly object[]): void {
  for (const row of rows) {
    const record = row as Record<string, unknown>
    for (const column of plan) {
      const value = record[column.field]
      if (value === undefined) appender.appendDefault()
      else if (value === null) appender.appendNull()
      else column.append(appender, value)
    }
    appender.endRow()
  }
}

/**
 * Opens a DuckDB store with the given migrations; `duckdbStore` passes the released ones.
 * @internal exported for the migration tests
 */
export function createDuckdbStore(
  options: DuckdbStoreOptions,
  migrations: readonly SchemaMigration[],
): Store {
  const path = options.path ?? '.instrumentkit/events.duckdb'
  let instance: DuckDBInstance | undefined
  let writer: DuckDBConnection | undefined
  let plans: Record<TableName, ColumnPlan[]> | undefined
  let opening: Promise<void> | undefined
  let writes: Promise<unknown> = Promise.resolve()
  const reading = new Set<Promise<unknown>>()
  let sinceCheckpoint = 0
  let checkpointing: Promise<void> | undefined
  let closed = false

  async function open(): Promise<void> {
    if (path !== ':memory:') await mkdir(dirname(path), { recursive: true })
    try {
      // one database per file and process: a second store on the same file shares it (and sees its
      // rows) instead of opening the file twice, which DuckDB's file lock does not stop within a process
      instance =
        path === ':memory:'
          ? await DuckDBInstance.create(path)
          : await DuckDBInstance.fromCache(path, { checkpoint_threshold: '1GB' })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      throw new Error(
        /lock/i.test(message)
          ? `duckdbStore: ${path} is open in another process, and DuckDB lets one process write a file: stop that process, or give this one another path (${message})`
          : `duckdbStore: cannot open ${path}: ${message}`,
      )
    }
    writer = await instance.connect()
    await migrate(writer, migrations)
    plans = await planAppends(writer, migrations)
  }

  function ready(): Promise<void> {
    if (closed) return Promise.reject(new Error('duckdbStore: the store is closed'))
    opening ??= open().catch((error) => {
      opening = undefined
      instance?.closeSync()
      instance = undefined
      throw error
    })
    return opening
  }

  async function writeNow(rows: WriteSet): Promise<void> {
    await ready()
    const db = writer!
    const batches: [TableName, readonly object[]][] = [
      ['events', rows.events],
      ['metric_points', rows.metrics],
      ['ingest_rejections', rows.rejections],
    ]
    if (batches.every(([, list]) => list.length === 0)) return
    // one transaction per call: all of its rows are committed (and in the WAL on disk) or none
    await db.run('BEGIN TRANSACTION')
    try {
      for (const [table, list] of batches) {
        if (list.length === 0) continue
        const appender = await db.createAppender(table)
        try {
          appendRows(appender, plans![table], list)
          appender.closeSync()
        } catch (error) {
          appender.clear()
          appender.closeSync()
          throw error
        }
      }
      await db.run('COMMIT')
      sinceCheckpoint += rows.events.length + rows.metrics.length + rows.rejections.length
      if (sinceCheckpoint >= CHECKPOINT_ROWS && !checkpointing) {
        sinceCheckpoint = 0
        checkpointing = checkpoint().finally(() => {
          checkpointing = undefined
        })
      }
    } catch (error) {
      await db.run('ROLLBACK').catch(() => {})
      throw error
    }
  }

  // folds the write-ahead log into the file on a connection of its own, beside the writes, instead of
  // inside the commit that happened to cross DuckDB's threshold
  async function checkpoint(): Promise<void> {
    const connection = await instance!.connect()
    try {
      await connection.run('CHECKPOINT')
    } catch {
      // a busy database refuses; the next threshold tries again
    } finally {
      connection.closeSync()
    }
  }

  async function read<T>(sql: string, params?: Record<string, QueryParam>): Promise<T[]> {
    await ready()
    const text = substituteParams(sql, params, duckdbQuoter)
    const connection = await instance!.connect()
    try {
      const reader = await connection.runAndReadAll(text)
      return reader.getRowObjectsJS().map((row) => toPlain(row) as T)
    } finally {
      connection.closeSync()
    }
  }

  function query<T = Record<string, unknown>>(
    sql: string,
    params?: Record<string, QueryParam>,
  ): Promise<T[]> {
    const run = read<T>(sql, params)
    reading.add(run)
    const done = () => reading.delete(run)
    run.then(done, done)
    return run
  }

  return {
    dialect: 'duckdb',
    init: ready,
    write(rows) {
      // writes run one at a time on the write connection, in call order
      const run = writes.then(() => writeNow(rows))
      writes = run.catch(() => {})
      return run
    },
    recentMessageIds: (sinceMs, limit) => recentMessageIds(query, sinceMs, limit),
    query,
    async ping() {
      try {
        await query('SELECT 1')
        return true
      } catch {
        return false
      }
    },
    async close() {
      if (closed) return
      await opening?.catch(() => {})
      await writes
      await checkpointing
      await Promise.allSettled([...reading])
      closed = true
      if (!instance) return
      // folds the WAL into the file, so the next open has nothing to replay; another store sharing the
      // database may be mid-write, and then the WAL simply stays until a later checkpoint
      await writer?.run('CHECKPOINT').catch(() => {})
      writer?.closeSync()
      instance.closeSync()
      instance = undefined
    },
  }
}

/**
 * The embedded store: one DuckDB file, created and migrated on `init()`. Each `write()` appends its
 * rows with DuckDB's Appender in one transaction, durable (committed to the write-ahead log) when it
 * resolves; duplicates of a `message_id` are kept and counted once by the `events_unique` view, as a
 * key lookup per row would slow ingest a hundredfold at a million rows. Only one process may open a
 * file for writing; `query()` runs on its own connections alongside writes.
 *
 * @example
 * ```ts
 * import { createCollector, duckdbStore } from 'instrumentkit/server'
 *
 * const store = duckdbStore({ path: '.instrumentkit/events.duckdb' })
 * const collector = createCollector({ store })
 * const rows = await store.query('SELECT event_name, count(*) AS n FROM events_unique GROUP BY 1')
 * ```
 */
export function duckdbStore(options: DuckdbStoreOptions = {}): Store {
  return createDuckdbStore(options, schemaMigrations)
}
