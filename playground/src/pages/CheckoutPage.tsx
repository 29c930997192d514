import { Experiment, useExperiment, Variant } from '../../../src/react.js'
import { useCart } from '../cart.js'
import { ClassicCheckout } from '../checkout/ClassicCheckout.js'
import { OnePageCheckout } from '../checkout/OnePageCheckout.js'
import { checkoutFlow } from '../experiments.js'
import { Link } from '../Link.js'

const reasons: Record<string, string> = {
  hashed: 'chosen by hashing your visitor id: it stays the same on every visit',
  url_override: 'forced by the URL for QA: not counted in the experiment',
  override: 'forced from the devtools for QA: not counted in the experiment',
}

/**
 * The checkout, an A/B test: `<Experiment>` renders the variation this visitor is hashed into and
 * tracks `experiment_exposed` once; every later event carries the assignment in its context.
 */
export function CheckoutPage() {
  const lines = useCart()
  // only reads the assignment for the note below; <Experiment> tracks the exposure
  const { variation, reason } = useExperiment(checkoutFlow, { exposeOn: 'manual' })

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
        A/B test <code>checkout_flow</code>: you see <strong>{variation}</strong>, {reasons[reason] ?? reason}
        . Try <code>?checkout_flow=0</code> or <code>?checkout_flow=1</code> in the address bar.
      </p>
      <Experiment experiment={checkoutFlow}>
        <Variant name="control">
          <ClassicCheckout />
        </Variant>
        <Variant name="treatment">
          <OnePageCheckout />
        </Variant>
      </Experiment>
    </div>
  )
}
