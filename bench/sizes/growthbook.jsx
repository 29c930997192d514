// GrowthBook in a React app: provider, a hook to log events, an experiment, the tracking plugin.
import { growthbookTrackingPlugin } from '@growthbook/growthbook/plugins'
import { GrowthBook, GrowthBookProvider, useExperiment, useGrowthBook } from '@growthbook/growthbook-react'

const gb = new GrowthBook({ clientKey: 'sdk-abc123', plugins: [growthbookTrackingPlugin()] })
gb.init()

function CheckoutButton() {
  const growthbook = useGrowthBook()
  return (
    <button type="button" onClick={() => growthbook.logEvent('checkout_button_clicked', { cart_value: 42 })}>
      Checkout
    </button>
  )
}

function Checkout() {
  const { value } = useExperiment({ key: 'checkout_flow', variations: ['control', 'treatment'] })
  return value === 'treatment' ? 'New checkout' : 'Old checkout'
}

export function App() {
  return (
    <GrowthBookProvider growthbook={gb}>
      <CheckoutButton />
      <Checkout />
    </GrowthBookProvider>
  )
}
