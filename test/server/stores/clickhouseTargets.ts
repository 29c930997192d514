import { createClickhouseStore } from '../../../src/server/stores/clickhouseStore.js'
import { schemaMigrations } from '../../../src/server/stores/schemaMigrations.js'
import { clickhouse, clickhouseSql, uniqueDatabase } from '../../support/clickhouse.js'
import type { StoreTarget } from './storeTargets.js'

/** The local single server and two-shard cluster the test project started, or skipped targets saying why. */
export function clickhouseTargets(): StoreTarget[] {
  if (!clickhouse.available) {
    const reason = clickhouse.reason
    return ['ClickHouse single server', 'ClickHouse two-shard cluster'].map((name) => ({
      name,
      available: false,
      skipReason: reason,
      timePrecisionMs: 1000,
      async fresh() {},
      open: () => {
        throw new Error(reason)
      },
      async cleanup() {},
    }))
  }
  const servers = clickhouse
  const made: string[] = []
  let database = ''
  const fresh = async () => {
    database = uniqueDatabase('ik_store')
    made.push(database)
  }
  // so the test sees copies before ClickHouse merges them away, not after a lucky merge
  const stopMerges = async (urls: string[], tables: string[]) => {
    for (const url of urls)
      for (const t of tables) await clickhouseSql(url, `SYSTEM STOP MERGES ${database}.${t}`)
  }
  const dropAll = async (urls: string[]) => {
    for (const url of urls) for (const db of made) await clickhouseSql(url, `DROP DATABASE IF EXISTS ${db}`)
  }
  return [
    {
      name: `ClickHouse ${servers.version} single server`,
      available: true,
      timePrecisionMs: 1000,
      fresh,
      open: (migrations = schemaMigrations) =>
        createClickhouseStore({ url: servers.single, database }, migrations),
      cleanup: () => dropAll([servers.single]),
      stopMerges: () => stopMerges([servers.single], ['events', 'metric_points']),
    },
    {
      name: `ClickHouse ${servers.version} two-shard cluster`,
      available: true,
      timePrecisionMs: 1000,
      fresh,
      open: (migrations = schemaMigrations) =>
        createClickhouseStore(
          {
            url: servers.cluster.nodes[0]!,
            database,
            cluster: servers.cluster.name,
            nodes: servers.cluster.nodes,
          },
          migrations,
        ),
      cleanup: () => dropAll(servers.cluster.nodes),
      stopMerges: () => stopMerges(servers.cluster.nodes, ['events_local', 'metric_points_local']),
      async shardCounts(table) {
        return Promise.all(
          servers.cluster.nodes.map(async (url) =>
            Number(await clickhouseSql(url, `SELECT count() FROM ${database}.${table}`)),
          ),
        )
      },
      openOtherNode: () =>
        createClickhouseStore(
          {
            url: servers.cluster.nodes[1]!,
            database,
            cluster: servers.cluster.name,
            nodes: servers.cluster.nodes,
          },
          schemaMigrations,
        ),
    },
  ]
}
