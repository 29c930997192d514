import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  chooseVariation,
  defineExperiment,
  getBucketRanges,
  hash,
  type StorageLike,
  withExperiments,
} from '../../src/index.js'
import { createTestAnalytics } from '../../src/testing.js'

const memoryStorage = (): StorageLike & { map: Map<string, string> } => {
  const map = new Map<string, string>()
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    get length() {
      return map.size
    },
    key: (i) => [...map.keys()][i] ?? null,
  }
}

const checkout = defineExperiment({ key: 'checkout_flow', variations: ['control', 'one_page'] })
const exposures = (analytics: ReturnType<typeof createTestAnalytics>) =>
  analytics.eventsNamed('experiment_exposed').map((e) => e.properties)

describe('analytics.experiments.assign', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-11-28T10:00:00.000Z'))
  })
  afterEach(() => vi.useRealTimers())

  it('gives the same unit the same variation in every client, as GrowthBook hashing decides', () => {
    for (const anonymousId of ['anon_1', 'anon_2', 'anon_3', 'anon_4', 'anon_5', 'anon_6']) {
      const a = createTestAnalytics({ experiments: withExperiments(), anonymousId }).experiments.assign(
        checkout,
      )
      const b = createTestAnalytics({ experiments: withExperiments(), anonymousId }).experiments.assign(
        checkout,
      )
      const expected = chooseVariation(hash('checkout_flow', anonymousId, 2)!, getBucketRanges(2))
      expect(a).toEqual(b)
      expect(a).toMatchObject({
        key: 'checkout_flow',
        index: expected,
        variation: ['control', 'one_page'][expected],
        inExperiment: true,
        reason: 'hashed',
        unitId: anonymousId,
      })
    }
  })

  it('splits 100,000 units within one percentage point of the weights', () => {
    const analytics = createTestAnalytics({ experiments: withExperiments() })
    let unit = ''
    const pricing = defineExperiment({
      key: 'pricing_page',
      variations: ['control', 'annual_first', 'monthly_first'],
      weights: [0.2, 0.3, 0.5],
      unit: () => unit,
    })
    const counts = [0, 0, 0]
    for (let i = 0; i < 100_000; i++) {
      unit = `user_${i}`
      counts[analytics.experiments.assign(pricing).index]!++
    }
    expect(Math.abs(counts[0]! / 100_000 - 0.2)).toBeLessThan(0.01)
    expect(Math.abs(counts[1]! / 100_000 - 0.3)).toBeLessThan(0.01)
    expect(Math.abs(counts[2]! / 100_000 - 0.5)).toBeLessThan(0.01)
  })

  it('leaves units outside the coverage in the control, not in the experiment, and never exposes them', () => {
    const analytics = createTestAnalytics({ experiments: withExperiments() })
    let unit = ''
    const small = defineExperiment({
      key: 'search_ranking',
      variations: ['control', 'semantic'],
      coverage: 0.1,
      unit: () => unit,
    })
    let included = 0
    for (let i = 0; i < 10_000; i++) {
      unit = `u${i}`
      const a = analytics.experiments.assign(small)
      if (a.inExperiment) {
        included++
        expect(analytics.experiments.expose(a)).toBe(true)
      } else {
        expect(a).toMatchObject({ variation: 'control', index: 0, reason: 'coverage' })
        expect(analytics.experiments.expose(a)).toBe(false)
      }
    }
    expect(included / 10_000).toBeGreaterThan(0.09)
    expect(included / 10_000).toBeLessThan(0.11)
    expect(analytics.eventsNamed('experiment_exposed')).toHaveLength(included)
  })

  it('keeps experiments in disjoint slices of one namespace mutually exclusive', () => {
    const analytics = createTestAnalytics({ experiments: withExperiments() })
    let unit = ''
    const a = defineExperiment({
      key: 'hero_copy',
      variations: ['control', 'b'],
      namespace: ['home', 0, 0.5],
      unit: () => unit,
    })
    const b = defineExperiment({
      key: 'hero_image',
      variations: ['control', 'b'],
      namespace: ['home', 0.5, 1],
      unit: () => unit,
    })
    let inA = 0
    let inB = 0
    for (let i = 0; i < 10_000; i++) {
      unit = `u${i}`
      const ra = analytics.experiments.assign(a)
      const rb = analytics.experiments.assign(b)
      expect(ra.inExperiment && rb.inExperiment).toBe(false)
      if (ra.inExperiment) inA++
      else expect(ra.reason).toBe('namespace')
      if (rb.inExperiment) inB++
    }
    expect(inA + inB).toBe(10_000)
    expect(Math.abs(inA / 10_000 - 0.5)).toBeLessThan(0.02)
  })

  it('shows the control to everyone while inactive, and exposes no one', () => {
    const analytics = createTestAnalytics({ experiments: withExperiments(), anonymousId: 'anon_1' })
    const stopped = defineExperiment({ ...checkout, active: false })
    expect(analytics.experiments.assign(stopped)).toMatchObject({
      variation: 'control',
      index: 0,
      inExperiment: false,
      reason: 'inactive',
    })
    expect(analytics.experiments.expose(stopped)).toBe(false)
    expect(analytics.events.map((e) => e.event_name)).toEqual([])
  })

  it('honours ?<key>=<index> in the URL unless URL overrides are turned off', () => {
    const url = 'https://shop.test/cart?checkout_flow=1#top'
    for (const anonymousId of ['anon_1', 'anon_2', 'anon_3']) {
      const on = createTestAnalytics({ anonymousId, experiments: withExperiments({ url }) })
      expect(on.experiments.assign(checkout)).toMatchObject({
        variation: 'one_page',
        index: 1,
        inExperiment: true,
        reason: 'url_override',
      })
      const off = createTestAnalytics({
        anonymousId,
        experiments: withExperiments({ url, urlOverrides: false }),
      })
      expect(off.experiments.assign(checkout).reason).toBe('hashed')
    }
  })

  it('forces a variation by name or index for QA, over the URL and the inactive state, until cleared', () => {
    const analytics = createTestAnalytics({
      anonymousId: 'anon_1',
      experiments: withExperiments({ url: 'https://shop.test/?checkout_flow=0' }),
    })
    const stopped = defineExperiment({ ...checkout, active: false })
    analytics.experiments.override('checkout_flow', 'one_page')
    expect(analytics.experiments.assign(stopped)).toMatchObject({ variation: 'one_page', reason: 'override' })
    analytics.experiments.override('checkout_flow', 0)
    expect(analytics.experiments.assign(stopped)).toMatchObject({ variation: 'control', reason: 'override' })
    analytics.experiments.override('checkout_flow', 'no_such_variation')
    expect(analytics.experiments.assign(stopped).reason).toBe('url_override')
    analytics.experiments.override('checkout_flow', null)
    expect(
      createTestAnalytics({
        anonymousId: 'anon_1',
        experiments: withExperiments({ overrides: { checkout_flow: 1 } }),
      }).experiments.assign(checkout),
    ).toMatchObject({ variation: 'one_page', reason: 'override' })
  })

  it('does not expose or attribute forced variations, so QA sessions stay out of the results', () => {
    const analytics = createTestAnalytics({
      experiments: withExperiments({ overrides: { checkout_flow: 'one_page' } }),
    })
    expect(analytics.experiments.expose(checkout)).toBe(false)
    analytics.track('checkout_completed', { order_value: 10 })
    expect(exposures(analytics)).toEqual([])
    expect(analytics.lastEvent('checkout_completed')?.context.experiments).toBeUndefined()
  })

  it('hashes the user id once identified, the anonymous id before, or only what the experiment asks for', () => {
    const analytics = createTestAnalytics({ experiments: withExperiments(), anonymousId: 'anon_1' })
    const byUser = defineExperiment({ key: 'onboarding', variations: ['a', 'b'], unit: 'user' })
    const byDevice = defineExperiment({ key: 'theme', variations: ['a', 'b'], unit: 'anonymous' })
    expect(analytics.experiments.assign(checkout).unitId).toBe('anon_1')
    expect(analytics.experiments.assign(byUser)).toMatchObject({ inExperiment: false, reason: 'no_unit' })
    analytics.identify('user_42')
    expect(analytics.experiments.assign(checkout).unitId).toBe('user_42')
    expect(analytics.experiments.assign(byUser)).toMatchObject({ inExperiment: true, unitId: 'user_42' })
    expect(analytics.experiments.assign(byDevice).unitId).toBe('anon_1')
  })

  it('uses the seed and hash version the definition names', () => {
    const analytics = createTestAnalytics({ experiments: withExperiments(), anonymousId: 'anon_7' })
    for (const [seed, hashVersion] of [
      ['s1', 1],
      ['s2', 2],
      ['s3', 1],
    ] as const) {
      const def = defineExperiment({ key: `exp_${seed}`, variations: ['a', 'b'], seed, hashVersion })
      const expected = chooseVariation(hash(seed, 'anon_7', hashVersion)!, getBucketRanges(2))
      expect(analytics.experiments.assign(def).index).toBe(expected)
    }
  })

  it('never throws on bad definitions; it shows the first variation and warns once in development', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const analytics = createTestAnalytics({ experiments: withExperiments() })
    expect(analytics.experiments.assign(null as never)).toMatchObject({
      inExperiment: false,
      reason: 'invalid',
    })
    const single = { key: 'solo_test', variations: ['only'] } as never
    expect(analytics.experiments.assign(single)).toMatchObject({
      variation: 'only',
      inExperiment: false,
      reason: 'invalid',
    })
    expect(analytics.experiments.expose(undefined as never)).toBe(false)
    expect(() => analytics.experiments.override('x', {} as never)).not.toThrow()
    const throwing = defineExperiment({
      key: 'unit_throws',
      variations: ['a', 'b'],
      unit: () => {
        throw new Error('no company yet')
      },
    })
    expect(analytics.experiments.assign(throwing)).toMatchObject({ variation: 'a', reason: 'invalid' })
    expect(warn.mock.calls.some(([m]) => String(m).includes('at least two variations'))).toBe(true)
    warn.mockRestore()
  })
})

