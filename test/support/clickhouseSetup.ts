import type { TestProject } from 'vitest/node'
import { findClickHouse, INSTALL_HINT, startClickHouse } from '../../scripts/clickhouse.mjs'

/** What tests get from `inject('clickhouse')`: the local servers, or why there are none. */
export type ClickHouseServers =
  | { available: true; version: string; single: string; cluster: { name: string; nodes: string[] } }
  | { available: false; reason: string }

declare module 'vitest' {
  export interface ProvidedContext {
    clickhouse: ClickHouseServers
  }
}

/**
 * Vitest global setup of the `server` project: starts a single ClickHouse server and a two-shard
 * cluster for the run and stops them after it. Without an installed server the ClickHouse tests are
 * skipped with a message, except in CI, where that is a failure.
 */
export default async function setup(project: TestProject) {
  if (!findClickHouse()) {
    const reason = `clickhouse-server is not installed, so the ClickHouse tests are skipped: ${INSTALL_HINT}`
    if (process.env.CI) throw new Error(`CI needs ClickHouse: ${reason}`)
    console.warn(`\n[clickhouse] ${reason}\n`)
    project.provide('clickhouse', { available: false, reason })
    return
  }
  const servers = await startClickHouse()
  project.provide('clickhouse', {
    available: true,
    version: servers.version,
    single: servers.single,
    cluster: servers.cluster,
  })
  return () => servers.stop()
}
