import { expect, it, vi } from 'vitest'

// If anything reachable from the core entry imported React, loading it would throw here.
vi.mock('react', () => {
  throw new Error('the core entry must not import react')
})
vi.mock('react-dom', () => {
  throw new Error('the core entry must not import react-dom')
})

it('loads the core entry and tracks an event without React installed', async () => {
  const core = await import('../../src/index.js')
  const analytics = core.createAnalytics({ storage: false })
  analytics.track('entry_loaded')
  // session_started and entry_loaded, both queued
  expect(analytics.getState().ledger).toMatchObject({ tracked: 2, pending: 2, droppedTotal: 0 })
})

it('touches no window or document at import time', async () => {
  expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
  const core = await import('../../src/index.js')
  expect(typeof core.createAnalytics).toBe('function')
  expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
})
