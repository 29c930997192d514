import { describe, expect, it } from 'vitest'
import {
  clickhouseQuoter,
  duckdbQuoter,
  substituteParams,
} from '../../../src/server/stores/substituteParams.js'

describe('substituteParams', () => {
  it('writes each dialect its own string literals', () => {
    const value = "it's a \\ back'slash"
    expect(substituteParams('x = {v}', { v: value }, duckdbQuoter)).toBe("x = 'it''s a \\ back''slash'")
    expect(substituteParams('x = {v}', { v: value }, clickhouseQuoter)).toBe(
      "x = 'it\\'s a \\\\ back\\'slash'",
    )
  })

  it('writes numbers, negatives in parentheses, booleans, null and lists', () => {
    expect(
      substituteParams(
        '{a} {b} {c} {d} {e} {f}',
        { a: 3, b: -2.5, c: true, d: null, e: ['x', 1], f: [] },
        duckdbQuoter,
      ),
    ).toBe("3 (-2.5) TRUE NULL ('x', 1) (NULL)")
    expect(substituteParams('{c}', { c: false }, clickhouseQuoter)).toBe('0')
  })

  it('leaves placeholders in strings, quoted identifiers and comments alone', () => {
    const sql = `SELECT '{a}', "{a}", 'it''s {a}' -- {a}\n, {a} /* {a} */`
    expect(substituteParams(sql, { a: 1 }, duckdbQuoter)).toBe(
      `SELECT '{a}', "{a}", 'it''s {a}' -- {a}\n, 1 /* {a} */`,
    )
    expect(substituteParams("SELECT 'a\\'{a}', {a}", { a: 1 }, clickhouseQuoter)).toBe("SELECT 'a\\'{a}', 1")
  })

  it('refuses a placeholder without a value and numbers that are not finite', () => {
    expect(() => substituteParams('{nope}', {}, duckdbQuoter)).toThrow(/"nope" has no value/)
    expect(() => substituteParams('{n}', { n: Number.POSITIVE_INFINITY }, duckdbQuoter)).toThrow(/finite/)
  })
})
