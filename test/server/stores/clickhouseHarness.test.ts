import { afterAll, describe, expect, it } from 'vitest'
import { clickhouse, clickhouseSql, clickhouseTitle, uniqueDatabase } from '../../support/clickhouse.js'

describe.skipIf(!clickhouse.available)(clickhouseTitle('local ClickHouse servers for the tests'), () => {
  const servers = clickhouse.available ? clickhouse : null
  const db = uniqueDatabase('harness')

  afterAll(async () => {
    if (!servers) return
    for (const url of [servers.single, ...servers.cluster.nodes]) {
      await clickhouseSql(url, `DROP DATABASE IF EXISTS ${db}`)
    }
  })

  it('runs a single server that answers SQL', async () => {
    expect(await clickhouseSql(servers!.single, 'SELECT 1 + 1')).toBe('2\n')
  })

  it('runs two servers as the two shards of one cluster, and a Distributed table reads both', async () => {
    const { name, nodes } = servers!.cluster
    expect(nodes).toHaveLength(2)
    for (const [i, url] of nodes.entries()) {
      await clickhouseSql(url, `CREATE DATABASE IF NOT EXISTS ${db}`)
      await clickhouseSql(url, `CREATE TABLE ${db}.t (n UInt32) ENGINE = MergeTree() ORDER BY n`)
      await clickhouseSql(url, `INSERT INTO ${db}.t VALUES (${i + 1})`)
      await clickhouseSql(
        url,
        `CREATE TABLE ${db}.t_all AS ${db}.t ENGINE = Distributed(${name}, ${db}, t, n)`,
      )
    }
    const shards = await clickhouseSql(
      nodes[0]!,
      `SELECT count() FROM system.clusters WHERE cluster = '${name}'`,
    )
    expect(shards).toBe('2\n')
    expect(
      await clickhouseSql(nodes[0]!, `SELECT groupArray(n) FROM (SELECT n FROM ${db}.t_all ORDER BY n)`),
    ).toBe('[1,2]\n')
  })
})
