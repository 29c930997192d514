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

// Every story of the React components renders, and shows in its event log what the component emitted.

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
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
      it(`${file} › ${name} renders with its event log`, async () => {
        await act(async () => {
          render(<Story />)
        })
        expect(log().getByText(/^(Events|Impressions) \(\d+\)$/)).toBeTruthy()
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
})
