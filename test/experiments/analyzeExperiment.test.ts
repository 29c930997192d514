import { describe, expect, it, vi } from 'vitest'
import { chiSquareSurvival, normalCdf, normalQuantile, normalTail } from '../../src/experiments/statistics.js'
import { analyzeExperiment } from '../../src/index.js'

// Reference values computed independently with SciPy 1.17.1: scipy.stats.norm.sf / norm.ppf /
// chi2.sf, chi2_contingency(correction=False) for the z-test, and chisquare for the SRM check.
const close = (actual: number, expected: number, relative = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * relative)

describe('analyzeExperiment', () => {
  const textbook = analyzeExperiment({
    variants: [
      { name: 'control', users: 10_234, conversions: 1_023 },
      { name: 'one_page', users: 10_445, conversions: 1_150 },
    ],
  })

  it('reports rates and lift against the control', () => {
    const [control, treatment] = textbook.variants
    expect(textbook.control).toBe('control')
    expect(control).toMatchObject({ isControl: true, verdict: 'control', pValue: 1, absoluteLift: 0 })
    close(control!.conversionRate, 1_023 / 10_234)
    close(treatment!.conversionRate, 1_150 / 10_445)
    close(treatment!.absoluteLift, 0.01013961196933827)
    close(treatment!.relativeLift, 0.1014357662699979)
  })

  it('gives the two-sided p-value of the pooled two-proportion z-test (≈ 0.017)', () => {
    const treatment = textbook.variants[1]!
    close(treatment.zScore, 2.3772611246280904)
    close(treatment.pValue, 0.017441735959152257)
    expect(treatment.significant).toBe(true)
    expect(treatment.verdict).toBe('better')
  })

  it('gives the confidence interval of the difference from the unpooled standard error', () => {
    const [low, high] = textbook.variants[1]!.confidenceInterval
    close(low, 0.0017846527198816867)
    close(high, 0.01849457121879485)
  })

  it('honours alpha for the interval and the verdict, and names a worse variant', () => {
    const strict = analyzeExperiment({
      alpha: 0.01,
      variants: [
        { name: 'control', users: 5_000, conversions: 480 },
        { name: 'fewer_steps', users: 5_000, conversions: 560 },
        { name: 'more_steps', users: 5_000, conversions: 430 },
      ],
    })
    const [, fewer, more] = strict.variants
    close(fewer!.pValue, 0.008774633060101168)
    close(fewer!.confidenceInterval[0], 0.0002794202207794458)
    close(fewer!.confidenceInterval[1], 0.031720579779220555)
    expect(fewer!.verdict).toBe('better')
    close(more!.pValue, 0.08212791482941045)
    expect(more!.verdict).toBe('inconclusive')
    const loose = analyzeExperiment({ alpha: 0.1, variants: strict.variants })
    expect(loose.variants[2]!.verdict).toBe('worse')
  })

  it('compares with the named control', () => {
    const result = analyzeExperiment({
      control: 'baseline',
      variants: [
        { name: 'challenger', users: 10_445, conversions: 1_150 },
        { name: 'baseline', users: 10_234, conversions: 1_023 },
      ],
    })
    expect(result.control).toBe('baseline')
    expect(result.variants[1]!.isControl).toBe(true)
    close(result.variants[0]!.pValue, 0.017441735959152257)
  })

  it('reports mean revenue per user and its lift', () => {
    const result = analyzeExperiment({
      variants: [
        { name: 'control', users: 1_000, conversions: 100, revenue: 5_000 },
        { name: 'upsell', users: 1_000, conversions: 100, revenue: 6_000 },
      ],
    })
    expect(result.variants.map((v) => v.revenuePerUser)).toEqual([5, 6])
    close(result.variants[1]!.revenueLift!, 0.2)
    expect(result.variants[1]!.pValue).toBe(1)
  })

  it('detects a sample-ratio mismatch: a 50/50 split that came out 52/48 on 20,000 users', () => {
    const { srm } = analyzeExperiment({
      variants: [
        { name: 'control', users: 10_400, conversions: 1_000 },
        { name: 'treatment', users: 9_600, conversions: 1_000 },
      ],
    })
    expect(srm.chiSquare).toBe(32)
    expect(srm.degreesOfFreedom).toBe(1)
    close(srm.pValue, 1.5417257900280013e-8, 1e-8)
    expect(srm.mismatch).toBe(true)
    expect(srm.expected).toEqual([10_000, 10_000])
  })

  it('finds no mismatch in a healthy split, against equal or planned weights', () => {
    expect(textbook.srm.mismatch).toBe(false)
    close(textbook.srm.pValue, 0.14229559264662348)
    const planned = analyzeExperiment({
      weights: [0.2, 0.3, 0.5],
      variants: [
        { name: 'a', users: 2_050, conversions: 1 },
        { name: 'b', users: 2_950, conversions: 1 },
        { name: 'c', users: 5_000, conversions: 1 },
      ],
    })
    close(planned.srm.chiSquare, 2.0833333333333335)
    close(planned.srm.pValue, 0.35286608145884896)
    expect(planned.srm.mismatch).toBe(false)
  })

  it('returns NaN rather than throwing for variants without users, and warns in development', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const result = analyzeExperiment({
      variants: [
        { name: 'control', users: 100, conversions: 10 },
        { name: 'empty', users: 0, conversions: 0 },
        { name: 'broken_counts', users: 10, conversions: 20 },
      ],
    })
    expect(result.variants[1]!.conversionRate).toBeNaN()
    expect(result.variants[1]!.pValue).toBeNaN()
    expect(result.variants[2]!.verdict).toBe('inconclusive')
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('broken_counts'))
    expect(analyzeExperiment({ variants: [] }).variants).toEqual([])
    warn.mockRestore()
  })
})

describe('statistics', () => {
  it('computes normal tails to near double precision, far tails included', () => {
    close(normalTail(1.2345), 0.10850832336267019, 1e-14)
    close(normalTail(2.39), 0.008424186399345673, 1e-13)
    close(normalTail(5), 2.866515718791933e-7, 1e-9)
    close(normalTail(10), 7.61985302416047e-24, 1e-8)
    close(normalCdf(-1.96), 0.024997895148220435, 1e-13)
    expect(normalTail(0)).toBe(0.5)
    expect(normalTail(40)).toBe(0)
  })

  it('inverts the normal CDF', () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-14)
    close(normalQuantile(0.995), 2.5758293035489004, 1e-14)
    close(normalQuantile(0.001), -3.090232306167813, 1e-14)
    close(normalQuantile(1e-10), -6.361340902404056, 1e-10)
    expect(normalQuantile(0.5)).toBe(0)
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY)
    expect(normalQuantile(2)).toBeNaN()
  })

  it('computes chi-square survival for odd and even degrees of freedom', () => {
    close(chiSquareSurvival(3.84, 1), 0.05004352124870519, 1e-13)
    close(chiSquareSurvival(10, 2), 0.006737946999085468, 1e-13)
    close(chiSquareSurvival(7.8, 3), 0.050331097859853326, 1e-13)
    close(chiSquareSurvival(20, 4), 0.0004993992273873336, 1e-13)
    close(chiSquareSurvival(11, 5), 0.05137998348306955, 1e-13)
    close(chiSquareSurvival(40, 9), 7.598525229464264e-6, 1e-12)
    expect(chiSquareSurvival(0, 3)).toBe(1)
  })
})
