import { randomUUID } from 'node:crypto'
import { inject } from 'vitest'
import type { ClickHouseServers } from './clickhouseSetup.js'

/**
 * The local ClickHouse servers the `server` test project started (see clickhouseSetup.ts), or why
 * there are none. Use as `describe.skipIf(!clickhouse.available)(clickhouseTitle('…'), …)`.
 */
export const clickhouse: ClickHouseServers = inject('clickhouse')

/** A describe title that says, in the test report, why ClickHouse tests were skipped. */
export function clickhouseTitle(title: string): string {
  return clickhouse.available ? title : `${title} (skipped: ${clickhouse.reason})`
}

/** A database name no other test file or run uses, so files can run in parallel on one server. */
export function uniqueDatabase(prefix = 'ik_test'): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`
}

/** Runs SQL on one server over plain HTTP (independently of any store) and returns its text answer. */
export async function clickhouseSql(url: string, sql: string): Promise<string> {
  const res = await fetch(url, { method: 'POST', body: sql })
  const text = await res.text()
  if (!res.ok) throw new Error(`ClickHouse ${res.status}: ${text}`)
  return text
}
