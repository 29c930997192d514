/** The three tables every store keeps. */
export type TableName = 'events' | 'metric_points' | 'ingest_rejections'

/** One column in both dialects. Nullable columns are marked so each dialect can say so its own way. */
export interface ColumnDefinition {
  name: string
  duckdb: string
  clickhouse: string
  nullable?: boolean
}

/**
 * A schema change after the first version. Stores apply the missing ones in order on `init()` and record
 * each in `schema_migrations`; new columns go at the end of their table, so a file or server migrated
 * from an old version has the same columns, in the same order, as a new one.
 *
 * @example Adding a column:
 * ```ts
 * { version: 2, description: 'events.country from the edge', addColumns: {
 *   events: [{ name: 'country', duckdb: 'VARCHAR', clickhouse: 'String', nullable: true }] } }
 * ```
 */
export interface SchemaMigration {
  version: number
  description: string
  addColumns?: Partial<Record<TableName, ColumnDefinition[]>>
}

const text = (name: string, nullable = false): ColumnDefinition => ({
  name,
  duckdb: 'VARCHAR',
  clickhouse: 'String',
  nullable,
})
const json = (name: string, nullable = false): ColumnDefinition => ({
  name,
  duckdb: 'JSON',
  clickhouse: 'String',
  nullable,
})
const epochMs = (name: string, nullable = false): ColumnDefinition => ({
  name,
  duckdb: 'BIGINT',
  clickhouse: 'Int64',
  nullable,
})
const float = (name: string): ColumnDefinition => ({
  name,
  duckdb: 'DOUBLE',
  clickhouse: 'Float64',
  nullable: true,
})

/** The tables as version 1 of the schema creates them. */
export const baseColumns: Record<TableName, ColumnDefinition[]> = {
  events: [
    text('message_id'),
    text('event_name'),
    // readable corrected time for people writing SQL; timestamp_ms is the same instant
    { name: 'timestamp', duckdb: 'TIMESTAMP', clickhouse: "DateTime('UTC')" },
    epochMs('timestamp_ms'),
    epochMs('client_timestamp_ms'),
    epochMs('sent_at_ms', true),
    epochMs('received_at_ms'),
    text('user_id', true),
    text('anonymous_id'),
    text('session_id'),
    { name: 'seq', duckdb: 'BIGINT', clickhouse: 'Int64' },
    json('properties'),
    json('context'),
    text('page_path', true),
    text('browser', true),
    text('browser_version', true),
    text('os', true),
    text('os_version', true),
    text('device_type', true),
    { name: 'is_bot', duckdb: 'BOOLEAN', clickhouse: 'UInt8' },
    text('write_key', true),
    text('ip', true),
    text('schema_status'),
    text('schema_error', true),
  ],
  metric_points: [
    text('id'),
    text('name'),
    text('type'),
    json('tags'),
    epochMs('start_ms'),
    epochMs('end_ms'),
    float('value'),
    { name: 'count', duckdb: 'BIGINT', clickhouse: 'Int64', nullable: true },
    float('sum'),
    float('min'),
    float('max'),
    json('bounds', true),
    json('buckets', true),
    epochMs('received_at_ms'),
    text('write_key', true),
  ],
  ingest_rejections: [
    epochMs('received_at_ms'),
    text('write_key', true),
    text('message_id', true),
    text('event_name', true),
    text('reason'),
    text('detail', true),
    { name: 'events', duckdb: 'BIGINT', clickhouse: 'Int64' },
  ],
}

/**
 * Every schema version, oldest first. Version 1 creates the tables of `baseColumns`; append new
 * versions here (never edit a released one).
 */
export const schemaMigrations: readonly SchemaMigration[] = [
  { version: 1, description: 'events, metric_points and ingest_rejections' },
]

/** The columns of each table once every migration up to the last of `migrations` is applied. */
export function columnsAfter(migrations: readonly SchemaMigration[]): Record<TableName, ColumnDefinition[]> {
  const tables = {
    events: [...baseColumns.events],
    metric_points: [...baseColumns.metric_points],
    ingest_rejections: [...baseColumns.ingest_rejections],
  }
  for (const migration of migrations) {
    for (const [table, columns] of Object.entries(migration.addColumns ?? {})) {
      tables[table as TableName].push(...(columns ?? []))
    }
  }
  return tables
}
