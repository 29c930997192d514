import { cartValue, useCart } from '../cart.js'
import { useTrack } from '../hooks.js'
import { formatPrice, useSettings } from '../settings.js'
import { useTrackOnce } from '../useTrackOnce.js'
import { AddressFields, PaymentFields } from './fields.js'
import { placeOrder } from './placeOrder.js'

/** Treatment of the checkout test: everything on one screen. */
export function OnePageCheckout() {
  const lines = useCart()
  const { currency } = useSettings()
  const track = useTrack()

  useTrackOnce('details', () => track('checkout_step_viewed', { step: 1, step_name: 'details' }))

  return (
    <section aria-label="One-page checkout">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          track('checkout_step_completed', { step: 1, step_name: 'details' })
          placeOrder(lines, track)
        }}
      >
        <AddressFields />
        <PaymentFields />
        <button type="submit" className="primary">
          Place order · {formatPrice(cartValue(lines), currency)}
        </button>
      </form>
    </section>
  )
}
