import { ReportParamError } from './reportParamError.js'

const DAY_MS = 86_400_000
const DATE = /^\d{4}-\d{2}-\d{2}$/
const PROPERTY = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/

/** A resolved time window, epoch milliseconds, `from` inclusive and `to` exclusive. */
export interface Range {
  from: number
  to: number
}

/** Reads and checks query parameters, throwing `ReportParamError` naming the parameter at fault. */
export interface ReportParams {
  /** `from`/`to`, defaulting to the `defaultMs` before `now` (all time when `defaultMs` is null). */
  range(now: number, defaultMs: number | null): Range
  /** A time: ISO-8601 date or time, or epoch milliseconds; a bare date as an end means the end of that day. */
  time(name: string, end: boolean): number | undefined
  /** A `YYYY-MM-DD` day, as the epoch milliseconds of its midnight UTC. */
  day(name: string, fallback: number): number
  integer(name: string, fallback: number, min: number, max: number): number
  number(name: string, fallback: number, min: number, max: number): number
  /** An event name: 1 to 200 characters. */
  event(name: string): string | undefined
  /** A JSON property name (letters, digits, `_`), safe to place in SQL. */
  property(name: string): string | undefined
  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T
  text(name: string): string | undefined
  required<T>(name: string, value: T | undefined): T
}

/** Wraps the URL's query parameters with the checks every report needs. */
export function reportParams(params: URLSearchParams): ReportParams {
  const get = (name: string): string | undefined => {
    const value = params.get(name)
    return value === null || value.trim() === '' ? undefined : value.trim()
  }
  const time = (name: string, end: boolean): number | undefined => {
    const value = get(name)
    if (value === undefined) return undefined
    let ms: number
    if (/^\d+$/.test(value)) ms = Number(value)
    else if (DATE.test(value)) ms = Date.parse(`${value}T00:00:00Z`) + (end ? DAY_MS : 0)
    else ms = Date.parse(value)
    if (!Number.isFinite(ms))
      throw new ReportParamError(
        `${name} must be an ISO-8601 date or time (2026-12-01, 2026-12-01T10:00:00Z) or epoch milliseconds; got "${value}"`,
        name,
      )
    return ms
  }
  const self: ReportParams = {
    range(now, defaultMs) {
      const to = time('to', true) ?? now + 1
      const from = time('from', false) ?? (defaultMs === null ? 0 : to - defaultMs)
      if (from >= to) throw new ReportParamError('from must be before to', 'from')
      return { from, to }
    },
    time,
    day(name, fallback) {
      const value = get(name)
      if (value === undefined) return fallback - (fallback % DAY_MS)
      const ms = DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN
      if (!Number.isFinite(ms))
        throw new ReportParamError(`${name} must be a day, YYYY-MM-DD; got "${value}"`, name)
      return ms
    },
    integer(name, fallback, min, max) {
      const value = get(name)
      if (value === undefined) return fallback
      const n = Number(value)
      if (!Number.isInteger(n) || n < min || n > max)
        throw new ReportParamError(
          `${name} must be a whole number from ${min} to ${max}; got "${value}"`,
          name,
        )
      return n
    },
    number(name, fallback, min, max) {
      const value = get(name)
      if (value === undefined) return fallback
      const n = Number(value)
      if (!Number.isFinite(n) || n < min || n > max)
        throw new ReportParamError(`${name} must be a number from ${min} to ${max}; got "${value}"`, name)
      return n
    },
    event(name) {
      const value = get(name)
      if (value !== undefined && value.length > 200)
        throw new ReportParamError(`${name} must be an event name of at most 200 characters`, name)
      return value
    },
    property(name) {
      const value = get(name)
      if (value !== undefined && !PROPERTY.test(value))
        throw new ReportParamError(
          `${name} must be a property name of letters, digits and _ (a top-level property); got "${value}"`,
          name,
        )
      return value
    },
    oneOf(name, values, fallback) {
      const value = get(name)
      if (value === undefined) return fallback
      const found = values.find((v) => v === value)
      if (found === undefined)
        throw new ReportParamError(`${name} must be one of ${values.join(', ')}; got "${value}"`, name)
      return found
    },
    text: get,
    required(name, value) {
      if (value === undefined) throw new ReportParamError(`${name} is required`, name)
      return value
    },
  }
  return self
}
