import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runReport } from '../../../src/server/reports/runReport.js'
import type { ExperimentReport, ExperimentsReport } from '../../../src/server/reports/types.js'
import type { EventRow, Store } from '../../../src/server/stores/types.js'
import { eventRow, reportStores, rows } from './reportStore.js'

const DAY = 86_400_000
const T0 = Date.UTC(2026, 11, 1, 9)
const NOW = T0 + 6 * DAY + 3_600_000 // day 7

/** Two-sided p-value of the pooled two-proportion z-test, written out here rather than read from the kit. */
function twoProportionP(n1: number, c1: number, n2: number, c2: number): number {
  const pooled = (c1 + c2) / (n1 + n2)
  const z = Math.abs(c2 / n2 - c1 / n1) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
  // Abramowitz–Stegun 7.1.26 erfc approximation, |error| < 1.5e-7
  const x = z / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const erfc =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
    Math.exp(-x * x)
  return erfc
}

describe.each(reportStores)('experiment reports on %s', (_name, open) => {
  let store: Store
  beforeAll(async () => {
    store = await open()
    const events: EventRow[] = []
    const exposure = (user: string, variation: string, t: number, extra: Partial<EventRow> = {}) =>
      eventRow({
        event_name: 'experiment_exposed',
        user,
        t,
        props: { experiment_key: 'checkout_flow', variation_name: variation },
        ...extra,
      })
    const purchase = (user: string, t: number, value: number, extra: Partial<EventRow> = {}) =>
      eventRow({ event_name: 'checkout_completed', user, t, props: { order_value: value }, ...extra })
    const arm = (prefix: string, variation: string, units: number, converting: number, revenue: number) => {
      const perOrder = Math.floor(revenue / converting)
      for (let i = 0; i < units; i++) {
        const t = T0 + (i % 5000) * 60_000
        events.push(exposure(`${prefix}${i}`, variation, t))
        // exposed again on later visits: still one unit
        if (i % 10 === 0) events.push(exposure(`${prefix}${i}`, variation, t + DAY))
        if (i < converting) {
          const value = i === 0 ? revenue - perOrder * (converting - 1) : perOrder
          events.push(purchase(`${prefix}${i}`, t + 120_000, value))
        }
        // bought before being exposed, and never after: not a conversion
        if (i >= converting && i < converting + 40) events.push(purchase(`${prefix}${i}`, t - 60_000, 99))
      }
      // a second purchase of a converted unit: revenue counts it, conversions do not
      events.push(purchase(`${prefix}0`, T0 + 3 * DAY, 0))
    }
    arm('c', 'control', 10_234, 1_023, 45_678)
    arm('t', 'treatment', 10_445, 1_150, 52_341)
    // three units that saw both variants, converting: excluded and reported
    for (const u of ['both1', 'both2', 'both3']) {
      events.push(
        exposure(u, 'control', T0),
        exposure(u, 'treatment', T0 + DAY),
        purchase(u, T0 + 2 * DAY, 500),
      )
    }
    // bots exposed and converting
    for (let i = 0; i < 30; i++)
      events.push(
        exposure(`bot${i}`, 'treatment', T0, { is_bot: true }),
        purchase(`bot${i}`, T0 + 1000, 50, { is_bot: true }),
      )
    // redelivered copies of exposures and purchases
    const copies = events
      .filter((_, i) => i % 97 === 0)
      .map((e) => ({ ...e, received_at_ms: e.received_at_ms + 30_000 }))
    events.push(...copies)
    // still running: a returning unit seen again an hour ago
    events.push(exposure('c5', 'control', NOW - 3_600_000))
    // another experiment, for the list
    events.push(
      eventRow({
        event_name: 'experiment_exposed',
        user: 'c1',
        t: NOW - 3_600_000,
        props: { experiment_key: 'hero_copy', variation_name: 'a' },
      }),
    )
    await store.write(rows({ events }))
  }, 120_000)
  afterAll(() => store.close())

  const context = () => ({
    store,
    experiments: [
      {
        key: 'checkout_flow',
        variations: ['control', 'treatment'] as [string, ...string[]],
        plannedDays: 14,
      },
    ],
    now: () => NOW,
  })

  it('reproduces 10,234 / 1,023 against 10,445 / 1,150: p ≈ 0.0174, +10% lift, no SRM', async () => {
    const r = (await runReport(
      'experiment',
      new URLSearchParams('key=checkout_flow&metric=checkout_completed&value=order_value'),
      context(),
    )) as ExperimentReport
    const [control, treatment] = r.variants
    expect(control).toMatchObject({
      name: 'control',
      is_control: true,
      units: 10_234,
      conversions: 1_023,
      revenue: 45_678,
    })
    expect(treatment).toMatchObject({ name: 'treatment', units: 10_445, conversions: 1_150, revenue: 52_341 })
    const expectedP = twoProportionP(10_234, 1_023, 10_445, 1_150)
    expect(expectedP).toBeCloseTo(0.0174, 4)
    expect(treatment!.p_value).toBeCloseTo(expectedP, 5)
    expect(treatment!.lift).toBeCloseTo(1_150 / 10_445 / (1_023 / 10_234) - 1, 10)
    expect(treatment!.lift_ci![0]).toBeLessThan(treatment!.lift!)
    expect(treatment!.lift_ci![1]).toBeGreaterThan(treatment!.lift!)
    expect(treatment!.lift_ci![0]).toBeGreaterThan(0)
    expect(treatment!.significant).toBe(true)
    expect(treatment!.revenue_per_unit).toBeCloseTo(52_341 / 10_445, 8)
    expect(r.srm.mismatch).toBe(false)
    expect(r.excluded.units).toBe(3)
    expect([...r.excluded.sample].sort()).toEqual(['both1', 'both2', 'both3'])
    expect(r).toMatchObject({ status: 'running', day: 7, planned_days: 14, control: 'control' })
    expect(r.summary).toMatch(/^treatment \+10\.\d% checkout_completed \(p=0\.017, significant\)\.$/)
  })

  it('lists experiments with status, day N of M and units per variant', async () => {
    const r = (await runReport('experiments', new URLSearchParams(), context())) as ExperimentsReport
    const flow = r.experiments.find((e) => e.key === 'checkout_flow')
    expect(flow).toMatchObject({
      status: 'running',
      day: 7,
      planned_days: 14,
      excluded_units: 3,
      variants: [
        { name: 'control', units: 10_234 },
        { name: 'treatment', units: 10_445 },
      ],
      srm: { mismatch: false },
    })
    expect(r.experiments.find((e) => e.key === 'hero_copy')).toMatchObject({
      variants: [{ name: 'a', units: 1 }],
      day: 1,
    })
  })

  it('asks for the key and the metric', async () => {
    await expect(runReport('experiment', new URLSearchParams('metric=x'), context())).rejects.toMatchObject({
      param: 'key',
    })
    await expect(runReport('experiment', new URLSearchParams('key=x'), context())).rejects.toMatchObject({
      param: 'metric',
    })
  })
})
