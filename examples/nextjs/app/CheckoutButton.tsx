'use client'

import { Experiment, TrackedButton, useAnalytics, Variant } from 'instrumentkit/react'
import { useState } from 'react'
import { checkoutButton } from '@/lib/experiments'

/** The experiment renders on the client with the variation the server rendered, then buys server-side. */
export function CheckoutButton({ serverVariation }: { serverVariation: string }) {
  const analytics = useAnalytics()
  const [order, setOrder] = useState<string>()
  const buy = async () => {
    // the click reaches the collector before the server records the purchase: the collector moves a
    // browser's timestamps by how late its batch arrived, which could otherwise put the click after it
    await analytics.flush()
    const response = await fetch('/api/checkout', { method: 'POST', body: JSON.stringify({ amount: 42 }) })
    setOrder(((await response.json()) as { orderId: string }).orderId)
  }
  return (
    <div data-server-variation={serverVariation}>
      <Experiment experiment={checkoutButton}>
        <Variant name="control">
          <TrackedButton event="checkout_button_clicked" onClick={buy}>
            Buy
          </TrackedButton>
        </Variant>
        <Variant name="green">
          <TrackedButton event="checkout_button_clicked" onClick={buy} style={{ background: 'green' }}>
            Buy now
          </TrackedButton>
        </Variant>
      </Experiment>
      {order && <p id="order">Order {order}</p>}
    </div>
  )
}
