import { warnOnce } from '../lib/warn.js'
import { chiSquareSurvival, normalQuantile, normalTail } from './statistics.js'

/** The counts of one variation. */
export interface VariantCounts {
  /** The variation's name. */
  name: string
  /** Units exposed to the variation. */
  users: number
  /** Of them, units that converted. */
  conversions: number
  /** Total revenue of the variation's users, when revenue is measured. */
  revenue?: number
}

/** Input of `analyzeExperiment`. */
export interface AnalyzeExperimentInput {
  /** The counts of every variation, the control among them. */
  variants: readonly VariantCounts[]
  /** Name of the control (default: the first variant). */
  control?: string
  /** Planned traffic shares, for the sample-ratio check (default: equal). */
  weights?: readonly number[]
  /** Significance level of each comparison with the control (default 0.05). */
  alpha?: number
  /** Significance level of the sample-ratio-mismatch check (default 0.001). */
  srmAlpha?: number
}

/** One variation's results against the control. Values that cannot be computed (no users) are NaN. */
export interface VariantAnalysis {
  /** The variation's name. */
  name: string
  /** Units exposed to it. */
  users: number
  /** Of them, units that converted. */
  conversions: number
  /** Whether this is the control. */
  isControl: boolean
  /** `conversions / users`. */
  conversionRate: number
  /** Conversion rate minus the control's. */
  absoluteLift: number
  /** `absoluteLift` over the control's rate. */
  relativeLift: number
  /** Two-proportion z statistic (pooled standard error); 0 for the control. */
  zScore: number
  /** Two-sided p-value of the z-test; 1 for the control. */
  pValue: number
  /** Confidence interval (level 1 − alpha) of `absoluteLift`, from the unpooled standard error. */
  confidenceInterval: [low: number, high: number]
  /** Whether `pValue` is below `alpha`. */
  significant: boolean
  /** `better` or `worse` than the control when significant, `inconclusive` otherwise; `control` for the control. */
  verdict: 'control' | 'better' | 'worse' | 'inconclusive'
  /** Mean revenue per user, when revenue was given. */
  revenuePerUser?: number
  /** `revenuePerUser` relative to the control's, when both were given. */
  revenueLift?: number
}

/** Result of `analyzeExperiment`. */
export interface ExperimentAnalysis {
  /** The control's name. */
  control: string
  /** The significance level each variation was tested at. */
  alpha: number
  /** Every variation, in the order given, the control included. */
  variants: VariantAnalysis[]
  /** Sample-ratio mismatch: do the users split as planned? A mismatch means the results are not trustworthy. */
  srm: {
    /** The chi-square statistic of the observed split against the planned one. */
    chiSquare: number
    /** Variations minus one. */
    degreesOfFreedom: number
    /** Its p-value. */
    pValue: number
    /** Users expected per variant under the planned weights. */
    expected: number[]
    /** Whether `pValue` is below `srmAlpha`: the split is not what was planned. */
    mismatch: boolean
  }
}

/**
 * Turns per-variant counts into conversion rates, lift against the control, a two-sided p-value from
 * the pooled two-proportion z-test, a confidence interval of the difference (unpooled), a verdict,
 * and a chi-square sample-ratio-mismatch check. Each variant is compared with the control at level
 * `alpha`, with no correction for multiple comparisons (divide `alpha` yourself when testing many).
 *
 * @example
 * const { variants, srm } = analyzeExperiment({
 *   variants: [
 *     { name: 'control', users: 10_234, conversions: 1_023 },
 *     { name: 'one_page', users: 10_445, conversions: 1_150 },
 *   ],
 * })
 * variants[1].pValue // 0.0170…, variants[1].verdict // 'better', srm.mismatch // false
 */
