import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type SchemaMigration, schemaMigrations } from '../../../src/server/stores/schemaMigrations.js'
import type { Store } from '../../../src/server.js'
import { clickhouseTargets } from './clickhouseTargets.js'
import {
  DAY,
  eventRow,
  gaugeRow,
  histogramRow,
  manyEvents,
  rejectionRow,
  sparseEventRow,
  T0,
  writeSet,
} from './storeRows.js'
import { duckdbTarget, type StoreTarget } from './storeTargets.js'

const targets: StoreTarget[] = [duckdbTarget(), ...clickhouseTargets()]

const LATEST = schemaMigrations.at(-1)!.version
/** The released migrations plus one more, as a later release would add it. */
const withNextMigration: SchemaMigration[] = [
  ...schemaMigrations,
  {
    version: LATEST + 1,
    description: 'events.country',
    addColumns: { events: [{ name: 'country', duckdb: 'VARCHAR', clickhouse: 'String', nullable: true }] },
  },
]

const asBool = (v: unknown) => v === true || v === 1
const count = async (store: Store, sql: string, params?: Record<string, string | number>) =>
  Number((await store.query<{ n: number }>(sql, params))[0]?.n)

describe.each(targets)('store conformance: $name', (target) => {
  let store: Store
  const opened: Store[] = []
  const open = (migrations?: readonly SchemaMigration[]) => {
    const s = target.open(migrations)
    opened.push(s)
    return s
  }

  beforeEach(async (ctx) => {
    if (!target.available) ctx.skip(target.skipReason)
    await target.fresh()
    store = open()
    await store.init()
  })
  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((s) => s.close()))
  })
  afterAll(() => target.cleanup())

  it('creates the tables, the dedup views and the migration record, and init() can run again', async () => {
    await store.init()
    for (const table of [
      'events',
      'metric_points',
      'ingest_rejections',
      'events_unique',
      'metric_points_unique',
    ]) {
      expect(await count(store, `SELECT count(*) AS n FROM ${table}`)).toBe(0)
    }
    const versions = await store.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    )
    expect(versions.map((v) => v.version)).toEqual(schemaMigrations.map((m) => m.version))
    expect(await store.ping()).toBe(true)
  })

  it('stores every column of every table and reads it back as written, numbers as numbers', async () => {
    const full = eventRow()
    const sparse = sparseEventRow()
    await store.write(
      writeSet({
        events: [full, sparse],
        metrics: [histogramRow(), gaugeRow()],
        rejections: [
          rejectionRow(),
          rejectionRow({
            message_id: null,
            event_name: null,
            detail: null,
            write_key: null,
            reason: 'malformed_json',
            events: 12,
          }),
        ],
      }),
    )
    const events = await store.query<Record<string, unknown>>('SELECT * FROM events ORDER BY message_id')
    expect(events).toHaveLength(2)
    for (const [row, expected] of [
      [events[0]!, full],
      [events[1]!, sparse],
    ] as const) {
      for (const [key, value] of Object.entries(expected)) {
        if (key === 'is_bot') expect(asBool(row[key]), key).toBe(value)
        else expect(row[key], key).toEqual(value)
      }
      // the readable column is the corrected time, to the store's resolution
      const readable = new Date(String(row.timestamp).replace(' ', 'T').replace(/Z?$/, 'Z')).getTime()
      expect(readable).toBe(expected.timestamp_ms - (expected.timestamp_ms % target.timePrecisionMs))
    }
    expect(JSON.parse(String(events[0]!.properties)).note).toBe('café ☕ 😀 \\n')

    const metrics = await store.query<Record<string, unknown>>('SELECT * FROM metric_points ORDER BY id')
    for (const [row, expected] of [
      [metrics[0]!, histogramRow()],
      [metrics[1]!, gaugeRow()],
    ] as const) {
      for (const [key, value] of Object.entries(expected)) expect(row[key], key).toEqual(value)
    }
    const rejections = await store.query<Record<string, unknown>>(
      'SELECT * FROM ingest_rejections ORDER BY events',
    )
    expect(rejections[0]).toEqual(rejectionRow())
    expect(rejections[1]).toMatchObject({ message_id: null, reason: 'malformed_json', events: 12 })

    expect(await count(store, 'SELECT sum(events) AS n FROM ingest_rejections')).toBe(13)
    expect(typeof (await store.query<{ n: unknown }>('SELECT count(*) AS n FROM events'))[0]!.n).toBe(
      'number',
    )
  })

  it('keeps quotes, backslashes, unicode and SQL in values, and quotes parameters so they stay values', async () => {
    const nasty = [
      "Robert'); DROP TABLE events; --",
      "a\\'b\\\\' OR 1=1 --",
      '名前 ☕ 😀 \u2028 tab\tnewline\n',
      "it's {not_a_param}",
    ]
    await store.write(
      writeSet({
        events: nasty.map((name, i) => eventRow({ message_id: `m${i}`, event_name: name, user_id: name })),
      }),
    )
    for (const name of nasty) {
      const rows = await store.query<{ user_id: string }>(
        'SELECT user_id FROM events WHERE event_name = {name}',
        { name },
      )
      expect(rows).toEqual([{ user_id: name }])
    }
    expect(
      await count(store, 'SELECT count(*) AS n FROM events WHERE event_name IN {names}', {
        names: nasty,
      } as never),
    ).toBe(4)
    // a placeholder inside a string literal is text, not a parameter
    expect(await store.query("SELECT '{name}' AS t", { name: 'x' })).toEqual([{ t: '{name}' }])
    // negative numbers cannot turn `-{n}` into a comment
    expect(await store.query('SELECT 10-{n} AS d', { n: -5 })).toEqual([{ d: 15 }])
    expect(
      await count(store, 'SELECT count(*) AS n FROM events WHERE message_id IN {ids}', { ids: [] } as never),
    ).toBe(0)
    expect(
      await store.query('SELECT {t} AS t, {f} AS f, {z} AS z', { t: true, f: false, z: null } as never),
    ).toHaveLength(1)
    expect(await store.query('SELECT 1 AS one;\n')).toEqual([{ one: 1 }])
    await expect(store.query('SELECT {missing} AS x', {})).rejects.toThrow(/missing/)
    await expect(store.query('SELECT {n} AS x', { n: Number.NaN })).rejects.toThrow(/finite/)
    expect(await count(store, 'SELECT count(*) AS n FROM events')).toBe(4)
  })

  it('counts a message_id once in events_unique, for copies in other writes, days apart, received at other times', async () => {
    await target.stopMerges?.()
    const first = eventRow({ message_id: 'dup-1', received_at_ms: T0 + 1000 })
    await store.write(writeSet({ events: [first, eventRow({ message_id: 'solo' })] }))
    await store.write(
      writeSet({
        events: [
          eventRow({
            message_id: 'dup-1',
            received_at_ms: T0 + 3 * DAY,
            sent_at_ms: T0 + 3 * DAY,
            timestamp_ms: T0 + 5,
          }),
        ],
      }),
    )
    await store.write(
      writeSet({
        events: [eventRow({ message_id: 'dup-1', received_at_ms: T0 + 40 * DAY, sent_at_ms: null })],
      }),
    )
    await store.write(writeSet({ metrics: [histogramRow(), histogramRow({ received_at_ms: T0 + 2 * DAY })] }))
    await store.write(writeSet({ metrics: [histogramRow({ received_at_ms: T0 + 9 * DAY })] }))

    expect(await count(store, 'SELECT count(*) AS n FROM events')).toBe(4)
    expect(await count(store, 'SELECT count(*) AS n FROM events_unique')).toBe(2)
    expect(await count(store, "SELECT count(*) AS n FROM events_unique WHERE message_id = 'dup-1'")).toBe(1)
    expect(await count(store, 'SELECT count(*) AS n FROM metric_points')).toBe(3)
    expect(await count(store, 'SELECT count(*) AS n FROM metric_points_unique')).toBe(1)
    expect(await count(store, 'SELECT sum(count) AS n FROM metric_points_unique')).toBe(3)
    if (target.name.startsWith('DuckDB')) {
      const kept = await store.query<{ received_at_ms: number }>(
        "SELECT received_at_ms FROM events_unique WHERE message_id = 'dup-1'",
      )
      expect(kept).toEqual([{ received_at_ms: first.received_at_ms }])
    }
  })

  it('keeps what was written across close and reopen', async () => {
    await store.write(
      writeSet({ events: manyEvents(50, 'keep'), metrics: [gaugeRow()], rejections: [rejectionRow()] }),
    )
    await store.close()
    const again = open()
    await again.init()
    expect(await count(again, 'SELECT count(*) AS n FROM events_unique')).toBe(50)
    expect(await count(again, 'SELECT count(*) AS n FROM metric_points')).toBe(1)
    expect(await count(again, 'SELECT count(*) AS n FROM ingest_rejections')).toBe(1)
    await again.write(writeSet({ events: manyEvents(5, 'more') }))
    expect(await count(again, 'SELECT count(*) AS n FROM events')).toBe(55)
  })

  it('answers the example queries of docs/stores.md in its dialect', async () => {
    const order = (id: string, value: number, over: Partial<Parameters<typeof eventRow>[0]> = {}) =>
      eventRow({ message_id: id, properties: JSON.stringify({ order_value: value }), ...over })
    await store.write(
      writeSet({
        events: [
          order('o1', 100.5, { anonymous_id: 'a1' }),
          order('o2', 20, { anonymous_id: 'a2', timestamp_ms: T0 + DAY }),
          order('o1', 100.5, { anonymous_id: 'a1', received_at_ms: T0 + DAY }),
          order('bot', 999, { anonymous_id: 'b', is_bot: true }),
        ],
      }),
    )
    const duck = target.name.startsWith('DuckDB')
    const daily = duck
      ? `SELECT CAST(timestamp AS DATE) AS day, count(DISTINCT anonymous_id) AS visitors FROM events_unique
         WHERE timestamp_ms >= {since} AND NOT is_bot GROUP BY day ORDER BY day`
      : `SELECT toDate(timestamp) AS day, uniqExact(anonymous_id) AS visitors FROM events_unique
         WHERE timestamp_ms >= {since} AND NOT is_bot GROUP BY day ORDER BY day`
    const days = await store.query<{ day: string; visitors: number }>(daily, { since: T0 - DAY })
    expect(days.map((d) => [String(d.day).slice(0, 10), d.visitors])).toEqual([
      ['2026-03-14', 1],
      ['2026-03-15', 1],
    ])
    const revenue = duck
      ? `SELECT sum(CAST(properties->>'order_value' AS DOUBLE)) AS revenue FROM events_unique
         WHERE event_name = 'checkout_completed' AND NOT is_bot`
      : `SELECT sum(visitParamExtractFloat(properties, 'order_value')) AS revenue FROM events_unique
         WHERE event_name = 'checkout_completed' AND NOT is_bot`
    expect(await store.query(revenue)).toEqual([{ revenue: 120.5 }])
  })

  it('lists recent message ids, newest first, once each, since a time and up to a limit', async () => {
    await store.write(
      writeSet({
        events: [
          eventRow({ message_id: 'old', received_at_ms: T0 - DAY }),
          eventRow({ message_id: 'a', received_at_ms: T0 + 1 }),
          eventRow({ message_id: 'b', received_at_ms: T0 + 2 }),
          eventRow({ message_id: 'a', received_at_ms: T0 + 3 }),
          eventRow({ message_id: 'c', received_at_ms: T0 + 4 }),
        ],
      }),
    )
    expect(await store.recentMessageIds(T0, 10)).toEqual(['c', 'a', 'b'])
    expect(await store.recentMessageIds(T0, 2)).toEqual(['c', 'a'])
    expect(await store.recentMessageIds(T0 + 10, 10)).toEqual([])
  })

  it('takes concurrent writes without losing or mixing rows', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, w) =>
        store.write(
          writeSet({
            events: manyEvents(40, `w${w}`, { anonymous_id: `anon-${w}` }),
            metrics: [gaugeRow({ id: `g${w}` })],
          }),
        ),
      ),
    )
    expect(await count(store, 'SELECT count(*) AS n FROM events_unique')).toBe(480)
    expect(await count(store, 'SELECT count(DISTINCT anonymous_id) AS n FROM events')).toBe(12)
    expect(await count(store, 'SELECT count(*) AS n FROM metric_points_unique')).toBe(12)
  })

  // only a cluster has shards
  if (target.shardCounts)
    it('spreads events over both shards, keeps copies together, and every node sees all', async () => {
      const events = Array.from({ length: 300 }, (_, i) =>
        eventRow({
          message_id: `spread-${i}`,
          anonymous_id: `anon-${i % 60}`,
          client_timestamp_ms: T0 + i * 3_600_000,
        }),
      )
      await store.write(
        writeSet({ events, metrics: Array.from({ length: 40 }, (_, i) => gaugeRow({ id: `g-${i}` })) }),
      )
      await target.stopMerges!()
      // a second delivery of every event, days later, lands on the same shards and counts once
      await store.write(
        writeSet({ events: events.map((e) => ({ ...e, received_at_ms: e.received_at_ms + 2 * DAY })) }),
      )
      const shards = await target.shardCounts!('events_local')
      expect(shards.every((n) => n > 0)).toBe(true)
      expect(shards[0]! + shards[1]!).toBe(600)
      expect((await target.shardCounts!('metric_points_local')).every((n) => n > 0)).toBe(true)
      expect(await count(store, 'SELECT count(*) AS n FROM events_unique')).toBe(300)
      expect(await count(store, 'SELECT count(DISTINCT anonymous_id) AS n FROM events_unique')).toBe(60)
      const other = target.openOtherNode!()
      opened.push(other)
      await other.init()
      expect(await count(other, 'SELECT count(*) AS n FROM events_unique')).toBe(300)
    })

  it('migrates a database made by an older version, keeping its rows, and writes the new columns', async () => {
    await store.write(writeSet({ events: [eventRow({ message_id: 'before' })] }))
    await store.close()
    const upgraded = open(withNextMigration)
    await upgraded.init()
    const versions = await upgraded.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    )
    expect(versions.map((v) => v.version)).toEqual(withNextMigration.map((m) => m.version))
    await upgraded.write(writeSet({ events: [eventRow({ message_id: 'after', country: 'PT' } as never)] }))
    const rows = await upgraded.query<{ message_id: string; country: string | null }>(
      'SELECT message_id, country FROM events_unique ORDER BY message_id',
    )
    expect(rows).toEqual([
      { message_id: 'after', country: 'PT' },
      { message_id: 'before', country: null },
    ])
    await upgraded.close()
    // the older version refuses a database it does not understand instead of writing wrong rows
    const older = open(schemaMigrations)
    await expect(older.init()).rejects.toThrow(/newer/)
  })
})
