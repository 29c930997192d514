import { composeStories } from '@storybook/react-vite'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import type { ComponentType } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as boundaryStories from '../../stories/AnalyticsErrorBoundary.stories.js'
import * as providerStories from '../../stories/AnalyticsProvider.stories.js'
import * as buttonStories from '../../stories/TrackedButton.stories.js'
import * as formStories from '../../stories/TrackedForm.stories.js'
import * as linkStories from '../../stories/TrackedLink.stories.js'
import * as scopeStories from '../../stories/TrackingScope.stories.js'
import * as exposureStories from '../../stories/useExposure.stories.js'
import { captureWarnings } from '../support/captureWarnings.js'
import { MockObserver, setVisible } from '../support/mockIntersectionObserver.js'

// Every story of the React components renders, and shows in its event log what the component emitted.

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  vi.useRealTimers()
  MockObserver.live.clear()
})

const log = () => within(screen.getByRole('complementary', { name: /Events|Impressions/ }))
const logText = () => screen.getByRole('complementary', { name: /Events|Impressions/ }).textContent ?? ''

const all = {
  providerStories,
  boundaryStories,
  buttonStories,
  formStories,
  linkStories,
  scopeStories,
  exposureStories,
}

describe('React component stories', () => {
  for (const [file, module] of Object.entries(all)) {
    const stories = Object.entries(composeStories(module as Parameters<typeof composeStories>[0])) as [
      string,
      ComponentType,
    ][]
    for (const [name, Story] of stories) {
      it(`${file} › ${name} renders and logs what it emits, on render or when used`, async () => {
        // the error boundary's stories break a component on purpose: React reports the error it caught
        if (file === 'boundaryStories') captureWarnings(/Cannot read properties of undefined/, 'error')
        const viewed = file === 'exposureStories'
        if (viewed) {
          vi.useFakeTimers()
          vi.stubGlobal('IntersectionObserver', MockObserver)
        }
        await act(async () => {
          render(<Story />)
        })
        const count = () =>
          Number(
            log()
              .getByText(/^(Events|Impressions) \(\d+\)$/)
              .textContent?.match(/\d+/)?.[0],
          )
        const panel = screen.getByRole('complementary', { name: /Events|Impressions/ })
        const story = (role: string) => screen.queryAllByRole(role).filter((el) => !panel.contains(el))
        // a story that tracks on use: type into it, click it, scroll it into view, as its visitor would
        for (const box of story('textbox')) fireEvent.input(box, { target: { value: 'a' } })
        for (const control of [...story('button'), ...story('link')])
          if (count() === 0) await act(async () => fireEvent.click(control))
        if (viewed) {
          for (const observer of [...MockObserver.live])
            for (const target of [...observer.targets]) setVisible(target, 1)
          await act(async () => vi.advanceTimersByTime(5_000))
        }
        // a disabled button tracks nothing, which its story shows
        if (name === 'Disabled') expect(count()).toBe(0)
        else expect(count()).toBeGreaterThan(0)
      })
    }
  }

  it('TrackedButton › Default logs the click with its properties', async () => {
    const { Default } = composeStories(buttonStories)
    await act(async () => {
      render(<Default />)
    })
    await act(async () => screen.getByRole('button', { name: 'Checkout' }).click())
    expect(logText()).toContain('checkout_button_clicked')
    expect(logText()).toContain('"cart_value": 42.5')
  })

  it('AnalyticsProvider › ZeroRerenders keeps render counts at 1 while tracking', async () => {
    const { ZeroRerenders } = composeStories(providerStories)
    await act(async () => {
      render(<ZeroRerenders />)
    })
    await act(async () => screen.getByRole('button', { name: 'Track from header' }).click())
    await act(async () => screen.getByRole('button', { name: 'Track from header' }).click())
    expect(screen.getAllByText('rendered 1×')).toHaveLength(2)
    expect(logText()).toContain('page_viewed')
    expect(logText()).toContain('counter_clicked')
  })

  it('TrackedForm › Signup logs started, then abandoned when the form is left', async () => {
    const { Signup } = composeStories(formStories)
    await act(async () => {
      render(<Signup />)
    })
    fireEvent.input(screen.getByRole('textbox'), { target: { value: 'a' } })
    await act(async () => screen.getByRole('button', { name: 'Leave (unmount the form)' }).click())
    expect(logText()).toContain('form_started')
    expect(logText()).toContain('form_abandoned')
  })

  it('AnalyticsErrorBoundary › FallbackWithReset logs error_occurred and shows the fallback', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { FallbackWithReset } = composeStories(boundaryStories)
    await act(async () => {
      render(<FallbackWithReset />)
    })
    await act(async () => screen.getByRole('button', { name: 'Break the cart' }).click())
    expect(screen.getByRole('alert').textContent).toContain('could not be shown')
    expect(logText()).toContain('error_occurred')
    expect(logText()).not.toContain('jane@example.com')
  })

  // the controls panel passes args to the story: a changed control must change what the story emits
  it('controls: TrackedButton tracks the event name and properties set in its args', async () => {
    const { Default } = composeStories(buttonStories)
    await act(async () => {
      render(
        <Default event="buy_button_clicked" properties={{ sku: 'sku_9' }}>
          Buy
        </Default>,
      )
    })
    await act(async () => screen.getByRole('button', { name: 'Buy' }).click())
    expect(logText()).toContain('buy_button_clicked')
    expect(logText()).toContain('"sku": "sku_9"')
    expect(logText()).not.toContain('checkout_button_clicked')
  })

  it("controls: TrackingScope's properties arg reaches the events tracked below it", async () => {
    const { NestedScopes } = composeStories(scopeStories)
    await act(async () => {
      render(<NestedScopes properties={{ page: 'catalogue', campaign: 'spring' }} />)
    })
    await act(async () => screen.getByRole('button', { name: /Add sku_123/ }).click())
    expect(logText()).toContain('"page": "catalogue"')
    expect(logText()).toContain('"campaign": "spring"')
  })

  it("controls: TrackedForm's event arg names the form's events", async () => {
    const { Signup } = composeStories(formStories)
    await act(async () => {
      render(<Signup event="checkout_form" properties={{ step: 'address' }} />)
    })
    await act(async () => fireEvent.input(screen.getByRole('textbox'), { target: { value: 'a' } }))
    expect(logText()).toContain('checkout_form_started')
    expect(logText()).toContain('"step": "address"')
  })

  it("controls: AnalyticsErrorBoundary's event and properties args are what a caught error tracks", async () => {
    captureWarnings(/Cannot read properties of undefined/, 'error')
    const { FallbackWithReset } = composeStories(boundaryStories)
    await act(async () => {
      render(<FallbackWithReset event="cart_crashed" properties={{ area: 'mini_cart' }} />)
    })
    await act(async () => screen.getByRole('button', { name: 'Break the cart' }).click())
    expect(logText()).toContain('cart_crashed')
    expect(logText()).toContain('"area": "mini_cart"')
    expect(logText()).not.toContain('error_occurred')
  })
})