export function analyzeExperiment(input: AnalyzeExperimentInput): ExperimentAnalysis {
  const alpha = input.alpha ?? 0.05
  const variants = input.variants ?? []
  let c = variants.findIndex((v) => v.name === input.control)
  if (c < 0) {
    if (process.env.NODE_ENV !== 'production' && input.control !== undefined)
      warnOnce(`analyze:${input.control}`, `control "${input.control}" is not a variant; the first is used.`)
    c = 0
  }
  if (process.env.NODE_ENV !== 'production') {
    for (const v of variants)
      if (!(v.users >= 0 && v.conversions >= 0 && v.conversions <= v.users))
        warnOnce(`analyze:${v.name}`, `variant "${v.name}" has impossible counts; its results are NaN.`)
  }
  const valid = (v: VariantCounts) => v.users > 0 && v.conversions >= 0 && v.conversions <= v.users
  const rate = (v: VariantCounts) => (valid(v) ? v.conversions / v.users : Number.NaN)
  const control = variants[c]
  const z = normalQuantile(1 - alpha / 2)

  const analysed = variants.map((v, i): VariantAnalysis => {
    const p2 = rate(v)
    const perUser = v.revenue === undefined ? undefined : v.users > 0 ? v.revenue / v.users : Number.NaN
    const base: Pick<VariantAnalysis, 'name' | 'users' | 'conversions' | 'conversionRate'> &
      Partial<VariantAnalysis> = {
      name: v.name,
      users: v.users,
      conversions: v.conversions,
      conversionRate: p2,
      ...(perUser !== undefined && { revenuePerUser: perUser }),
    }
    if (i === c || !control)
      return {
        ...base,
        isControl: true,
        absoluteLift: 0,
        relativeLift: 0,
        zScore: 0,
        pValue: 1,
        confidenceInterval: [0, 0],
        significant: false,
        verdict: 'control',
        ...(perUser !== undefined && { revenueLift: 0 }),
      }
    const p1 = rate(control)
    const n1 = control.users
    const n2 = v.users
    const diff = p2 - p1
    const pooled = (control.conversions + v.conversions) / (n1 + n2)
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    // identical all-or-nothing rates: no variance, no evidence of a difference
    const zScore = se > 0 ? diff / se : diff === 0 ? 0 : Number.NaN
    const pValue = Number.isNaN(zScore) ? Number.NaN : 2 * normalTail(Math.abs(zScore))
    const margin = z * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2)
    const significant = pValue < alpha
    const controlPerUser = control.revenue === undefined ? undefined : control.revenue / n1
    return {
      ...base,
      isControl: false,
      absoluteLift: diff,
      relativeLift: diff / p1,
      zScore,
      pValue,
      confidenceInterval: [diff - margin, diff + margin],
      significant,
      verdict: significant ? (diff > 0 ? 'better' : 'worse') : 'inconclusive',
      ...(perUser !== undefined &&
        controlPerUser !== undefined && { revenueLift: perUser / controlPerUser - 1 }),
    }
  })

  const total = variants.reduce((sum, v) => sum + v.users, 0)
  const planned =
    input.weights && input.weights.length === variants.length ? input.weights : variants.map(() => 1)
  const plannedSum = planned.reduce((sum, w) => sum + w, 0)
  const expected = planned.map((w) => (total * w) / plannedSum)
  let chiSquare = 0
  variants.forEach((v, i) => {
    const e = expected[i]!
    chiSquare += e > 0 ? (v.users - e) ** 2 / e : v.users > 0 ? Number.POSITIVE_INFINITY : 0
  })
  const degreesOfFreedom = Math.max(variants.length - 1, 0)
  const srmP =
    degreesOfFreedom === 0
      ? 1
      : chiSquare === Number.POSITIVE_INFINITY
        ? 0
        : chiSquareSurvival(chiSquare, degreesOfFreedom)

  return {
    control: control?.name ?? '',
    alpha,
    variants: analysed,
    srm: {
      chiSquare,
      degreesOfFreedom,
      pValue: srmP,
      expected,
      mismatch: srmP < (input.srmAlpha ?? 0.001),
    },
  }
}
