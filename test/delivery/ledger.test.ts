import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import type { SendResult } from '../../src/index.js'
import { captureWarnings } from '../support/captureWarnings.js'
import { expectBalancedLedger, memoryStorage, setup } from './support.js'

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-11-28T10:00:00.000Z'))
})
afterEach(() => vi.useRealTimers())

const answers: Record<string, () => SendResult> = {
  ok: () => ({ ok: true, status: 200 }),
  server_error: () => ({ ok: false, status: 503 }),
  rate_limited: () => ({ ok: false, status: 429, retryAfterMs: 2_000 }),
  too_large: () => ({ ok: false, status: 413 }),
  bad_request: () => ({ ok: false, status: 400 }),
  not_implemented: () => ({ ok: false, status: 501 }),
  network: () => ({ ok: false, error: 'TypeError: Failed to fetch' }),
  throws: () => {
    throw new Error('transport bug')
  },
}

describe('the ledger under every failure path', () => {
  it('always balances, and in the end every event is delivered or dropped exactly once', async () => {
    // hostile input may provoke the kit's warnings; each must be tagged, none printed
    const warnings = captureWarnings()
    onTestFinished(() => expect(warnings().filter((m) => !m.startsWith('[instrumentkit] '))).toEqual([]))
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...Object.keys(answers)), { minLength: 1, maxLength: 25 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 3, max: 30 }),
        fc.boolean(),
        async (script, bursts, maxQueueEvents, stored) => {
          const page = setup({
            ...(stored && { storage: memoryStorage({ quota: 6_000 }) }),
            maxQueueEvents,
            batch: { maxEvents: 4 },
            retry: { maxAttempts: 3, random: () => 0.5 },
          })
          let call = 0
          page.transport.respond(() => answers[script[call++ % script.length]!]!())
          for (const burst of bursts) {
            for (let i = 0; i < burst; i++) page.analytics.track('item_viewed', { i })
            expectBalancedLedger(page.analytics)
            await vi.advanceTimersByTimeAsync(3_000)
            expectBalancedLedger(page.analytics)
          }
          page.transport.respond(answers.ok!)
          await vi.advanceTimersByTimeAsync(3_600_000)
          await page.analytics.flush()
          const ledger = expectBalancedLedger(page.analytics)
          expect(ledger.pending).toBe(0)

          const tracked = page.outcomes.flatMap((o) => (o.type === 'tracked' ? [o.event.message_id] : []))
          const delivered = page.sent().flatMap((o) => o.message_ids)
          const dropped = page.dropped().map((o) => o.message_id)
          expect(new Set(delivered).size).toBe(delivered.length)
          expect([...delivered, ...dropped].sort()).toEqual([...tracked].sort())
          await page.analytics.shutdown()
        },
      ),
      { numRuns: 80 },
    )
  })
})
