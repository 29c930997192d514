import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Ledger } from '../../src/index.js'
import { createTestAnalytics } from '../../src/testing.js'
import { memoryStorage as storage } from '../support/memoryStorage.js'

const balanced = (l: Ledger) => l.tracked === l.delivered + l.droppedTotal + l.pending

describe('consent', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('holds events while pending, then sends them in order once granted', () => {
    const analytics = createTestAnalytics({ consent: 'pending' })
    analytics.track('page_opened')
    analytics.track('button_clicked', { label: 'Buy' })
    expect(analytics.events).toEqual([])
    expect(analytics.outcomes.filter((o) => o.type === 'held')).toHaveLength(3)
    expect(analytics.getState()).toMatchObject({ consent: 'pending', ledger: { tracked: 3, pending: 3 } })
    analytics.setConsent('granted')
    expect(analytics.events.map((e) => [e.event_name, e.seq])).toEqual([
      ['session_started', 1],
      ['page_opened', 2],
      ['button_clicked', 3],
    ])
    analytics.track('page_opened')
    expect(analytics.events).toHaveLength(4)
  })

  it('discards held events when denied, and drops later ones, counting each as consent_denied', () => {
    const analytics = createTestAnalytics({ consent: 'pending' })
    analytics.track('page_opened')
    analytics.setConsent('denied')
    analytics.track('page_opened')
    expect(analytics.events).toEqual([])
    expect(analytics.getState().ledger).toMatchObject({
      tracked: 3,
      pending: 0,
      dropped: { consent_denied: 3 },
    })
  })

  it('bounds what it holds: beyond maxHeldEvents the oldest go, as consent_overflow', () => {
    const analytics = createTestAnalytics({ consent: 'pending', maxHeldEvents: 3 })
    for (let i = 0; i < 5; i++) analytics.track('item_viewed', { i })
    analytics.setConsent('granted')
    expect(analytics.events.map((e) => e.properties.i)).toEqual([2, 3, 4])
    const { ledger } = analytics.getState()
    expect(ledger.dropped).toEqual({ consent_overflow: 3 })
    expect(balanced(ledger)).toBe(true)
  })

  it('writes nothing to storage before consent is granted, then stores the ids it used', () => {
    const backend = storage()
    const analytics = createTestAnalytics({ storage: backend, consent: 'pending' })
    analytics.identify('user_1')
    analytics.track('page_opened')
    expect([...backend.data.keys()]).toEqual([])
    analytics.setConsent('granted')
    expect(backend.data.get('ik:anon')).toBe(analytics.getState().anonymousId)
    expect(backend.data.get('ik:user')).toBe('user_1')
    expect(backend.data.has('ik:session')).toBe(true)
  })

  it('stops writing to storage when consent is withdrawn', () => {
    const backend = storage()
    const analytics = createTestAnalytics({ storage: backend })
    analytics.track('page_opened')
    analytics.setConsent('denied')
    analytics.identify('user_2')
    expect(backend.data.has('ik:user')).toBe(false)
  })

  it('treats Global Privacy Control or Do Not Track as denied when asked to respect them', () => {
    vi.stubGlobal('navigator', { globalPrivacyControl: true })
    const respectful = createTestAnalytics({ respectDoNotTrack: true })
    respectful.track('page_opened')
    expect(respectful.getState().consent).toBe('denied')
    expect(respectful.events).toEqual([])

    vi.stubGlobal('navigator', { doNotTrack: '1' })
    expect(createTestAnalytics({ respectDoNotTrack: true }).getState().consent).toBe('denied')

    const ignoring = createTestAnalytics()
    ignoring.track('page_opened')
    expect(ignoring.events).toHaveLength(2)
  })

  it('an explicit grant overrides the browser signal (the user said yes in the consent banner)', () => {
    vi.stubGlobal('navigator', { globalPrivacyControl: true })
    const analytics = createTestAnalytics({ respectDoNotTrack: true })
    analytics.setConsent('granted')
    analytics.track('page_opened')
    expect(analytics.events).toHaveLength(2)
  })

  it('drops what is still held at shutdown as client_closed', async () => {
    const analytics = createTestAnalytics({ consent: 'pending' })
    analytics.track('page_opened')
    await analytics.shutdown()
    expect(analytics.getState().ledger).toMatchObject({ pending: 0, dropped: { client_closed: 2 } })
  })
})
