/**
 * The SQL fragments that differ between the stores reports run on. Reports are written once over these
 * helpers; only what one dialect cannot express the other way (funnels) is written twice.
 */
export interface Dialect {
  readonly name: 'duckdb' | 'clickhouse'
  /** Condition keeping human traffic. */
  readonly notBot: string
  /** The join keyword that keeps every matching pair (ClickHouse 18 needs the strictness spelled out). */
  readonly innerJoin: string
  /** The join keyword that keeps every left row and at most one right match per key. */
  readonly leftJoin: string
  /** A top-level JSON property as text (strings unquoted, numbers as written); null or '' when absent. */
  jsonText(column: string, key: string): string
  /** A top-level JSON property as a number; null or 0 when absent. */
  jsonNumber(column: string, key: string): string
  /** Linearly interpolated quantile of `expr` (exact in DuckDB; ClickHouse samples above 8,192 values). */
  quantile(expr: string, q: number): string
  quantileIf(expr: string, q: number, condition: string): string
  countDistinct(expr: string): string
  countDistinctIf(expr: string, condition: string): string
  countIf(condition: string): string
  sumIf(expr: string, condition: string): string
  /** Value of `expr` on the row where `by` is largest / smallest. */
  argMax(expr: string, by: string): string
  argMin(expr: string, by: string): string
  /** Integer division of two integer expressions, rounding down. */
  intDiv(a: string, b: string): string
  /**
   * The rows of `events_unique` matching `where`: one per `message_id`, its first received copy. `where`
   * narrows the raw rows before duplicates are collapsed, which is what keeps a report fast on DuckDB
   * (its view numbers every row of the table first); copies of an event share its name, ids, properties
   * and bot flag, so only a copy whose corrected time falls on the other side of a boundary than the
   * first one's (seconds apart at most) can be counted differently from the view.
   */
  uniqueEvents(where: string): string
  /** The rows of `metric_points_unique` matching `where`, narrowed first in the same way. */
  uniqueMetrics(where: string): string
  /**
   * One row per histogram bucket of `metric_points_unique` rows: `bucket_count` (the bucket's count), `le`
   * (its upper bound) and `overflow` (1 for the bucket above the last bound, whose `le` is meaningless).
   * `columns` are extra `[alias, expression]` columns kept from each point; `where` filters the points.
   */
  histogramBuckets(columns: readonly (readonly [alias: string, expr: string])[], where: string): string
  /**
   * `uniqueEvents(where)` with `person`: the user id, else the user id the anonymous id was
   * identified as (the smallest, if several), else the anonymous id. `columns` lists the columns kept.
   * With `deduplicate` false the raw rows are read: only for results a copy of an event cannot change
   * (a minimum or maximum time, a distinct count), where collapsing copies would be wasted work.
   */
  people(columns: string, where: string, deduplicate?: boolean): string
  /**
   * Names intermediate results so a query can read one several times: DuckDB materializes each once as a
   * CTE; ClickHouse 18 has no CTEs, so each reference repeats the subquery. Each definition and the body
   * get the references made so far.
   */
  withRelations(
    definitions: readonly (readonly [name: string, sql: (refs: Record<string, string>) => string])[],
    body: (refs: Record<string, string>) => string,
  ): string
}

const aliases = (columns: readonly (readonly [string, string])[]) =>
  columns.map(([alias]) => alias).join(', ')
const expressions = (columns: readonly (readonly [string, string])[]) =>
  columns.map(([alias, expr]) => `${expr} AS ${alias}`).join(', ')

// copies of an event carry the same ids, so identities read the raw table and skip the deduplication
const IDENTITIES = `SELECT anonymous_id, min(user_id) AS linked_user_id FROM events WHERE user_id IS NOT NULL AND user_id <> '' GROUP BY anonymous_id`