describe('analytics.experiments.expose', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-11-28T10:00:00.000Z'))
  })
  afterEach(() => vi.useRealTimers())

  it('tracks experiment_exposed with the key, variation name and index, once per unit and variation', () => {
    const analytics = createTestAnalytics({ experiments: withExperiments(), anonymousId: 'anon_1' })
    const a = analytics.experiments.assign(checkout)
    expect(analytics.experiments.expose(checkout)).toBe(true)
    expect(analytics.experiments.expose(a)).toBe(false)
    expect(analytics.experiments.expose(checkout)).toBe(false)
    expect(exposures(analytics)).toEqual([
      { experiment_key: 'checkout_flow', variation_name: a.variation, variation_index: a.index },
    ])
    // a new unit is a new exposure
    analytics.identify('user_42')
    analytics.experiments.expose(checkout)
    expect(exposures(analytics)).toHaveLength(2)
    expect(analytics.eventsNamed('experiment_exposed')[1]?.user_id).toBe('user_42')
  })

  it('does not expose again after a reload in the same session', () => {
    const storage = memoryStorage()
    const first = createTestAnalytics({ experiments: withExperiments(), storage })
    first.page()
    expect(first.experiments.expose(checkout)).toBe(true)
    vi.advanceTimersByTime(60_000)
    const reloaded = createTestAnalytics({ experiments: withExperiments(), storage })
    expect(reloaded.experiments.expose(checkout)).toBe(false)
    reloaded.page()
    expect(reloaded.experiments.expose(checkout)).toBe(false)
    expect(exposures(reloaded)).toEqual([])
    expect(reloaded.getState().sessionId).toBe(first.getState().sessionId)
  })

  it('does not expose again after a reload in a session kept alive longer than the timeout', () => {
    const storage = memoryStorage()
    const first = createTestAnalytics({ experiments: withExperiments(), storage })
    first.page()
    expect(first.experiments.expose(checkout)).toBe(true)
    // 50 minutes of activity without another exposure: the session stays the same throughout
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(10 * 60_000)
      first.track('product_viewed')
    }
    void first.shutdown()
    vi.advanceTimersByTime(60_000)
    const reloaded = createTestAnalytics({ experiments: withExperiments(), storage })
    expect(reloaded.experiments.expose(checkout)).toBe(false)
    reloaded.page()
    expect(reloaded.getState().sessionId).toBe(first.getState().sessionId)
    expect(exposures(reloaded)).toEqual([])
  })

  it('exposes once across two tabs of one session', () => {
    const storage = memoryStorage()
    const tabA = createTestAnalytics({ experiments: withExperiments(), storage })
    const tabB = createTestAnalytics({ experiments: withExperiments(), storage })
    tabA.page()
    tabB.page()
    tabA.experiments.expose(checkout)
    tabB.experiments.expose(checkout)
    expect(exposures(tabA).length + exposures(tabB).length).toBe(1)
  })

  it('exposes again in a new session, after the inactivity timeout', () => {
    const storage = memoryStorage()
    const analytics = createTestAnalytics({ experiments: withExperiments(), storage })
    analytics.experiments.expose(checkout)
    vi.advanceTimersByTime(10 * 60_000)
    expect(analytics.experiments.expose(checkout)).toBe(false)
    vi.advanceTimersByTime(31 * 60_000)
    expect(analytics.experiments.expose(checkout)).toBe(true)
    const [one, two] = analytics.eventsNamed('experiment_exposed')
    expect(one?.session_id).not.toBe(two?.session_id)
    // a reload long after the last exposure starts afresh too
    vi.advanceTimersByTime(31 * 60_000)
    expect(
      createTestAnalytics({ experiments: withExperiments(), storage }).experiments.expose(checkout),
    ).toBe(true)
  })

  it('adds in-experiment assignments to the context of every later event, conversions included', () => {
    const analytics = createTestAnalytics({ experiments: withExperiments(), anonymousId: 'anon_1' })
    analytics.track('cart_viewed')
    const a = analytics.experiments.assign(checkout)
    analytics.experiments.assign(defineExperiment({ key: 'off_test', variations: ['a', 'b'], active: false }))
    analytics.track('checkout_completed', { order_value: 149.99 })
    expect(analytics.lastEvent('cart_viewed')?.context.experiments).toBeUndefined()
    expect(analytics.lastEvent('checkout_completed')?.context.experiments).toEqual({
      checkout_flow: a.variation,
    })
  })

  it('re-assigns after identify, so later events carry the user’s variation', () => {
    const analytics = createTestAnalytics({ experiments: withExperiments(), anonymousId: 'anon_1' })
    const wide = defineExperiment({
      key: 'wide_test',
      variations: ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9'],
    })
    analytics.experiments.assign(wide)
    const userId = ['u1', 'u2', 'u3', 'u4'].find(
      (id) => hash('wide_test', id, 2) !== hash('wide_test', 'anon_1', 2),
    )!
    analytics.identify(userId)
    analytics.track('plan_selected')
    const expected = chooseVariation(hash('wide_test', userId, 2)!, getBucketRanges(10))
    expect(analytics.lastEvent('user_identified')?.context.experiments).toEqual({ wide_test: `v${expected}` })
    expect(analytics.lastEvent('plan_selected')?.context.experiments).toEqual({ wide_test: `v${expected}` })
  })
})

