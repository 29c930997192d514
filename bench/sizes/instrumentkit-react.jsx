// instrumentkit in a React app: Provider, useTrack, TrackedButton, Experiment, fetch delivery.
import { createAnalytics, defineExperiment, fetchTransport } from '../../src/index.ts'
import { AnalyticsProvider, Experiment, TrackedButton, useTrack, Variant } from '../../src/react.ts'

const analytics = createAnalytics({ transport: fetchTransport({ url: '/api/analytics/batch' }) })
const checkoutFlow = defineExperiment({ key: 'checkout_flow', variations: ['control', 'treatment'] })

function Search() {
  const track = useTrack()
  return <input onChange={(e) => track('search_performed', { query: e.target.value })} />
}

export function App() {
  return (
    <AnalyticsProvider client={analytics}>
      <Search />
      <TrackedButton event="checkout_button_clicked" properties={{ cart_value: 42 }}>
        Checkout
      </TrackedButton>
      <Experiment experiment={checkoutFlow}>
        <Variant name="control">Old checkout</Variant>
        <Variant name="treatment">New checkout</Variant>
      </Experiment>
    </AnalyticsProvider>
  )
}
