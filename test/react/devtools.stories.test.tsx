import { composeStories } from '@storybook/react-vite'
import { act, cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import * as stories from '../../stories/AnalyticsDevtools.stories.js'

const { Open, Closed, ConsentPending } = composeStories(stories)

beforeAll(async () => {
  await import('../../src/devtools/DevtoolsShell.js')
})

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

function panel() {
  const shadow = document.querySelector('[data-instrumentkit-devtools]')?.shadowRoot
  if (!shadow) throw new Error('devtools host not mounted')
  return within(shadow.lastElementChild as HTMLElement)
}

describe('AnalyticsDevtools stories', () => {
  it('Open shows each button’s outcome in the panel and in the event log', async () => {
    await act(async () => {
      render(<Open />)
    })
    await act(async () => {
      screen.getByRole('button', { name: /Sign up with an email/ }).click()
      screen.getByRole('button', { name: /Scroll/ }).click()
      screen.getByRole('button', { name: /Badly named event/ }).click()
    })
    const list = within(panel().getByRole('list', { name: 'Events, newest first' }))
    expect(
      list.getByRole('button', { name: /signup_completed queued redacted: properties.email/ }),
    ).toBeTruthy()
    expect(list.getByRole('button', { name: /scroll_depth_reached dropped: sampled_out/ })).toBeTruthy()
    expect(list.getByRole('button', { name: /Bad Event Name dropped: naming/ })).toBeTruthy()
    const log = screen.getByRole('complementary', { name: 'Events' }).textContent
    expect(log).toContain('signup_completed')
    expect(log).toContain('dropped: sampled_out')
  })

  it('Closed renders only the toggle button', async () => {
    await act(async () => {
      render(<Closed />)
    })
    expect(
      panel()
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Open instrumentkit devtools'])
  })

  it('ConsentPending holds events until consent is granted in the panel', async () => {
    await act(async () => {
      render(<ConsentPending />)
    })
    await act(async () => {
      screen.getByRole('button', { name: /View a product/ }).click()
    })
    const ui = panel()
    expect(ui.getByRole('button', { name: /product_viewed held: consent pending/ })).toBeTruthy()
    await act(async () => ui.getByRole('tab', { name: 'Consent & identity' }).click())
    await act(async () => ui.getByRole('button', { name: 'Grant consent' }).click())
    await act(async () => ui.getByRole('tab', { name: 'Events' }).click())
    expect(ui.getByRole('button', { name: /product_viewed queued/ })).toBeTruthy()
  })
})
