// Formatting shared by the views. Intl formatters are made once: building one per cell is slow.
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** The dash shown for a value that could not be computed. */
export const MISSING = '—'

const known = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value)

/** `12345` → `12,345`. */
export const formatCount = (value: number | null | undefined): string =>
  known(value) ? integer.format(value) : MISSING

/** `3.14159` → `3.14`. */
export const formatNumber = (value: number | null | undefined): string =>
  known(value) ? decimal.format(value) : MISSING

/** A money amount without a currency sign (the store does not know the currency): `45678` → `45,678.00`. */
export const formatMoney = (value: number | null | undefined): string =>
  known(value) ? money.format(value) : MISSING

/** A fraction as a percentage: `0.1234` → `12.3%`; small values keep two decimals (`0.0012` → `0.12%`). */
export function formatPercent(value: number | null | undefined): string {
  if (!known(value)) return MISSING
  const pct = value * 100
  const digits = pct !== 0 && Math.abs(pct) < 1 ? 2 : 1
  return `${pct.toFixed(digits)}%`
}

/** A change as a signed percentage: `0.1` → `+10.0%`, `-0.05` → `−5.0%`. */
export function formatChange(value: number | null | undefined): string {
  if (!known(value)) return MISSING
  const text = formatPercent(Math.abs(value))
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text
}

/** Milliseconds as a readable duration: `145` → `145 ms`, `2300` → `2.3 s`. */
export function formatMs(value: number | null | undefined): string {
  if (!known(value)) return MISSING
  if (Math.abs(value) < 1000) return `${Math.round(value)} ms`
  return formatSeconds(value / 1000)
}

/** Seconds as a readable duration: `42` → `42 s`, `150` → `2.5 min`, `7200` → `2 h`, `172800` → `2 d`. */
export function formatSeconds(value: number | null | undefined): string {
  if (!known(value)) return MISSING
  const abs = Math.abs(value)
  if (abs < 60) return `${decimal.format(Number(value.toFixed(abs < 10 ? 1 : 0)))} s`
  if (abs < 3600) return `${decimal.format(Number((value / 60).toFixed(1)))} min`
  if (abs < 86_400) return `${decimal.format(Number((value / 3600).toFixed(1)))} h`
  return `${decimal.format(Number((value / 86_400).toFixed(1)))} d`
}

/** A p-value as people quote it: `p<0.001`, `p<0.01`, `p<0.05`, else `p=0.23`. */
export function formatPValue(value: number | null | undefined): string {
  if (!known(value)) return `p ${MISSING}`
  if (value < 0.001) return 'p<0.001'
  if (value < 0.01) return 'p<0.01'
  if (value < 0.05) return 'p<0.05'
  return `p=${value.toFixed(2)}`
}

/** An ISO time as a short local date and time. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return MISSING
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })
}
