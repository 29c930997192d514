import { act, cleanup, render, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestAnalytics } from '../../src/testing.js'

const env = process.env.NODE_ENV

beforeEach(() => {
  process.env.NODE_ENV = 'production'
  vi.resetModules()
})

afterEach(() => {
  cleanup()
  vi.doUnmock('../../src/devtools/DevtoolsShell.js')
  process.env.NODE_ENV = env
})

describe('instrumentkit/devtools in a production build', () => {
  it('AnalyticsDevtools renders nothing and never loads the panel code', async () => {
    const loads = vi.fn()
    vi.doMock('../../src/devtools/DevtoolsShell.js', async (original) => {
      loads()
      return original()
    })
    const { AnalyticsDevtools } = await import('../../src/devtools.js')
    const analytics = createTestAnalytics()
    const { container } = await act(async () =>
      render(
        <div data-testid="app">
          <AnalyticsDevtools client={analytics} initialOpen />
        </div>,
      ),
    )
    analytics.track('product_viewed')
    await act(async () => {})
    expect(container.innerHTML).toBe('<div data-testid="app"></div>')
    expect(document.querySelector('[data-instrumentkit-devtools]')).toBeNull()
    expect(loads).not.toHaveBeenCalled()
  })

  it('AnalyticsDevtoolsPanel is the explicit opt-in: it loads and shows the panel in production', async () => {
    const { AnalyticsDevtoolsPanel } = await import('../../src/devtools.js')
    const analytics = createTestAnalytics()
    await act(async () => {
      render(<AnalyticsDevtoolsPanel client={analytics} initialOpen />)
    })
    await act(async () => {
      await import('../../src/devtools/DevtoolsShell.js')
    })
    await act(async () => {
      analytics.track('product_viewed')
    })
    const shadow = document.querySelector('[data-instrumentkit-devtools]')?.shadowRoot
    expect(shadow).toBeTruthy()
    const ui = within(shadow!.lastElementChild as HTMLElement)
    expect(ui.getByRole('dialog', { name: 'instrumentkit devtools' })).toBeTruthy()
    expect(ui.getByRole('button', { name: /product_viewed queued/ })).toBeTruthy()
  })
})
