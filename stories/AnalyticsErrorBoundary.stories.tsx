import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { AnalyticsErrorBoundary, type AnalyticsErrorBoundaryProps, TrackingScope } from '../src/react.js'
import { withEventLog } from './support/EventLog.js'

function Cart({ crash }: { crash: boolean }) {
  if (crash) throw new TypeError('Cannot read properties of undefined (reading "items") for jane@example.com')
  return <p className="ik-card">Your cart has 2 items.</p>
}

function CheckoutPage({ event, properties }: Pick<AnalyticsErrorBoundaryProps, 'event' | 'properties'>) {
  const [crash, setCrash] = useState(false)
  return (
    <TrackingScope properties={{ page: 'checkout' }}>
      <div className="ik-actions">
        <button type="button" onClick={() => setCrash(true)}>
          Break the cart
        </button>
      </div>
      <AnalyticsErrorBoundary
        {...(event && { event })}
        {...(properties && { properties })}
        fallback={({ reset }) => (
          <p role="alert" className="ik-card">
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
  component: AnalyticsErrorBoundary,
  decorators: [withEventLog()],
  args: { event: 'error_occurred', properties: { area: 'cart' } },
  // the story's checkout page gives the boundary its fallback and its children
  argTypes: { fallback: { control: false }, children: { control: false }, onError: { control: false } },
  render: (args) => <CheckoutPage event={args.event} properties={args.properties} />,
} satisfies Meta<typeof AnalyticsErrorBoundary>

export default meta
type Story = StoryObj<typeof meta>

/** Break the cart: `error_occurred` is tracked once, and "Try again" renders the cart again. */
export const FallbackWithReset: Story = {}
