import { useExperiment } from '../../../src/react.js'
import { checkoutFlow } from '../experiments.js'
import { Link } from '../Link.js'

/** The confirmation after either checkout flow. */
export function OrderPage({ orderId }: { orderId: string }) {
  // only reads the assignment, to say what the events carry: the checkout page tracked the exposure
  const { variation, reason } = useExperiment(checkoutFlow, { exposeOn: 'manual' })
  const forcedBy = reason === 'url_override' ? 'the URL' : reason === 'override' ? 'the devtools' : undefined
  return (
    <div>
      <h1>Thank you!</h1>
      <p>
        Order <strong data-testid="order-id">{orderId}</strong> is confirmed.
      </p>
      <p className="callout" data-testid="order-experiment">
        <code>checkout_completed</code> was just sent from this page, and <code>purchase_completed</code> by
        the shop API, server-side, for the same visitor and session (read from the identity cookie).{' '}
        {/* only a hashed assignment rides in the context: a forced one is shown but not counted */}
        {reason === 'hashed' ? (
          <>
            Open one in the collector panel: its <code>context.experiments</code> says{' '}
            <code>checkout_flow = {variation}</code>, the flow you saw, so the A/B test can be analysed
            without any hand-written property.
          </>
        ) : forcedBy ? (
          <>
            You saw the <strong>{variation}</strong> flow because {forcedBy} forced it, for QA: a forced
            visitor is kept out of the experiment, so no <code>experiment_exposed</code> was sent and these
            events carry no <code>context.experiments</code>. Without the override, they would name the flow
            you saw.
          </>
        ) : (
          <>
            You are not in the <code>checkout_flow</code> experiment ({reason}), so these events carry no{' '}
            <code>context.experiments</code>.
          </>
        )}
      </p>
      <Link href="/">Back to the shop</Link>
    </div>
  )
}
