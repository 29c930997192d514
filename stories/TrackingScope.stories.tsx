import type { Meta, StoryObj } from '@storybook/react-vite'
import { useRef, useState } from 'react'
import type { Properties } from '../src/index.js'
import { TrackedButton, TrackingScope, useTrack } from '../src/react.js'
import { withEventLog } from './support/EventLog.js'

function RenderCount() {
  const renders = useRef(0)
  renders.current++
  return <small>rendered {renders.current}×</small>
}

function AddToCart({ sku }: { sku: string }) {
  const track = useTrack()
  return (
    <button type="button" onClick={() => track('cart_item_added', { sku, quantity: 1 })}>
      Add {sku} <RenderCount />
    </button>
  )
}

function ProductPage({ properties }: { properties: Properties }) {
  const [tab, setTab] = useState<'details' | 'reviews'>('details')
  return (
    <TrackingScope properties={{ ...properties, tab }}>
      <p>
        <label>
          Tab
          <select value={tab} onChange={(e) => setTab(e.target.value as 'details' | 'reviews')}>
            <option value="details">details</option>
            <option value="reviews">reviews</option>
          </select>
        </label>
      </p>
      <div className="ik-actions">
        <AddToCart sku="sku_123" />
      </div>
      <TrackingScope properties={{ section: 'recommendations', page: 'product_recommendations' }}>
        <section className="ik-card">
          <h3>Recommendations</h3>
          <p>
            A nested scope: its <code>page</code> wins.
          </p>
          <div className="ik-actions">
            <AddToCart sku="sku_456" />
            <TrackedButton event="recommendation_dismissed" properties={{ sku: 'sku_456' }} type="button">
              Dismiss
            </TrackedButton>
          </div>
        </section>
      </TrackingScope>
    </TrackingScope>
  )
}

/**
 * `TrackingScope` adds its properties to every event tracked below it, so a leaf says only what is
 * new. Scopes nest (the nearest wins; the call site wins over all), and changing a scope's properties
 * re-renders nothing below it: switch the tab and watch the render counts stay put while later events
 * carry the new `tab`.
 */
const meta = {
  title: 'Components/TrackingScope',
  component: TrackingScope,
  decorators: [withEventLog()],
  // the story's page adds the selected `tab` to these
  args: { properties: { page: 'product', product_id: 'sku_123' } },
  argTypes: { children: { control: false } },
  render: (args) => <ProductPage properties={args.properties} />,
} satisfies Meta<typeof TrackingScope>

export default meta
type Story = StoryObj<typeof meta>

export const NestedScopes: Story = {}
