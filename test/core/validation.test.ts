import { type } from 'arktype'
import * as v from 'valibot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import type { StandardSchemaV1 } from '../../src/core/standardSchema.js'
import { validateProperties } from '../../src/core/validation.js'
import { createTestAnalytics } from '../../src/testing.js'
import { captureWarnings } from '../support/captureWarnings.js'

const order = {
  zod: z.object({
    order_id: z.string(),
    order_value: z.number(),
    items: z.array(z.object({ sku: z.string() })),
  }),
  valibot: v.object({
    order_id: v.string(),
    order_value: v.number(),
    items: v.array(v.object({ sku: v.string() })),
  }),
  arktype: type({ order_id: 'string', order_value: 'number', items: type({ sku: 'string' }).array() }),
}

describe('validateProperties', () => {
  it.each(Object.entries(order))('runs %s schemas and names the path of each issue', (_, schema) => {
    expect(
      validateProperties(schema, { order_id: 'o1', order_value: 5, items: [{ sku: 'a' }] }),
    ).toMatchObject({
      ok: true,
    })
    const result = validateProperties(schema, { order_id: 7, order_value: 5, items: [{ sku: 1 }] })
    expect(result).toMatchObject({ ok: false })
    const issues = (result as { issues: string[] }).issues
    expect(issues.some((i) => i.startsWith('order_id: '))).toBe(true)
    expect(issues.some((i) => i.startsWith('items.0.sku: '))).toBe(true)
  })

  it('awaits asynchronous validators', async () => {
    const schema = z.object({ code: z.string().refine(async (c) => c.startsWith('ok')) })
    const pending = validateProperties(schema, { code: 'nope' })
    expect(pending).toBeInstanceOf(Promise)
    expect(await pending).toMatchObject({ ok: false })
    expect(await validateProperties(schema, { code: 'ok_1' })).toMatchObject({ ok: true })
  })

  it('turns a validator that throws or rejects into an invalid result', async () => {
    const throwing: StandardSchemaV1 = {
      '~standard': {
        version: 1,
        vendor: 'x',
        validate() {
          throw new Error('broken schema')
        },
      },
    }
    const rejecting: StandardSchemaV1 = {
      '~standard': { version: 1, vendor: 'x', validate: () => Promise.reject(new Error('offline')) },
    }
    expect(validateProperties(throwing, {})).toEqual({
      ok: false,
      issues: ['the validator threw: Error: broken schema'],
    })
    expect(await validateProperties(rejecting, {})).toEqual({
      ok: false,
      issues: ['the validator threw: Error: offline'],
    })
  })
})

describe('validation in the client', () => {
  afterEach(() => vi.restoreAllMocks())

  it('drops invalid events with reason "invalid" and a development warning listing the issues', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const analytics = createTestAnalytics({ events: { order_placed: order.zod } })
    analytics.track('order_placed', { order_id: 42 } as never)
    expect(analytics.eventsNamed('order_placed')).toEqual([])
    expect(analytics.dropped).toHaveLength(1)
    expect(analytics.dropped[0]).toMatchObject({
      reason: 'invalid',
      stage: 'validation',
      event_name: 'order_placed',
    })
    expect(analytics.dropped[0]?.detail).toContain('order_id: ')
    expect(warn.mock.calls.flat().join(' ')).toContain('"order_placed" was dropped: order_id: ')
  })

  it('sends invalid events anyway when invalidEvents is "send"', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const analytics = createTestAnalytics({ events: { order_placed: order.valibot }, invalidEvents: 'send' })
    analytics.track('order_placed', { order_id: 42 } as never)
    expect(analytics.lastEvent('order_placed')?.properties).toEqual({ order_id: 42 })
  })

  it('handles unknown event names by policy: allow, warn or drop', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const events = { order_placed: order.arktype }
    const allow = createTestAnalytics({ events })
    allow.track('mystery_event')
    expect(allow.eventsNamed('mystery_event')).toHaveLength(1)

    const warned = createTestAnalytics({ events, unknownEvents: 'warn' })
    warned.track('other_mystery')
    expect(warned.eventsNamed('other_mystery')).toHaveLength(1)
    expect(warn.mock.calls.flat().join(' ')).toContain('"other_mystery" is not in the event catalogue')

    const dropped = createTestAnalytics({ events, unknownEvents: 'drop' })
    dropped.track('mystery_event')
    expect(dropped.eventsNamed('mystery_event')).toEqual([])
    expect(dropped.dropped[0]).toMatchObject({ reason: 'unknown_event', stage: 'validation' })
  })

  it('lets the events the kit emits itself through a catalogue that does not list them', () => {
    const analytics = createTestAnalytics({ events: { order_placed: order.zod }, unknownEvents: 'drop' })
    analytics.identify('user_1')
    analytics.track('experiment_exposed', { experiment_key: 'hero', variation_name: 'b' })
    analytics.track('mystery_event')
    expect(analytics.events.map((e) => e.event_name)).toEqual([
      'session_started',
      'user_identified',
      'experiment_exposed',
    ])
    expect(analytics.dropped.map((d) => [d.event_name, d.reason])).toEqual([
      ['mystery_event', 'unknown_event'],
    ])
  })

  it('validates asynchronously while keeping the order of events', async () => {
    // the warning this test provokes is asserted, not printed
    captureWarnings(/"coupon_applied" was dropped: code:/)
    const slow = z.object({ code: z.string().refine(async () => true) })
    const analytics = createTestAnalytics({ events: { coupon_applied: slow } })
    analytics.track('coupon_applied', { code: 'A' })
    analytics.track('button_clicked', { label: 'next' })
    analytics.track('coupon_applied', { code: 123 } as never)
    // the button click waits behind the coupon's validator
    expect(analytics.events.map((e) => e.event_name)).toEqual(['session_started'])
    await analytics.flush()
    expect(analytics.events.map((e) => e.event_name)).toEqual([
      'session_started',
      'coupon_applied',
      'button_clicked',
    ])
    expect(analytics.dropped.map((d) => d.reason)).toEqual(['invalid'])
    expect(analytics.getState().ledger).toMatchObject({ tracked: 4, droppedTotal: 1 })
  })

  it('validates the JSON-safe properties, including client defaults', () => {
    const analytics = createTestAnalytics({
      defaults: { app: 'shop' },
      events: { page_opened: z.strictObject({ at: z.string(), app: z.string() }) },
    })
    analytics.track('page_opened', { at: new Date('2026-11-28T10:00:00Z') } as never)
    expect(analytics.lastEvent('page_opened')?.properties).toEqual({
      app: 'shop',
      at: '2026-11-28T10:00:00.000Z',
    })
  })
})
