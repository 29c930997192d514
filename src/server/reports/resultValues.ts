import type { ReportEnvelope, ReportName } from './types.js'

/** Converts what a store returned (number, bigint, numeric text, null) to a number, or null. */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null
  const n = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(n) ? n : null
}

/** `toNumber`, with 0 for a missing value (counts and sums). */
export function toCount(value: unknown): number {
  return toNumber(value) ?? 0
}

/** `a / b`, or null when `b` is 0. */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null
}

/** Epoch milliseconds as an ISO-8601 UTC string. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString()
}

/** Epoch milliseconds as its UTC day, `YYYY-MM-DD`. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** A store's text value, with '' (ClickHouse's absent value) as null. */
export function toText(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value)
}

/** The fields every report answer starts with. */
export function envelope<TName extends ReportName>(
  report: TName,
  now: number,
  range: { from: number; to: number },
): ReportEnvelope<TName> {
  return { report, generated_at: isoTime(now), range: { from: isoTime(range.from), to: isoTime(range.to) } }
}
