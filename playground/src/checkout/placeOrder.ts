import type { analytics } from '../analytics.js'
import { type CartLine, cart, cartValue } from '../cart.js'
import { navigate } from '../router.js'
import { convert, settings } from '../settings.js'

/**
 * Completes the order, whichever checkout flow the shopper saw: tracks the two business events
 * (never sampled; the experiment assignment rides in their context, so no flow property is needed),
 * empties the cart and shows the confirmation.
 */
export function placeOrder(lines: CartLine[], track: typeof analytics.track): void {
  const orderId = `ord_${Math.floor(100_000 + Math.random() * 900_000)}`
  const { currency } = settings.get()
  const value = convert(cartValue(lines), currency)
  track('checkout_completed', { order_id: orderId, order_value: value, currency })
  track('purchase_completed', { order_id: orderId, order_value: value, currency })
  cart.clear()
  navigate(`/orders/${orderId}`)
}
