import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAnalytics, memoryTransport } from '../../src/index.js'

describe('createAnalytics', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-11-28T10:00:00.000Z'))
  })
  afterEach(() => vi.useRealTimers())

  it('sends tracked events in the documented wire shape', async () => {
    const transport = memoryTransport()
    const analytics = createAnalytics({ transport, storage: false, writeKey: 'wk_1' })
    analytics.track('checkout_completed', { order_value: 149.99 })
    await analytics.flush()
    const batch = transport.batches[0]!
    expect(batch.write_key).toBe('wk_1')
    expect(batch.sent_at).toBe('2026-11-28T10:00:00.000Z')
    const names = batch.events.map((e) => e.event_name)
    expect(names).toEqual(['session_started', 'checkout_completed'])
    const event = batch.events[1]!
    expect(event).toMatchObject({
      event_name: 'checkout_completed',
      timestamp: '2026-11-28T10:00:00.000Z',
      user_id: null,
      seq: 2,
      properties: { order_value: 149.99 },
      context: { library: { name: 'instrumentkit' } },
    })
    expect(event.message_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(event.session_id).toMatch(/^sess_/)
    expect(analytics.getState().ledger).toMatchObject({
      tracked: 2,
      delivered: 2,
      pending: 0,
      droppedTotal: 0,
    })
  })

  it('never throws into the caller, whatever it is given', () => {
    const analytics = createAnalytics({ storage: false })
    expect(() => analytics.track(undefined as never)).not.toThrow()
    expect(() => analytics.track('x_y', 42 as never)).not.toThrow()
    expect(analytics.getState().ledger.dropped.internal_error).toBe(1)
  })
})
