import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDuckdbStore } from '../../../src/server/stores/duckdbStore.js'
import { type SchemaMigration, schemaMigrations } from '../../../src/server/stores/schemaMigrations.js'
import type { Store } from '../../../src/server.js'

/**
 * A real store the conformance suite runs against. `open()` opens (and can reopen) the same database;
 * `fresh()` starts a new empty one. `shards` reads row counts from each shard's local table directly.
 */
export interface StoreTarget {
  name: string
  available: boolean
  skipReason?: string
  /** The readable `timestamp` column's resolution. */
  timePrecisionMs: number
  fresh(): Promise<void>
  open(migrations?: readonly SchemaMigration[]): Store
  cleanup(): Promise<void>
  /** Rows of `table` on each shard, read around the store; only for a cluster. */
  shardCounts?(table: string): Promise<number[]>
  /** Keeps the server from merging parts, so copies stay stored apart until the test reads them. */
  stopMerges?(): Promise<void>
  /** The same cluster database, entered through its other node. */
  openOtherNode?(): Store
}

/** A DuckDB file in a temp folder. */
export function duckdbTarget(): StoreTarget {
  const root = mkdtempSync(join(tmpdir(), 'ik-duckdb-'))
  let n = 0
  let path = ''
  return {
    name: 'DuckDB file',
    available: true,
    timePrecisionMs: 1,
    async fresh() {
      path = join(root, `db${++n}`, 'events.duckdb')
    },
    open: (migrations = schemaMigrations) => createDuckdbStore({ path }, migrations),
    async cleanup() {
      rmSync(root, { recursive: true, force: true })
    },
  }
}
