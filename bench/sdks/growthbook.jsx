// GrowthBook: `logEvent` with the official tracking plugin (batches to GrowthBook's ingestor).
import { growthbookTrackingPlugin } from '@growthbook/growthbook/plugins'
import { GrowthBook, GrowthBookProvider, useGrowthBook } from '@growthbook/growthbook-react'
import { defineAdapter } from './defineAdapter.jsx'

const gb = new GrowthBook({
  clientKey: 'sdk-bench',
  attributes: { id: 'anon_8x92j4k1' },
  plugins: [growthbookTrackingPlugin()],
})

function Wrapper({ children }) {
  return <GrowthBookProvider growthbook={gb}>{children}</GrowthBookProvider>
}

function TrackedButton({ event, properties, children }) {
  const growthbook = useGrowthBook()
  return (
    // biome-ignore lint/a11y/useButtonType: the same element as the plain buttons it is compared with
    <button onClick={() => growthbook.logEvent(event, properties)}>{children}</button>
  )
}

function useTrackFn() {
  const growthbook = useGrowthBook()
  return (event, properties) => growthbook.logEvent(event, properties)
}

defineAdapter({
  init: () => gb.init({ timeout: 2000 }),
  track: (name, properties) => gb.logEvent(name, properties),
  react: { Wrapper, TrackedButton, useTrackFn },
})
