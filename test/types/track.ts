import * as v from 'valibot'
import { expectTypeOf } from 'vitest'
import { z } from 'zod'
import {
  type Analytics,
  createAnalytics,
  defineEvents,
  eventSchema,
  type PropertiesOf,
  standardEvents,
} from '../../src/index.js'
import { createTestAnalytics } from '../../src/testing.js'

// --- a catalogue of Zod and Valibot schemas -----------------------------------------------------------
const analytics = createAnalytics({
  events: {
    checkout_completed: z.object({
      order_id: z.string(),
      order_value: z.number(),
      coupon: z.string().optional(),
    }),
    plan_selected: v.object({ plan: v.picklist(['free', 'team']), seats: v.optional(v.number()) }),
    search_cleared: z.object({}),
  },
})

analytics.track('checkout_completed', { order_id: 'ord_1', order_value: 149.99 })
analytics.track(
  'checkout_completed',
  { order_id: 'ord_1', order_value: 149.99, coupon: 'X' },
  { timestamp: new Date() },
)
analytics.track('plan_selected', { plan: 'team' })
analytics.track('search_cleared')
// names outside the catalogue take any properties (the runtime policy decides what happens to them)
analytics.track('something_else', { anything: [1, 'two'] })
analytics.track('something_else')

// @ts-expect-error a property the schema does not know
analytics.track('checkout_completed', { wrong: 1 })
// @ts-expect-error a required property is missing
analytics.track('checkout_completed', { order_id: 'ord_1' })
// @ts-expect-error the properties are required when the schema requires any
analytics.track('checkout_completed')
// @ts-expect-error a property of the wrong type
analytics.track('checkout_completed', { order_id: 'ord_1', order_value: '149.99' })
// @ts-expect-error a value outside the picklist
analytics.track('plan_selected', { plan: 'enterprise' })
// @ts-expect-error options are not properties
analytics.track('search_cleared', {}, { when: 1 })

expectTypeOf<
  PropertiesOf<typeof analytics extends Analytics<infer T> ? T : never, 'plan_selected'>
>().toEqualTypeOf<{
  plan: 'free' | 'team'
  seats?: number | undefined
}>()

// a typed client is still a client
const plain: Analytics = analytics
plain.track('anything_at_all', { x: 1 })

// --- the standard catalogue and spec strings ---------------------------------------------------------
const standard = createTestAnalytics({
  events: { ...standardEvents, ...defineEvents({ plan_viewed: 'plan:s,seats?:n' }) },
})
standard.track('checkout_completed', { order_id: 'ord_1', order_value: 10, currency: 'USD' })
standard.track('experiment_exposed', {
  experiment_key: 'checkout_flow',
  variation_name: 'treatment',
  variation_index: 1,
})
standard.track('page_viewed')
standard.track('plan_viewed', { plan: 'team', seats: 3 })
// @ts-expect-error currency is required
standard.track('checkout_completed', { order_id: 'ord_1', order_value: 10 })
// @ts-expect-error seats is a number
standard.track('plan_viewed', { plan: 'team', seats: 'three' })
// @ts-expect-error button_clicked needs a label
standard.track('button_clicked', {})

const schema = eventSchema('order_id:s,order_value:n,gift?:b')
expectTypeOf<NonNullable<(typeof schema)['~standard']['types']>['input']>().toEqualTypeOf<{
  order_id: string
  order_value: number
  gift?: boolean
}>()

// --- without a catalogue, anything JSON-like goes ----------------------------------------------------
const loose = createAnalytics()
loose.track('whatever_happened', { nested: { deep: [1, 2, 3] } })
loose.track('whatever_happened')
// @ts-expect-error properties are an object
loose.track('whatever_happened', 42)
