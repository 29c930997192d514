/** A relative window ending now, or `default`: each report's own window. */
export type RangePreset = 'default' | '1h' | '24h' | '7d' | '30d' | '90d'

/** The date range the views ask for: a preset, or calendar days (`YYYY-MM-DD`, both included). */
export type DateRange =
  | {
      /** A window ending now, or each report's default. */
      preset: RangePreset
    }
  | {
      /** The first day, `YYYY-MM-DD`. */
      from: string
      /** The last day, `YYYY-MM-DD`, included. */
      to: string
    }

/** Presets with the label the range control shows. */
export const RANGE_PRESETS: readonly { value: RangePreset; label: string }[] = [
  { value: 'default', label: 'Each report’s default' },
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
]

const DURATION_MS: Record<Exclude<RangePreset, 'default'>, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
}

/**
 * The `from`/`to` query parameters of a range, resolved at `now` (so a refresh moves a relative
 * window forward). A bare date as `to` means the end of that day for the query API.
 */
export function rangeParams(range: DateRange, now: number): { from?: string; to?: string } {
  if ('from' in range) return { from: range.from, to: range.to }
  if (range.preset === 'default') return {}
  return { from: new Date(now - DURATION_MS[range.preset]).toISOString() }
}

/** A stable text key of a range, for comparing ranges and keying requests. */
export const rangeKey = (range: DateRange): string =>
  'from' in range ? `${range.from}..${range.to}` : range.preset

/** The range as words, e.g. `Last 7 days` or `1 Dec 2026 – 7 Dec 2026`. */
export function describeRange(range: DateRange): string {
  if ('from' in range) return `${range.from} – ${range.to}`
  return RANGE_PRESETS.find((p) => p.value === range.preset)?.label ?? range.preset
}
