import { act, cleanup, render, screen } from '@testing-library/react'
import { StrictMode, useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanComponentStack } from '../../src/react/componentStack.js'
import { AnalyticsErrorBoundary, AnalyticsProvider, TrackingScope } from '../../src/react.js'
import { createTestAnalytics, type TestAnalytics } from '../../src/testing.js'

let analytics: TestAnalytics
beforeEach(() => {
  analytics = createTestAnalytics()
  // React reports caught render errors on console.error; keep the test output readable
  vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

function Cart({ broken }: { broken: boolean }) {
  if (broken) throw new TypeError('cart.items is undefined')
  return <p>cart ok</p>
}

function Page() {
  const [broken, setBroken] = useState(true)
  return (
    <AnalyticsErrorBoundary
      fallback={({ error, reset }) => (
        <button
          type="button"
          onClick={() => {
            setBroken(false)
            reset()
          }}
        >
          retry after {(error as Error).message}
        </button>
      )}
    >
      <Cart broken={broken} />
    </AnalyticsErrorBoundary>
  )
}

function Thrower(): never {
  throw 'plain string failure'
}

function Profile(): never {
  throw new Error('no profile for jane.doe@example.com')
}

describe('AnalyticsErrorBoundary', () => {
  it('tracks error_occurred with the error name, message and component stack, and renders the fallback', () => {
    render(
      <AnalyticsProvider client={analytics}>
        <TrackingScope properties={{ page: 'cart' }}>
          <AnalyticsErrorBoundary fallback={<p>Something went wrong</p>} properties={{ area: 'checkout' }}>
            <section>
              <Cart broken />
            </section>
          </AnalyticsErrorBoundary>
        </TrackingScope>
      </AnalyticsProvider>,
    )
    expect(screen.getByText('Something went wrong')).toBeTruthy()
    const errors = analytics.eventsNamed('error_occurred')
    expect(errors).toHaveLength(1)
    const props = errors[0]!.properties
    expect(props).toMatchObject({
      page: 'cart',
      area: 'checkout',
      error_name: 'TypeError',
      message: 'cart.items is undefined',
    })
    const frames = String(props.component_stack).split('\n')
    expect(frames.map((line) => line.split(' ')[1])).toEqual([
      'Cart',
      'section',
      'AnalyticsErrorBoundary',
      'TrackingScope',
      'AnalyticsProvider',
    ])
    // the JavaScript stack is never sent, only these properties
    expect(Object.keys(props).sort()).toEqual(['area', 'component_stack', 'error_name', 'message', 'page'])
  })

  it('renders a fallback function with the error and a reset that renders the children again', () => {
    render(
      <AnalyticsProvider client={analytics}>
        <Page />
      </AnalyticsProvider>,
    )
    act(() => screen.getByText('retry after cart.items is undefined').click())
    expect(screen.getByText('cart ok')).toBeTruthy()
    expect(analytics.eventsNamed('error_occurred')).toHaveLength(1)
  })

  it('tracks one event per error under StrictMode, uses a custom event name, and calls onError', () => {
    const onError = vi.fn()
    render(
      <StrictMode>
        <AnalyticsProvider client={analytics}>
          <AnalyticsErrorBoundary event="checkout_crashed" onError={onError}>
            <Cart broken />
          </AnalyticsErrorBoundary>
        </AnalyticsProvider>
      </StrictMode>,
    )
    expect(analytics.eventsNamed('checkout_crashed')).toHaveLength(1)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(TypeError)
  })

  it('renders nothing by default and reports thrown non-Error values by their string form', () => {
    const { container } = render(
      <AnalyticsProvider client={analytics}>
        <AnalyticsErrorBoundary>
          <Thrower />
        </AnalyticsErrorBoundary>
      </AnalyticsProvider>,
    )
    expect(container.innerHTML).toBe('')
    expect(analytics.lastEvent('error_occurred')?.properties).toMatchObject({
      error_name: 'string',
      message: 'plain string failure',
    })
  })

  it('passes the message through the client’s pipeline, so the privacy stage redacts PII in it', () => {
    render(
      <AnalyticsProvider client={analytics}>
        <AnalyticsErrorBoundary>
          <Profile />
        </AnalyticsErrorBoundary>
      </AnalyticsProvider>,
    )
    const message = String(analytics.lastEvent('error_occurred')?.properties.message)
    expect(message).toMatch(/^no profile for /)
    expect(message).not.toContain('jane.doe@example.com')
  })

  it('sends script URLs of the component stack without query strings, at most 12 frames', () => {
    const production = [
      '',
      '    at Widget (https://cdn.example/app.js?token=abc123:1:2045)',
      '    at div',
      '    at t (https://cdn.example/app.js#frag:1:99)',
      ...Array.from({ length: 20 }, (_, i) => `    at Frame${i} (https://cdn.example/app.js:1:${i})`),
    ].join('\n')
    const cleaned = cleanComponentStack(production).split('\n')
    expect(cleaned.slice(0, 3)).toEqual([
      'at Widget (https://cdn.example/app.js:1:2045)',
      'at div',
      'at t (https://cdn.example/app.js:1:99)',
    ])
    expect(cleaned).toHaveLength(12)
    expect(cleanComponentStack('Widget@https://cdn.example/app.js?v=2:3:4')).toBe(
      'Widget@https://cdn.example/app.js:3:4',
    )
  })
})
