import { describe, expect, it } from 'vitest'
import { businessEvents, defineEvents, eventSchema, standardEvents } from '../../src/core/catalogue.js'
import { checkEventName } from '../../src/core/naming.js'
import { validateProperties } from '../../src/core/validation.js'
import { createTestAnalytics } from '../../src/testing.js'
import { captureWarnings } from '../support/captureWarnings.js'

describe('eventSchema', () => {
  const schema = eventSchema('order_id:s,order_value:n,gift?:b')

  it('accepts matching properties and extra ones', () => {
    expect(validateProperties(schema, { order_id: 'o', order_value: 1, extra: 'kept' })).toEqual({
      ok: true,
      value: { order_id: 'o', order_value: 1, extra: 'kept' },
    })
  })

  it('reports missing and mistyped fields with their path', () => {
    expect(validateProperties(schema, { order_value: Number.NaN, gift: 'yes' })).toEqual({
      ok: false,
      issues: [
        'order_id: required string',
        'order_value: expected number, got number',
        'gift: expected boolean, got string',
      ],
    })
    expect(validateProperties(schema, null)).toEqual({
      ok: false,
      issues: ['expected an object of properties'],
    })
  })

  it('treats null as absent for optional fields', () => {
    expect(validateProperties(schema, { order_id: 'o', order_value: 1, gift: null })).toMatchObject({
      ok: true,
    })
  })
})

describe('standardEvents', () => {
  it('covers the standard product events, every one well named', () => {
    const names = Object.keys(standardEvents)
    expect(names).toHaveLength(26)
    for (const name of names) expect(checkEventName(name), name).toBeUndefined()
    for (const name of businessEvents) expect(names).toContain(name)
    expect(names).toEqual(
      expect.arrayContaining([
        'page_viewed',
        'filter_applied',
        'report_generated',
        'rate_limit_exceeded',
        'experiment_exposed',
      ]),
    )
  })

  it('validates in the client when spread into an app catalogue', () => {
    // the warning this test provokes is asserted, not printed
    captureWarnings(/"checkout_completed" was dropped: order_value: required number/)
    const events = { ...standardEvents, ...defineEvents({ plan_selected: 'plan:s' }) }
    const analytics = createTestAnalytics({ events, unknownEvents: 'drop' })
    analytics.track('checkout_completed', { order_id: 'ord_1', order_value: 149.99, currency: 'USD' })
    analytics.track('plan_selected', { plan: 'team' })
    analytics.track('checkout_completed', { order_id: 'ord_2' } as never)
    analytics.track('plan_renamed', { plan: 'x' })
    expect(analytics.events.map((e) => e.event_name)).toEqual([
      'session_started',
      'checkout_completed',
      'plan_selected',
    ])
    expect(analytics.dropped.map((d) => [d.event_name, d.reason])).toEqual([
      ['checkout_completed', 'invalid'],
      ['plan_renamed', 'unknown_event'],
    ])
  })
})