describe('analytics.experiments.subscribe and getSnapshot', () => {
  it('returns the same assignment object while nothing that decides it changed', () => {
    const analytics = createTestAnalytics({ experiments: withExperiments(), anonymousId: 'anon_1' })
    const first = analytics.experiments.assign(checkout)
    expect(analytics.experiments.assign(checkout)).toBe(first)
    // an equal definition written inline at each render keeps the identity too
    expect(analytics.experiments.assign({ key: 'checkout_flow', variations: ['control', 'one_page'] })).toBe(
      first,
    )
  })

  it('notifies on overrides and changes only the snapshot, never other experiments’ assignments', async () => {
    const analytics = createTestAnalytics({ experiments: withExperiments(), anonymousId: 'anon_1' })
    const other = defineExperiment({ key: 'hero_copy', variations: ['a', 'b'] })
    const otherBefore = analytics.experiments.assign(other)
    analytics.experiments.assign(checkout)
    await Promise.resolve()
    const listener = vi.fn()
    const unsubscribe = analytics.experiments.subscribe(listener)
    const before = analytics.experiments.getSnapshot()
    expect(analytics.experiments.getSnapshot()).toBe(before)
    analytics.experiments.override('checkout_flow', 'one_page')
    expect(listener).toHaveBeenCalled()
    const after = analytics.experiments.getSnapshot()
    expect(after).not.toBe(before)
    expect(after.overrides).toEqual({ checkout_flow: 'one_page' })
    expect(after.assignments.checkout_flow).toMatchObject({ variation: 'one_page', reason: 'override' })
    expect(analytics.experiments.assign(other)).toBe(otherBefore)
    unsubscribe()
  })

  it('notifies after identify, since the unit, and so the assignment, changed', async () => {
    const analytics = createTestAnalytics({ experiments: withExperiments(), anonymousId: 'anon_1' })
    analytics.experiments.assign(checkout)
    await Promise.resolve()
    const listener = vi.fn()
    analytics.experiments.subscribe(listener)
    analytics.identify('user_42')
    await Promise.resolve()
    expect(listener).toHaveBeenCalledTimes(1)
    expect(analytics.experiments.getSnapshot().assignments.checkout_flow?.unitId).toBe('user_42')
  })
})
