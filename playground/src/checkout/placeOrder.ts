import type { analytics } from '../analytics.js'
import { type CartLine, cart, cartValue } from '../cart.js'
import { navigate } from '../router.js'
import { convert, settings } from '../settings.js'

/**
 * Completes the order, whichever checkout flow the shopper saw: tracks `checkout_completed` (never
 * sampled; the experiment assignment rides in its context, so no flow property is needed) and hands the
 * order to the shop API, which tracks `purchase_completed` server-side for the same visitor; then
 * empties the cart and shows the confirmation.
 */
export function placeOrder(lines: CartLine[], track: typeof analytics.track): void {
  const orderId = `ord_${Math.floor(100_000 + Math.random() * 900_000)}`
  const { currency } = settings.get()
  const value = convert(cartValue(lines), currency)
  track('checkout_completed', { order_id: orderId, order_value: value, currency })
  // keepalive: the request outlives the navigation to the confirmation
  void fetch('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ order_id: orderId, order_value: value, currency }),
    keepalive: true,
  }).catch(() => {})
  cart.clear()
  navigate(`/orders/${orderId}`)
}
