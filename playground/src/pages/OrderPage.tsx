import { Link } from '../Link.js'

/** The confirmation after either checkout flow. */
export function OrderPage({ orderId }: { orderId: string }) {
  return (
    <div>
      <h1>Thank you!</h1>
      <p>
        Order <strong data-testid="order-id">{orderId}</strong> is confirmed.
      </p>
      <p className="callout">
        <code>checkout_completed</code> was just sent from this page, and <code>purchase_completed</code> by
        the shop API, server-side, for the same visitor and session (read from the identity cookie). Open one
        in the collector panel: its <code>context.experiments</code> names the checkout flow you saw, so the
        A/B test can be analysed without any hand-written property.
      </p>
      <Link href="/">Back to the shop</Link>
    </div>
  )
}
