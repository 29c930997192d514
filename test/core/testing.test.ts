import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestAnalytics } from '../../src/testing.js'
import { captureWarnings } from '../support/captureWarnings.js'

describe('createTestAnalytics', () => {
  it('records every queued event at once, with helpers to find them', () => {
    const analytics = createTestAnalytics()
    analytics.track('cart_viewed', { items: 2 })
    analytics.track('checkout_started')
    analytics.track('cart_viewed', { items: 3 })
    expect(analytics.events.map((e) => e.event_name)).toEqual([
      'session_started',
      'cart_viewed',
      'checkout_started',
      'cart_viewed',
    ])
    expect(analytics.eventsNamed('cart_viewed').map((e) => e.properties.items)).toEqual([2, 3])
    expect(analytics.lastEvent('cart_viewed')?.properties.items).toBe(3)
    expect(analytics.lastEvent()?.event_name).toBe('cart_viewed')
    expect(analytics.lastEvent('never_tracked')).toBeUndefined()
  })

  it('runs the real pipeline: drops are recorded with their reason and privacy applies', () => {
    // the warning this test provokes is asserted, not printed
    captureWarnings(/"signup_completed" was dropped: method:/)
    const analytics = createTestAnalytics({ events: { signup_completed: z.object({ method: z.string() }) } })
    analytics.track('signup_completed', { method: 'email', email: 'ada@example.com' } as never)
    analytics.track('signup_completed', {} as never)
    expect(analytics.lastEvent('signup_completed')?.properties).toEqual({
      method: 'email',
      email: '[REDACTED]',
    })
    expect(analytics.dropped.map((d) => [d.event_name, d.reason])).toEqual([['signup_completed', 'invalid']])
    expect(
      analytics.outcomes.some((o) => o.type === 'queued' && o.redacted.includes('properties.email')),
    ).toBe(true)
  })

  it('forgets what it recorded on clear()', () => {
    const analytics = createTestAnalytics()
    analytics.track('cart_viewed')
    analytics.clear()
    expect([analytics.events, analytics.outcomes, analytics.dropped]).toEqual([[], [], []])
    analytics.track('cart_viewed')
    expect(analytics.events.map((e) => e.event_name)).toEqual(['cart_viewed'])
  })

  it('touches no storage', () => {
    const analytics = createTestAnalytics()
    analytics.track('cart_viewed')
    expect(analytics.getState().queueSize).toBe(2)
  })
})
