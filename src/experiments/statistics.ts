const SQRT_2PI = 2.5066282746310002

/**
 * P(Z > x) for a standard normal Z, accurate to double precision in both tails (Hart's algorithm as
 * given by G. West, "Better approximations to cumulative normal functions", 2005).
 */
export function normalTail(x: number): number {
  const a = Math.abs(x)
  let tail = 0
  if (a <= 37) {
    const e = Math.exp((-a * a) / 2)
    if (a < 7.07106781186547) {
      let n = 3.52624965998911e-2 * a + 0.700383064443688
      n = n * a + 6.37396220353165
      n = n * a + 33.912866078383
      n = n * a + 112.079291497871
      n = n * a + 221.213596169931
      n = n * a + 220.206867912376
      let d = 8.83883476483184e-2 * a + 1.75566716318264
      d = d * a + 16.064177579207
      d = d * a + 86.7807322029461
      d = d * a + 296.564248779674
      d = d * a + 637.333633378831
      d = d * a + 793.826512519948
      d = d * a + 440.413735824752
      tail = (e * n) / d
    } else {
      // continued fraction, for the far tail
      let b = a + 0.65
      b = a + 4 / b
      b = a + 3 / b
      b = a + 2 / b
      b = a + 1 / b
      tail = e / b / SQRT_2PI
    }
  }
  return x >= 0 ? tail : 1 - tail
}

/** The standard normal cumulative distribution function Φ(x). */
export const normalCdf = (x: number): number => normalTail(-x)

/**
 * The standard normal quantile Φ⁻¹(p): P. J. Acklam's rational approximation, refined by one
 * Halley step against `normalCdf`, which brings it to about 1e-15.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ]
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
  let x: number
  if (p < 0.02425) x = tail(Math.sqrt(-2 * Math.log(p)))
  else if (p > 1 - 0.02425) x = -tail(Math.sqrt(-2 * Math.log(1 - p)))
  else {
    const q = p - 0.5
    const r = q * q
    x =
      ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
        1.38357751867269e2) *
        r -
        3.066479806614716e1) *
        r +
        2.506628277459239) *
        q) /
      (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
        6.680131188771972e1) *
        r -
        1.328068155288572e1) *
        r +
        1)
  }
  // the error is measured in the tail nearer to p, where normalCdf keeps full precision
  const e = p < 0.5 ? normalCdf(x) - p : 1 - p - normalTail(x)
  const u = e * SQRT_2PI * Math.exp((x * x) / 2)
  return x - u / (1 + (x * u) / 2)
}

/**
 * P(X > x) for X chi-square distributed with a whole number `df` of degrees of freedom, from the
 * closed forms (a Poisson sum for even `df`, the normal tail plus a series for odd `df`).
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(x > 0)) return x <= 0 ? 1 : Number.NaN
  if (!Number.isInteger(df) || df < 1) return Number.NaN
  let sum: number
  let term: number
  if (df % 2 === 0) {
    term = Math.exp(-x / 2)
    sum = term
    for (let i = 1; i < df / 2; i++) {
      term *= x / 2 / i
      sum += term
    }
  } else {
    const root = Math.sqrt(x)
    sum = 2 * normalTail(root)
    term = root
    let series = 0
    for (let i = 1; i <= (df - 1) / 2; i++) {
      series += term
      term *= x / (2 * i + 1)
    }
    sum += ((2 * Math.exp(-x / 2)) / SQRT_2PI) * series
  }
  return Math.min(1, Math.max(0, sum))
}
