import { composeStories } from '@storybook/react-vite'
import { act, cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as stories from '../../stories/useTimer.stories.js'

const { MountToUnmount, StartAndStop, UnderStrictMode, UseMetrics } = composeStories(stories)

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00.000Z') })
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const table = () => within(screen.getByRole('region', { name: 'Metric points' }))
const click = (name: string) => act(async () => screen.getByRole('button', { name }).click())

describe('useTimer stories', () => {
  for (const [name, Story] of Object.entries({ MountToUnmount, UnderStrictMode })) {
    it(`${name}: closing the panel shows one point with its duration`, async () => {
      await act(async () => {
        render(<Story />)
      })
      expect(table().getByText('No measurement yet.')).toBeTruthy()
      await click('Open filters')
      await act(() => vi.advanceTimersByTimeAsync(1_500))
      await click('Close filters')
      await act(() => vi.advanceTimersByTimeAsync(200))
      const row = table().getByText('filters.panel_open.ms').closest('tr')
      expect(row?.textContent).toContain('{"panel":"filters"}')
      expect(row?.textContent).toContain('1500')
      expect(table().getAllByRole('row')).toHaveLength(2)
    })
  }

  it('StartAndStop: Start then Pay records the step with its outcome', async () => {
    await act(async () => {
      render(<StartAndStop />)
    })
    await click('Start payment')
    await act(() => vi.advanceTimersByTimeAsync(800))
    await click('Pay')
    expect(screen.getByText('Last step took 800 ms.')).toBeTruthy()
    await act(() => vi.advanceTimersByTimeAsync(200))
    const row = table().getByText('checkout.step.ms').closest('tr')
    expect(row?.textContent).toContain('{"outcome":"paid","step":"payment"}')
  })

  it('UseMetrics: many clicks aggregate into one counter point per name and tags', async () => {
    await act(async () => {
      render(<UseMetrics />)
    })
    for (let i = 0; i < 5; i++) await click('Add to cart')
    await click('Cart holds 3 items')
    await act(() => vi.advanceTimersByTimeAsync(200))
    const counter = table().getByText('cart.items_added.count').closest('tr')
    expect(counter?.textContent).toContain('{"source":"story"}')
    expect(table().getAllByText('cart.items_added.count')).toHaveLength(1)
    expect(table().getByText('cart.size.items')).toBeTruthy()
  })
})
