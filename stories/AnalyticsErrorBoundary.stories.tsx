import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { AnalyticsErrorBoundary, TrackingScope } from '../src/react.js'
import { withEventLog } from './support/EventLog.js'

function Cart({ crash }: { crash: boolean }) {
  if (crash) throw new TypeError('Cannot read properties of undefined (reading "items") for jane@example.com')
  return <p>Your cart has 2 items.</p>
}

function CheckoutPage() {
  const [crash, setCrash] = useState(false)
  return (
    <TrackingScope properties={{ page: 'checkout' }}>
      <button type="button" onClick={() => setCrash(true)}>
        Break the cart
      </button>
      <AnalyticsErrorBoundary
        properties={{ area: 'cart' }}
        fallback={({ reset }) => (
          <p role="alert">
            The cart could not be shown.{' '}
            <button
              type="button"
              onClick={() => {
                setCrash(false)
                reset()
              }}
            >
              Try again
            </button>
          </p>
        )}
      >
        <Cart crash={crash} />
      </AnalyticsErrorBoundary>
    </TrackingScope>
  )
}

/**
 * Catches render errors below it, tracks `error_occurred` (error name, message, component stack; never
 * the JavaScript stack) and renders the fallback. The message goes through the pipeline, so the email
 * in this one is redacted by the privacy stage.
 */
const meta = {
  title: 'Components/AnalyticsErrorBoundary',
  component: CheckoutPage,
  decorators: [withEventLog()],
} satisfies Meta<typeof CheckoutPage>

export default meta
type Story = StoryObj<typeof meta>

export const FallbackWithReset: Story = {}
