// PostHog in a React app: init, provider, hook, a multivariate flag.
import posthog from 'posthog-js'
import { PostHogProvider, useFeatureFlagVariantKey, usePostHog } from 'posthog-js/react'

posthog.init('phc_abc123', { api_host: 'https://us.i.posthog.com' })

function CheckoutButton() {
  const client = usePostHog()
  return (
    <button type="button" onClick={() => client.capture('checkout_button_clicked', { cart_value: 42 })}>
      Checkout
    </button>
  )
}

function Checkout() {
  return useFeatureFlagVariantKey('checkout_flow') === 'treatment' ? 'New checkout' : 'Old checkout'
}

export function App() {
  return (
    <PostHogProvider client={posthog}>
      <CheckoutButton />
      <Checkout />
    </PostHogProvider>
  )
}
