import type { QueryParam } from './types.js'

/** How a dialect writes one literal. */
export interface LiteralQuoter {
  string(value: string): string
  boolean(value: boolean): string
  /** Whether a backslash escapes the next character inside quotes. */
  backslashEscapes: boolean
}

function literal(value: QueryParam, quote: LiteralQuoter, name: string): string {
  if (value === null) return 'NULL'
  if (typeof value === 'string') return quote.string(value)
  if (typeof value === 'boolean') return quote.boolean(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`query parameter "${name}" is not a finite number`)
    // parenthesised so that `a-{n}` with a negative n cannot become `a--5`, a comment
    return value < 0 ? `(${value})` : String(value)
  }
  if (Array.isArray(value)) {
    // an empty list still parses, and `x IN (NULL)` matches nothing
    if (value.length === 0) return '(NULL)'
    return `(${value.map((v) => literal(v, quote, name)).join(', ')})`
  }
  throw new Error(`query parameter "${name}" has an unsupported type`)
}

/**
 * Replaces each `{name}` placeholder in `sql` with `params[name]` written as a literal of the dialect.
 * Placeholders inside quoted strings, quoted identifiers and comments are left alone; a placeholder
 * without a value is an error, so a typo cannot silently become an empty filter.
 */
export function substituteParams(
  sql: string,
  params: Record<string, QueryParam> | undefined,
  quote: LiteralQuoter,
): string {
  let out = ''
  let i = 0
  while (i < sql.length) {
    const ch = sql[i]!
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1
      while (j < sql.length) {
        if (sql[j] === '\\' && quote.backslashEscapes) j += 2
        else if (sql[j] === ch && sql[j + 1] === ch) j += 2
        else if (sql[j] === ch) break
        else j++
      }
      out += sql.slice(i, j + 1)
      i = j + 1
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      const j = end === -1 ? sql.length : end
      out += sql.slice(i, j)
      i = j
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2)
      const j = end === -1 ? sql.length : end + 2
      out += sql.slice(i, j)
      i = j
    } else if (ch === '{') {
      const match = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(sql.slice(i))
      if (!match) {
        out += ch
        i++
        continue
      }
      const name = match[1]!
      if (!params || !Object.hasOwn(params, name)) throw new Error(`query parameter "${name}" has no value`)
      out += literal(params[name] as QueryParam, quote, name)
      i += match[0].length
    } else {
      out += ch
      i++
    }
  }
  return out
}

/** DuckDB literals: standard SQL strings, where only the quote is doubled. */
export const duckdbQuoter: LiteralQuoter = {
  string: (value) => {
    if (value.includes('\0')) throw new Error('a query parameter contains a NUL character')
    return `'${value.replaceAll("'", "''")}'`
  },
  boolean: (value) => (value ? 'TRUE' : 'FALSE'),
  backslashEscapes: false,
}

/** ClickHouse literals: backslash escapes, and 1/0 for booleans (18.x has no boolean type). */
export const clickhouseQuoter: LiteralQuoter = {
  string: (value) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
  boolean: (value) => (value ? '1' : '0'),
  backslashEscapes: true,
}
