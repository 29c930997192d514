import { composeStories } from '@storybook/react-vite'
import { act, cleanup, render, screen } from '@testing-library/react'
import type { ComponentType } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as stories from '../../stories/Pipeline.stories.js'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const { Redacted, RedactedInUrls, Hashed, DroppedInvalid, DroppedByNaming, SampledOut, HeldForConsent } =
  composeStories(stories)
const logText = () => screen.getByRole('complementary', { name: 'Events' }).textContent ?? ''
const click = (name: RegExp) => act(async () => screen.getByRole('button', { name }).click())

async function show(Story: ComponentType) {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  await act(async () => {
    render(<Story />)
  })
}

describe('Pipeline stories', () => {
  it('Redacted shows the event queued with its PII replaced and the paths that were redacted', async () => {
    await show(Redacted)
    await click(/Send a support request/)
    const text = logText()
    expect(text).toContain('support_request_sent')
    expect(text).toContain('redacted: properties.email, properties.first_name, properties.message')
    expect(text).toContain('"topic": "billing"')
    expect(text).not.toContain('ada@example.com')
  })

  it('RedactedInUrls replaces only the encoded PII inside each URL', async () => {
    await show(RedactedInUrls)
    await click(/Follow a shared link/)
    const text = logText()
    expect(text).toContain('"href": "https://shop.example/welcome?ref=[REDACTED]&utm_source=newsletter"')
    expect(text).toContain('"search": "https://shop.example/search?q=call+me+at+[REDACTED]&page=2"')
    expect(text).toContain('"card": "https://pay.example/?c=[REDACTED]&step=2"')
    expect(text).toContain('redacted: properties.href, properties.search, properties.card')
    expect(text).not.toMatch(/pat%40example|555\+123|4111/)
  })

  it('Hashed sends the email as its SHA-256', async () => {
    await show(Hashed)
    await click(/Sign up/)
    expect(logText()).toMatch(/"email": "[0-9a-f]{64}"/)
  })

  it('DroppedInvalid shows the drop with its reason and the issues', async () => {
    await show(DroppedInvalid)
    await click(/Complete checkout/)
    const text = logText()
    expect(text).toContain('dropped: invalid')
    expect(text).toContain('order_id: expected string, got number')
  })

  it('DroppedByNaming and SampledOut show their reasons', async () => {
    await show(DroppedByNaming)
    await click(/Clicked Buy/)
    expect(logText()).toContain('dropped: naming')
    cleanup()
    await show(SampledOut)
    await click(/Hover a card/)
    expect(logText()).toContain('dropped: sampled_out')
  })

  it('HeldForConsent holds the event, then sends it once consent is granted', async () => {
    await show(HeldForConsent)
    await click(/View pricing/)
    expect(logText()).toContain('held for consent')
    await click(/Grant consent/)
    expect(logText()).toMatch(/pricing_viewed\s*queued/)
  })
})
