import { useEffect, useSyncExternalStore } from 'react'
import { analytics } from '../analytics.js'
import { useCart } from '../cart.js'
import { ClassicCheckout } from '../checkout/ClassicCheckout.js'
import { OnePageCheckout } from '../checkout/OnePageCheckout.js'
import { checkoutFlow } from '../experiments.js'
import { Link } from '../Link.js'

const { experiments } = analytics

/** The checkout, an A/B test between the classic three-step flow and a one-page flow. */
export function CheckoutPage() {
  const lines = useCart()
  const assignment = useSyncExternalStore(experiments.subscribe, () => experiments.assign(checkoutFlow))
  useEffect(() => {
    if (lines.length > 0) experiments.expose(assignment)
  }, [assignment, lines.length])

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
      <p className="callout" data-testid="assignment">
        A/B test <code>checkout_flow</code>: you see <strong>{assignment.variation}</strong> (
        {assignment.reason === 'hashed' ? 'assigned by hashing your id' : assignment.reason}).
      </p>
      {assignment.variation === 'treatment' ? <OnePageCheckout /> : <ClassicCheckout />}
    </div>
  )
}
