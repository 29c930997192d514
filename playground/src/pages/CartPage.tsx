import { cart, cartValue, itemCount, useCart } from '../cart.js'
import { TrackedButton } from '../hooks.js'
import { Link } from '../Link.js'
import { navigate } from '../router.js'
import { formatPrice, useSettings } from '../settings.js'

/** The cart: lines, total and the way to checkout. */
export function CartPage() {
  const lines = useCart()
  const { currency } = useSettings()
  const total = cartValue(lines)

  if (lines.length === 0)
    return (
      <div>
        <h1>Your cart</h1>
        <p>Your cart is empty.</p>
        <Link href="/">Browse products</Link>
      </div>
    )

  return (
    <div>
      <h1>Your cart</h1>
      <table>
        <thead>
          <tr>
            <th>Product</th>
            <th>Quantity</th>
            <th>Price</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.product.id}>
              <td>{l.product.name}</td>
              <td>{l.quantity}</td>
              <td>{formatPrice(l.product.price * l.quantity, currency)}</td>
              <td>
                <TrackedButton
                  type="button"
                  event="product_removed"
                  properties={{
                    product_id: l.product.id,
                    cart_value: cartValue(lines.filter((o) => o !== l)),
                  }}
                  onClick={() => cart.remove(l.product.id)}
                >
                  Remove
                </TrackedButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="price" style={{ fontSize: 18 }}>
        Total: {formatPrice(total, currency)}
      </p>
      <div className="toolbar">
        <TrackedButton
          type="button"
          className="primary"
          event="checkout_started"
          properties={{ cart_value: total, item_count: itemCount(lines) }}
          onClick={() => navigate('/checkout')}
        >
          Checkout
        </TrackedButton>
        <Link href="/">Continue shopping</Link>
      </div>
      <p className="hint">
        “Checkout” sends <code>checkout_started</code>; the checkout itself is an A/B test.
      </p>
    </div>
  )
}
