import type { Meta, StoryObj } from '@storybook/react-vite'
import { type ExposureOptions, TrackingScope, useExposure } from '../src/react.js'
import { withEventLog } from './support/EventLog.js'
import { visibilityArgTypes } from './support/visibilityArgTypes.js'

const products = Array.from({ length: 24 }, (_, i) => ({ id: `sku_${100 + i}`, name: `Product ${i + 1}` }))

function ProductCard({ id, name, options }: { id: string; name: string; options: ExposureOptions }) {
  const ref = useExposure('product_impression', { product_id: id }, options)
  return (
    <li ref={ref} className="ik-card" style={{ height: 180, listStyle: 'none', margin: 0 }}>
      <strong>{name}</strong>
      <div className="ik-dim">{id}</div>
    </li>
  )
}

/** A list of product cards, each tracking `product_impression` through `useExposure` with these options. */
function ProductList({ threshold, minVisibleMs, once }: ExposureOptions) {
  const options = { threshold, minVisibleMs, once }
  return (
    <TrackingScope properties={{ list: 'search_results' }}>
      <p>Scroll slowly: a card is counted once at least half of it has been on screen for the dwell time.</p>
      <ul style={{ display: 'grid', gap: 12, padding: 0, margin: 0 }}>
        {products.map((p) => (
          <ProductCard key={p.id} {...p} options={options} />
        ))}
      </ul>
    </TrackingScope>
  )
}

/**
 * `useExposure(event, properties, { threshold, minVisibleMs, once })` returns a ref; the event is tracked
 * once the element has been visible enough for long enough (IntersectionObserver). Cards scrolled past
 * quickly are not counted, and each card is counted once per mount.
 */
const meta = {
  title: 'Hooks/useExposure',
  component: ProductList,
  decorators: [withEventLog({ title: 'Impressions' })],
  args: { threshold: 0.5, minVisibleMs: 1_000, once: true },
  argTypes: visibilityArgTypes,
} satisfies Meta<typeof ProductList>

export default meta
type Story = StoryObj<typeof meta>

/** Half visible for a second, once per card. */
export const ProductImpressions: Story = {}

/** `once: false`: a card is counted again each time it leaves and comes back. */
export const EveryTimeItReturns: Story = { args: { once: false, minVisibleMs: 500 } }
