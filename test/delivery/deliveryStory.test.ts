// @vitest-environment jsdom
import { composeStories } from '@storybook/react-vite'
import { act, cleanup, render, screen, within } from '@testing-library/react'
import { createElement } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as stories from '../../stories/Delivery.stories.js'

const { Healthy, ServerErrors, RateLimited, PayloadTooLarge, Unreachable } = composeStories(stories)

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00.000Z') })
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const log = () => within(screen.getByRole('complementary', { name: 'Delivery' }))
const lines = () =>
  log()
    .queryAllByRole('listitem')
    .map((li) => li.textContent)
const ledger = () => screen.getByLabelText('Ledger').textContent
const click = (name: string) => act(async () => screen.getByRole('button', { name }).click())
const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms))

describe('Delivery stories', () => {
  it('Healthy: a batch leaves after the interval and the ledger balances', async () => {
    render(createElement(Healthy))
    await click('Track 10 events')
    expect(lines()).toEqual([])
    await wait(2_000)
    expect(lines()).toEqual([expect.stringMatching(/^✓ sent 11 events, \d+ bytes, attempt 1$/)])
    expect(ledger()).toContain('tracked 11 = delivered 11 + dropped 0 + pending 0')
  })

  it('ServerErrors: two 503s, each with its retry delay, then the same batch is acknowledged', async () => {
    render(createElement(ServerErrors))
    await click('Track an event')
    await click('Flush')
    await wait(5_000)
    expect(lines()).toEqual([
      expect.stringMatching(/^✗ HTTP 503 on attempt 1, retry in \d+ ms$/),
      expect.stringMatching(/^✗ HTTP 503 on attempt 2, retry in \d+ ms$/),
      expect.stringMatching(/^✓ sent 2 events, \d+ bytes, attempt 3$/),
    ])
  })

  it('RateLimited: the retry waits the 2 s Retry-After asked for', async () => {
    render(createElement(RateLimited))
    await click('Track an event')
    await click('Flush')
    expect(lines()).toEqual(['✗ HTTP 429 on attempt 1, retry in 2000 ms'])
    await wait(1_999)
    expect(lines()).toHaveLength(1)
    await wait(1)
    expect(lines()[1]).toMatch(/^✓ sent 2 events/)
  })

  it('PayloadTooLarge: only the oversized event is dropped, the others are delivered', async () => {
    render(createElement(PayloadTooLarge))
    await click('Track an event')
    await click('Track a 4 KB event')
    await click('Track an event')
    await click('Flush')
    expect(lines()).toContain('dropped report_exported: too_large')
    expect(ledger()).toContain('tracked 4 = delivered 3 + dropped 1 (too_large 1) + pending 0')
  })

  it('Unreachable: three quick tries, then probes of one event, and everything sent within seconds of the collector’s return', async () => {
    render(createElement(Unreachable))
    await click('Track 10 events')
    await click('Flush')
    await wait(60_000)
    const failures = lines().filter((l) => l?.startsWith('✗ TypeError: Failed to fetch'))
    // three quick tries, then a probe every 5 to 10 s: more than 8 attempts in a minute, never a long wait
    expect(failures.length).toBeGreaterThan(8)
    for (const line of failures.slice(3)) {
      const wait = Number(/retry in (\d+) ms/.exec(line ?? '')?.[1])
      expect(wait).toBeGreaterThanOrEqual(5_000)
      expect(wait).toBeLessThan(10_000)
    }
    expect(ledger()).toContain('dropped 0 + pending 11')
    await click('Bring the collector back')
    await wait(10_000)
    expect(lines().filter((l) => l?.startsWith('✓'))).toEqual([
      expect.stringMatching(/^✓ sent 1 events/),
      expect.stringMatching(/^✓ sent 10 events/),
    ])
    expect(ledger()).toContain('tracked 11 = delivered 11 + dropped 0 + pending 0')
  })
})
