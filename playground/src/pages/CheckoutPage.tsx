import { useCart } from '../cart.js'
import { ClassicCheckout } from '../checkout/ClassicCheckout.js'
import { Link } from '../Link.js'

/** The checkout. */
export function CheckoutPage() {
  const lines = useCart()
  if (lines.length === 0)
    return (
      <div>
        <h1>Checkout</h1>
        <p>Your cart is empty.</p>
        <Link href="/">Browse products</Link>
      </div>
    )
  return (
    <div>
      <h1>Checkout</h1>
      <ClassicCheckout />
    </div>
  )
}
