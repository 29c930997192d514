import { describe, expect, it } from 'vitest'
import { businessEvents } from '../../src/core/catalogue.js'
import { createSampler, unitFraction } from '../../src/core/sampling.js'
import { createTestAnalytics } from '../../src/testing.js'
import { captureWarnings } from '../support/captureWarnings.js'

const users = Array.from({ length: 10_000 }, (_, i) => `user_${i}`)

describe('createSampler', () => {
  it.each([0.01, 0.1, 0.25, 0.5, 0.9])('keeps %s of 10,000 distinct users within 2 points', (rate) => {
    const sample = createSampler({ rate })
    const kept = users.filter((u) => sample('page_viewed', u).keep).length / users.length
    expect(Math.abs(kept - rate)).toBeLessThan(0.02)
  })

  it('keeps or drops a user wholly: every event of one user gets the same answer at one rate', () => {
    const sample = createSampler({ rate: 0.3 })
    for (const u of users.slice(0, 500)) {
      const answers = new Set(
        ['page_viewed', 'button_clicked', 'search_performed'].map((e) => sample(e, u).keep),
      )
      expect(answers.size).toBe(1)
    }
  })

  it('keeps at a lower rate a subset of the users kept at a higher rate, so funnels stay whole', () => {
    const sample = createSampler({ rate: 0.5, events: { page_viewed: 0.1 } })
    for (const u of users)
      if (sample('page_viewed', u).keep) expect(sample('button_clicked', u).keep).toBe(true)
  })

  it('never samples business events, or the ones listed as critical, unless given a rate of their own', () => {
    const sample = createSampler({ rate: 0, critical: ['invoice_paid'] })
    for (const name of [...businessEvents, 'invoice_paid'])
      for (const u of users.slice(0, 200)) expect(sample(name, u)).toEqual({ keep: true, rate: 1 })
    expect(sample('page_viewed', 'user_1')).toEqual({ keep: false, rate: 0 })
    const explicit = createSampler({ rate: 0, events: { checkout_completed: 0.5 } })
    const kept = users.filter((u) => explicit('checkout_completed', u).keep).length / users.length
    expect(Math.abs(kept - 0.5)).toBeLessThan(0.02)
  })

  it('is deterministic across sampler instances and spreads similar ids evenly', () => {
    expect(unitFraction('user_1')).toBe(unitFraction('user_1'))
    const buckets = new Array(10).fill(0)
    for (const u of users) buckets[Math.floor(unitFraction(u) * 10)]++
    for (const count of buckets) expect(Math.abs(count - 1_000)).toBeLessThan(150)
    const a = createSampler({ rate: 0.5, seed: 'a' })
    const b = createSampler({ rate: 0.5, seed: 'b' })
    const differ = users.filter((u) => a('x_y', u).keep !== b('x_y', u).keep).length
    expect(differ).toBeGreaterThan(4_000)
  })

  it('ignores a rate outside 0 to 1 (keeps everything) instead of failing', () => {
    // the warning this test provokes is asserted, not printed
    captureWarnings(/sampling rate for "rate" must be between 0 and 1; got 7/)
    const sample = createSampler({ rate: 7, events: { page_viewed: Number.NaN } })
    expect(sample('page_viewed', 'u').keep).toBe(true)
    expect(sample('button_clicked', 'u').keep).toBe(true)
  })
})

describe('sampling in the client', () => {
  it('marks kept events with sampled and sample_rate, and counts the others as sampled_out', () => {
    let kept = 0
    for (let i = 0; i < 400; i++) {
      const analytics = createTestAnalytics({ anonymousId: `anon_${i}`, sampling: { rate: 0.5 } })
      analytics.track('button_clicked', { label: 'Buy' })
      const event = analytics.lastEvent('button_clicked')
      if (event) {
        kept++
        expect(event.properties).toMatchObject({ sampled: true, sample_rate: 0.5 })
      } else expect(analytics.getState().ledger.dropped.sampled_out).toBe(2)
      // session_started is not business-critical, so it follows the same user decision
      expect(analytics.eventsNamed('session_started').length).toBe(event ? 1 : 0)
    }
    expect(kept).toBeGreaterThan(150)
    expect(kept).toBeLessThan(250)
  })

  it('never drops a business event, and does not mark it as sampled', () => {
    for (let i = 0; i < 200; i++) {
      const analytics = createTestAnalytics({ anonymousId: `anon_${i}`, sampling: { rate: 0.01 } })
      analytics.track('checkout_completed', { order_id: 'o', order_value: 1, currency: 'USD' })
      expect(analytics.lastEvent('checkout_completed')?.properties).toEqual({
        order_id: 'o',
        order_value: 1,
        currency: 'USD',
      })
    }
  })

  it('samples by session when asked: a new session is a new draw', () => {
    const decisions = new Set<boolean>()
    for (let i = 0; i < 50; i++) {
      const analytics = createTestAnalytics({
        anonymousId: 'same_user',
        sampling: { rate: 0.5, unit: 'session' },
      })
      analytics.track('button_clicked', { label: 'x' })
      decisions.add(analytics.eventsNamed('button_clicked').length === 1)
    }
    expect(decisions).toEqual(new Set([true, false]))
  })
})
