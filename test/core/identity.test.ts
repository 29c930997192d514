import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StorageLike } from '../../src/index.js'
import { createTestAnalytics } from '../../src/testing.js'
import { captureWarnings } from '../support/captureWarnings.js'
import { memoryStorage as sharedStorage } from '../support/memoryStorage.js'

const MINUTE = 60_000

describe('identity and sessions', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-11-28T10:00:00.000Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('keeps the anonymous id, user id and session across a reload, continuing the sequence', async () => {
    const storage = sharedStorage()
    const first = createTestAnalytics({ storage })
    first.identify('user_1')
    first.track('cart_viewed')
    await first.shutdown()

    vi.advanceTimersByTime(5 * MINUTE)
    const reloaded = createTestAnalytics({ storage })
    reloaded.track('cart_viewed')
    const before = first.lastEvent('cart_viewed')!
    const after = reloaded.lastEvent('cart_viewed')!
    expect(reloaded.eventsNamed('session_started')).toEqual([])
    expect(after).toMatchObject({
      anonymous_id: before.anonymous_id,
      user_id: 'user_1',
      session_id: before.session_id,
      seq: before.seq + 1,
    })
  })

  it('starts a new session, with session_started as seq 1, after 30 minutes without events', () => {
    const analytics = createTestAnalytics()
    analytics.track('page_opened')
    vi.advanceTimersByTime(29 * MINUTE)
    analytics.track('page_opened')
    vi.advanceTimersByTime(30 * MINUTE + 1)
    analytics.track('page_opened')
    const events = analytics.events.map((e) => [e.event_name, e.seq, e.session_id])
    const [s1, , , s2] = analytics.events.map((e) => e.session_id)
    expect(events).toEqual([
      ['session_started', 1, s1],
      ['page_opened', 2, s1],
      ['page_opened', 3, s1],
      ['session_started', 1, s2],
      ['page_opened', 2, s2],
    ])
    expect(s2).not.toBe(s1)
  })

  it('takes the inactivity timeout from the options', () => {
    const analytics = createTestAnalytics({ sessionTimeoutMs: MINUTE })
    analytics.track('page_opened')
    vi.advanceTimersByTime(MINUTE + 1)
    analytics.track('page_opened')
    expect(analytics.eventsNamed('session_started')).toHaveLength(2)
  })

  it('shares one session between tabs of one browser, and a tab kept alive by another does not rotate', () => {
    const storage = sharedStorage()
    const tabA = createTestAnalytics({ storage })
    tabA.track('page_opened')
    const tabB = createTestAnalytics({ storage })
    tabB.track('page_opened')
    expect(tabB.eventsNamed('session_started')).toEqual([])
    expect(tabB.lastEvent()?.session_id).toBe(tabA.lastEvent()?.session_id)
    expect(tabB.lastEvent()?.anonymous_id).toBe(tabA.lastEvent()?.anonymous_id)

    // tab B stays busy for 40 minutes while tab A sits idle
    for (let i = 0; i < 8; i++) {
      vi.advanceTimersByTime(5 * MINUTE)
      tabB.track('page_scrolled')
    }
    tabA.track('page_opened')
    expect(tabA.eventsNamed('session_started')).toHaveLength(1)
    expect(tabA.lastEvent()?.session_id).toBe(tabB.lastEvent()?.session_id)
  })

  it('hands server-provided ids over and stores them', () => {
    const storage = sharedStorage()
    const analytics = createTestAnalytics({ storage, anonymousId: 'anon_from_server', userId: 'user_9' })
    analytics.track('page_opened')
    expect(analytics.lastEvent()).toMatchObject({ anonymous_id: 'anon_from_server', user_id: 'user_9' })
    expect(storage.data.get('ik:anon')).toBe('anon_from_server')
    expect(storage.data.get('ik:user')).toBe('user_9')
  })

  it('keeps working from memory when storage throws on every call, and stays silent in production', async () => {
    // the warning this test provokes is asserted, not printed
    captureWarnings(/storage refused a write; keeping this value in memory/)
    vi.stubEnv('NODE_ENV', 'production')
    vi.resetModules()
    const { createTestAnalytics: createInProduction } = await import('../../src/testing.js')
    const warn = vi.spyOn(console, 'warn')
    const broken: StorageLike = {
      getItem() {
        throw new Error('SecurityError')
      },
      setItem() {
        throw new DOMException('full', 'QuotaExceededError')
      },
      removeItem() {
        throw new Error('SecurityError')
      },
    }
    const analytics = createInProduction({ storage: broken })
    analytics.identify('user_1')
    analytics.track('page_opened')
    analytics.track('page_opened')
    vi.unstubAllEnvs()
    expect(analytics.events.map((e) => [e.event_name, e.seq, e.user_id])).toEqual([
      ['session_started', 1, 'user_1'],
      ['user_identified', 2, 'user_1'],
      ['page_opened', 3, 'user_1'],
      ['page_opened', 4, 'user_1'],
    ])
    expect(new Set(analytics.events.map((e) => e.anonymous_id)).size).toBe(1)
    expect(warn).not.toHaveBeenCalled()
  })

  it('writes the session to storage at most every few seconds, not on every event', () => {
    const storage = sharedStorage()
    const writes = vi.spyOn(storage, 'setItem')
    const analytics = createTestAnalytics({ storage })
    for (let i = 0; i < 1_000; i++) analytics.track('item_viewed')
    expect(writes.mock.calls.filter(([key]) => key === 'ik:session').length).toBeLessThanOrEqual(2)
  })

  it('persists the session on shutdown so the next load continues the count', async () => {
    const storage = sharedStorage()
    const analytics = createTestAnalytics({ storage })
    for (let i = 0; i < 10; i++) analytics.track('item_viewed')
    await analytics.shutdown()
    expect(JSON.parse(storage.data.get('ik:session')!)).toMatchObject({ seq: 11 })
  })
})
