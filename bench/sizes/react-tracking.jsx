// react-tracking: the provider-like <Track> and the hook (it sends nothing; default dispatch is dataLayer).
import { useTracking } from 'react-tracking'

function CheckoutButton() {
  const { trackEvent } = useTracking()
  return (
    <button type="button" onClick={() => trackEvent({ event: 'checkout_button_clicked', cart_value: 42 })}>
      Checkout
    </button>
  )
}

export function App() {
  const { Track } = useTracking({ page: 'cart' })
  return (
    <Track>
      <CheckoutButton />
    </Track>
  )
}
