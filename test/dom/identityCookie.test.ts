import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAnalytics, keepIdentityCookie, memoryTransport } from '../../src/index.js'
import { readIdentity } from '../../src/server/tracking/readIdentity.js'
import { memoryStorage } from '../support/memoryStorage.js'

const clearCookies = () => {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]?.trim()
    // biome-ignore lint/suspicious/noDocumentCookie: jsdom has no Cookie Store API to expire cookies with
    if (name) document.cookie = `${name}=; Path=/; Max-Age=0`
  }
}

const flushTask = () => new Promise((r) => setTimeout(r, 0))

describe('keepIdentityCookie (jsdom)', () => {
  beforeEach(clearCookies)
  afterEach(clearCookies)

  it('is not written unless asked for', async () => {
    const analytics = createAnalytics({ transport: memoryTransport(), storage: memoryStorage() })
    analytics.track('cart_viewed')
    await flushTask()
    expect(document.cookie).toBe('')
  })

  it('holds the anonymous id at once, then the session, and follows a reset', async () => {
    const analytics = createAnalytics({ transport: memoryTransport(), storage: memoryStorage() })
    keepIdentityCookie(analytics)
    expect(readIdentity(document.cookie)).toEqual({ anonymousId: analytics.getState().anonymousId })
    analytics.track('cart_viewed')
    await flushTask()
    const first = analytics.getState()
    expect(readIdentity(document.cookie)).toEqual({
      anonymousId: first.anonymousId,
      sessionId: first.sessionId,
    })
    analytics.reset()
    analytics.track('cart_viewed')
    await flushTask()
    const second = analytics.getState()
    expect(second.anonymousId).not.toBe(first.anonymousId)
    expect(readIdentity(document.cookie)).toEqual({
      anonymousId: second.anonymousId,
      sessionId: second.sessionId,
    })
    await analytics.shutdown()
  })

  it('writes nothing while consent is pending, and the ids once it is granted', async () => {
    const analytics = createAnalytics({
      transport: memoryTransport(),
      storage: memoryStorage(),
      consent: 'pending',
    })
    keepIdentityCookie(analytics, { name: 'visitor' })
    analytics.track('cart_viewed')
    await flushTask()
    expect(document.cookie).toBe('')
    analytics.setConsent('granted')
    analytics.track('cart_viewed')
    await flushTask()
    expect(readIdentity(document.cookie, { cookieName: 'visitor' })?.anonymousId).toBe(
      analytics.getState().anonymousId,
    )
  })

  it('stops following the client once stopped', async () => {
    const analytics = createAnalytics({ transport: memoryTransport(), storage: memoryStorage() })
    const stop = keepIdentityCookie(analytics)
    analytics.track('cart_viewed')
    await flushTask()
    const before = document.cookie
    stop()
    analytics.reset()
    analytics.track('cart_viewed')
    await flushTask()
    expect(document.cookie).toBe(before)
  })
})
