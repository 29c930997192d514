import { act, cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import PipelineFeature from '../../playground/src/features/pipeline.js'
import { unitFraction } from '../../src/core/sampling.js'
import { sha256, standardEvents } from '../../src/index.js'
import { AnalyticsProvider } from '../../src/react.js'
import { createTestAnalytics } from '../../src/testing.js'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

function renderFeature(anonymousId: string) {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  const analytics = createTestAnalytics({
    anonymousId,
    events: standardEvents,
    sampling: { events: { product_card_hovered: 0.25 } },
    privacy: { hashKeys: ['email'], hash: sha256 },
  })
  render(
    <AnalyticsProvider client={analytics}>
      <PipelineFeature />
    </AnalyticsProvider>,
  )
  const click = (name: RegExp) => act(async () => screen.getByRole('button', { name }).click())
  const row = (event: string) => {
    const item = within(screen.getByRole('list', { name: 'Pipeline outcomes' }))
      .getAllByRole('listitem')
      .find((li) => li.querySelector('code')?.textContent === event)
    if (!item) throw new Error(`no row for ${event}`)
    return item.textContent ?? ''
  }
  return { analytics, click, row }
}

describe('playground pipeline feature', () => {
  it('shows a redacted event with the paths privacy changed, and what was sent', async () => {
    const { click, row } = renderFeature('anon_1')
    await click(/Redacted/)
    const text = row('support_request_sent')
    expect(text).toContain('queued')
    expect(text).toContain('redacted: properties.first_name, properties.message')
    expect(text).toContain('hashed: properties.email')
    expect(text).not.toContain('ada@example.com')
    expect(text).not.toContain('4111')
  })

  it('shows an invalid event dropped at validation, with the issues', async () => {
    const { click, row } = renderFeature('anon_1')
    await click(/Invalid/)
    const text = row('checkout_completed')
    expect(text).toContain('dropped at validation: invalid')
    expect(text).toContain('order_id: expected string, got number')
    expect(text).toContain('order_value: required number')
  })

  it('shows the sampling decision for this visitor: kept with its rate, or dropped', async () => {
    const kept = Array.from({ length: 50 }, (_, i) => `anon_${i}`).find((id) => unitFraction(id) < 0.25)!
    const out = Array.from({ length: 50 }, (_, i) => `anon_${i}`).find((id) => unitFraction(id) >= 0.25)!
    const first = renderFeature(kept)
    await first.click(/Sampled/)
    expect(first.row('product_card_hovered')).toContain('queued, sampled at 0.25')
    cleanup()
    const second = renderFeature(out)
    await second.click(/Sampled/)
    expect(second.row('product_card_hovered')).toContain('dropped at sampling: sampled_out')
  })

  it('shows hostile values made JSON-safe and the ledger balancing', async () => {
    const { click, row } = renderFeature('anon_1')
    await click(/Hostile/)
    await click(/Badly named/)
    const text = row('values_sanitised')
    expect(text).toContain('cut: ratio, cyclic.self, long_text')
    expect(text).toContain('"[Circular]"')
    expect(text).toContain('"when": "2026-11-28T10:00:00.000Z"')
    expect(row('Clicked Buy Button')).toContain('queued')
    expect(screen.getByTestId('pipeline-ledger').textContent).toMatch(
      /tracked 3 = delivered 0 \+ dropped 0 \+ pending 3/,
    )
  })
})
