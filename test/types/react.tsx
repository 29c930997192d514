import { createRef } from 'react'
import { expectTypeOf } from 'vitest'
import * as z from 'zod'
import { type Analytics, createAnalytics } from '../../src/index.js'
import {
  AnalyticsProvider,
  createAnalyticsHooks,
  type EventsOf,
  TrackedButton,
  TrackedForm,
  TrackedLink,
  TrackingScope,
  useAnalytics,
  useExposure,
  useTrack,
} from '../../src/react.js'

const analytics = createAnalytics({
  events: {
    checkout_completed: z.object({ order_value: z.number(), currency: z.string() }),
    cart_item_added: z.object({ sku: z.string(), quantity: z.number().optional() }),
  },
})

// ---- createAnalyticsHooks: the catalogue flows into every hook and component ----
const typed = createAnalyticsHooks<typeof analytics>()
type Catalogue = EventsOf<typeof analytics>
expectTypeOf<keyof Catalogue>().toEqualTypeOf<'checkout_completed' | 'cart_item_added'>()

function TypedUse() {
  const track = typed.useTrack()
  track('checkout_completed', { order_value: 149.99, currency: 'USD' })
  track('cart_item_added', { sku: 'sku_1' })
  // @ts-expect-error: order_value must be a number
  track('checkout_completed', { order_value: '149.99', currency: 'USD' })
  // @ts-expect-error: currency is missing
  track('checkout_completed', { order_value: 1 })
  // names outside the catalogue are still accepted (unknownEvents decides at run time)
  track('newsletter_opened', { anything: true })

  expectTypeOf(typed.useAnalytics()).toEqualTypeOf<typeof analytics>()
  const ref = typed.useExposure('cart_item_added', { sku: 'sku_2' })
  expectTypeOf(ref).toEqualTypeOf<(element: Element | null) => void>()
  // @ts-expect-error: sku must be a string
  typed.useExposure('cart_item_added', { sku: 2 })
  return null
}
void TypedUse

const buttonRef = createRef<HTMLButtonElement>()
const typedElements = (
  <AnalyticsProvider client={analytics}>
    <typed.TrackedButton
      ref={buttonRef}
      event="checkout_completed"
      properties={{ order_value: 1, currency: 'EUR' }}
      type="submit"
      disabled={false}
      onClick={(e) => expectTypeOf(e.currentTarget).toExtend<HTMLButtonElement>()}
    >
      Pay
    </typed.TrackedButton>
    {/* @ts-expect-error: quantity must be a number */}
    <typed.TrackedButton event="cart_item_added" properties={{ sku: 'a', quantity: 'two' }} />
    <typed.TrackedLink event="cart_item_added" properties={{ sku: 'a' }} href="/cart" target="_blank" />
    {/* @ts-expect-error: a link's ref is an anchor, not a button */}
    <typed.TrackedLink ref={buttonRef} event="x_clicked" />
  </AnalyticsProvider>
)
void typedElements

// ---- the untyped exports accept any name and free-form properties ----
function UntypedUse() {
  const track = useTrack()
  track('anything_happened', { free: 'form', n: 1 })
  expectTypeOf(useAnalytics()).toEqualTypeOf<Analytics>()
  useExposure('banner_seen', { slot: 'top' }, { threshold: 0.5, minVisibleMs: 1000, once: false })
  // @ts-expect-error: threshold is a number
  useExposure('banner_seen', undefined, { threshold: 'half' })
  return null
}
void UntypedUse

const untypedElements = (
  <AnalyticsProvider client={analytics}>
    <TrackingScope properties={{ page: 'home' }}>
      <TrackedButton event="cta_clicked" properties={{ slot: 'hero' }} aria-label="Buy" />
      <TrackedLink event="docs_link_clicked" href="/docs" ref={createRef<HTMLAnchorElement>()} />
      <TrackedForm event="signup_form" name="signup" onSubmit={(e) => e.preventDefault()} />
    </TrackingScope>
    {/* @ts-expect-error: event is required */}
    <TrackedButton>no event</TrackedButton>
    {/* @ts-expect-error: properties is an object */}
    <TrackedButton event="x_clicked" properties="nope" />
    {/* @ts-expect-error: a scope needs properties */}
    <TrackingScope>nothing</TrackingScope>
  </AnalyticsProvider>
)
void untypedElements

// ---- the provider takes a typed client as it is ----
// @ts-expect-error: the provider needs a client
const missingClient = <AnalyticsProvider>x</AnalyticsProvider>
void missingClient