/** DuckDB: standard SQL with `FILTER`, `arg_max`, JSON functions and list unnesting. */
export const duckdbDialect: Dialect = {
  name: 'duckdb',
  notBot: 'NOT is_bot',
  innerJoin: 'INNER JOIN',
  leftJoin: 'LEFT JOIN',
  jsonText: (column, key) => `json_extract_string(${column}, '$.${key}')`,
  jsonNumber: (column, key) => `TRY_CAST(json_extract_string(${column}, '$.${key}') AS DOUBLE)`,
  quantile: (expr, q) => `quantile_cont(${expr}, ${q})`,
  quantileIf: (expr, q, condition) => `quantile_cont(${expr}, ${q}) FILTER (WHERE ${condition})`,
  countDistinct: (expr) => `count(DISTINCT ${expr})`,
  countDistinctIf: (expr, condition) => `count(DISTINCT ${expr}) FILTER (WHERE ${condition})`,
  countIf: (condition) => `count(*) FILTER (WHERE ${condition})`,
  sumIf: (expr, condition) => `coalesce(sum(${expr}) FILTER (WHERE ${condition}), 0)`,
  argMax: (expr, by) => `arg_max(${expr}, ${by})`,
  argMin: (expr, by) => `arg_min(${expr}, ${by})`,
  intDiv: (a, b) => `CAST(floor((${a}) / (${b})) AS BIGINT)`,
  histogramBuckets: (columns, where) =>
    `(SELECT ${aliases(columns)}, bucket_count, le, CASE WHEN le IS NULL THEN 1 ELSE 0 END AS overflow FROM (` +
    `SELECT ${expressions(columns)}, unnest(CAST(buckets AS DOUBLE[])) AS bucket_count, unnest(CAST(bounds AS DOUBLE[])) AS le ` +
    `FROM ${duckdbDialect.uniqueMetrics(`type = 'histogram' AND buckets IS NOT NULL AND bounds IS NOT NULL AND (${where})`)}))`,
  uniqueEvents: (where) =>
    `(SELECT * FROM events WHERE ${where} QUALIFY row_number() OVER (PARTITION BY message_id ORDER BY received_at_ms, timestamp_ms) = 1)`,
  uniqueMetrics: (where) =>
    `(SELECT * FROM metric_points WHERE ${where} QUALIFY row_number() OVER (PARTITION BY id ORDER BY received_at_ms) = 1)`,
  people: (columns, where, deduplicate = true) =>
    `(SELECT ${columns}, coalesce(nullif(e.user_id, ''), i.linked_user_id, e.anonymous_id) AS person ` +
    `FROM ${deduplicate ? duckdbDialect.uniqueEvents(where) : `(SELECT * FROM events WHERE ${where})`} e LEFT JOIN (${IDENTITIES}) i ON i.anonymous_id = e.anonymous_id)`,
  withRelations: (definitions, body) => {
    const refs: Record<string, string> = {}
    const ctes = definitions.map(([name, sql]) => {
      const text = `${name} AS MATERIALIZED (${sql(refs)})`
      refs[name] = name
      return text
    })
    return `WITH ${ctes.join(',\n')}\n${body(refs)}`
  },
}

const numbersOf = (column: string) =>
  `arrayMap(x -> toFloat64(x), splitByChar(',', replaceRegexpAll(ifNull(${column}, ''),'[\\\\[\\\\] ]', '')))`

/**
 * ClickHouse from 18.16 on: no window functions, no JSONExtract, joins by `USING` only; it has
 * `visitParamExtract*`, `uniqExact`, `*If` combinators, `argMax` and arrays.
 */
export const clickhouseDialect: Dialect = {
  name: 'clickhouse',
  notBot: 'is_bot = 0',
  innerJoin: 'ALL INNER JOIN',
  leftJoin: 'ANY LEFT JOIN',
  jsonText: (column, key) => `replaceRegexpAll(visitParamExtractRaw(${column}, '${key}'), '^"|"$', '')`,
  jsonNumber: (column, key) => `visitParamExtractFloat(${column}, '${key}')`,
  quantile: (expr, q) => `quantile(${q})(${expr})`,
  quantileIf: (expr, q, condition) => `quantileIf(${q})(${expr}, ${condition})`,
  countDistinct: (expr) => `uniqExact(${expr})`,
  countDistinctIf: (expr, condition) => `uniqExactIf(${expr}, ${condition})`,
  countIf: (condition) => `countIf(${condition})`,
  sumIf: (expr, condition) => `sumIf(${expr}, ${condition})`,
  argMax: (expr, by) => `argMax(${expr}, ${by})`,
  argMin: (expr, by) => `argMin(${expr}, ${by})`,
  intDiv: (a, b) => `intDiv(${a}, ${b})`,
  histogramBuckets: (columns, where) =>
    `(SELECT ${aliases(columns)}, bk[i] AS bucket_count, if(i > length(bd), 0, bd[i]) AS le, if(i > length(bd), 1, 0) AS overflow FROM (` +
    `SELECT ${expressions(columns)}, ${numbersOf('buckets')} AS bk, ${numbersOf('bounds')} AS bd ` +
    `FROM metric_points_unique WHERE type = 'histogram' AND ifNull(buckets, '') != '' AND ifNull(bounds, '') != '' AND (${where})) ARRAY JOIN arrayEnumerate(bk) AS i)`,
  uniqueEvents: (where) => `(SELECT * FROM events_unique WHERE ${where})`,
  uniqueMetrics: (where) => `(SELECT * FROM metric_points_unique WHERE ${where})`,
  people: (columns, where, deduplicate = true) =>
    `(SELECT ${columns}, if(uid != '', uid, if(linked_user_id != '', linked_user_id, anonymous_id)) AS person FROM ` +
    `(SELECT ${columns}, ifNull(user_id, '') AS uid, anonymous_id FROM ${deduplicate ? 'events_unique' : 'events'} WHERE ${where}) ` +
    `ANY LEFT JOIN (SELECT anonymous_id, ifNull(min(user_id), '') AS linked_user_id FROM events WHERE ifNull(user_id, '') != '' GROUP BY anonymous_id) USING anonymous_id)`,
  withRelations: (definitions, body) => {
    const refs: Record<string, string> = {}
    for (const [name, sql] of definitions) refs[name] = `(${sql(refs)})`
    return body(refs)
  },
}

/** The dialect of a store. */
export function dialectOf(storeDialect: string): Dialect | undefined {
  return storeDialect === 'duckdb'
    ? duckdbDialect
    : storeDialect === 'clickhouse'
      ? clickhouseDialect
      : undefined
}
