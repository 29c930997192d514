import { useState } from 'react'
import { cartValue, useCart } from '../cart.js'
import { useTrack } from '../hooks.js'
import { plural } from '../plural.js'
import { formatPrice, useSettings } from '../settings.js'
import { useTrackOnce } from '../useTrackOnce.js'
import { AddressFields, PaymentFields } from './fields.js'
import { placeOrder } from './placeOrder.js'

const STEPS = ['shipping', 'payment', 'review'] as const

/** Control of the checkout test: three steps, one screen each. */
export function ClassicCheckout() {
  const lines = useCart()
  const { currency } = useSettings()
  const track = useTrack()
  const [index, setIndex] = useState(0)
  const step = STEPS[index]!

  useTrackOnce(step, () => track('checkout_step_viewed', { step: index + 1, step_name: step }))

  const next = () => {
    track('checkout_step_completed', { step: index + 1, step_name: step })
    if (index < STEPS.length - 1) setIndex(index + 1)
    else placeOrder(lines, track)
  }

  return (
    <section aria-label="Classic checkout">
      <ol className="steps">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === index ? 'step' : undefined}>
            {i + 1}. {s}
          </li>
        ))}
      </ol>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          next()
        }}
      >
        {step === 'shipping' && <AddressFields />}
        {step === 'payment' && <PaymentFields />}
        {step === 'review' && (
          <p>
            {plural(lines.length, 'product')}, total{' '}
            <strong>{formatPrice(cartValue(lines), currency)}</strong>.
          </p>
        )}
        <div className="toolbar">
          {index > 0 && (
            <button type="button" onClick={() => setIndex(index - 1)}>
              Back
            </button>
          )}
          <button type="submit" className="primary">
            {step === 'review' ? 'Place order' : 'Continue'}
          </button>
        </div>
      </form>
    </section>
  )
}
