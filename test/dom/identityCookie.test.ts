import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAnalytics, memoryTransport } from '../../src/index.js'
import { readIdentity } from '../../src/server/tracking/readIdentity.js'
import { memoryStorage } from '../support/memoryStorage.js'

const clearCookies = () => {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]?.trim()
    // biome-ignore lint/suspicious/noDocumentCookie: jsdom has no Cookie Store API to expire cookies with
    if (name) document.cookie = `${name}=; Path=/; Max-Age=0`
  }
}

describe('identity cookie (jsdom)', () => {
  beforeEach(clearCookies)
  afterEach(clearCookies)

  it('is not written unless asked for', () => {
    const analytics = createAnalytics({ transport: memoryTransport(), storage: memoryStorage() })
    analytics.track('cart_viewed')
    expect(document.cookie).toBe('')
  })

  it('keeps the anonymous id and session id in step with the client, through a reset', async () => {
    const analytics = createAnalytics({
      transport: memoryTransport(),
      storage: memoryStorage(),
      identityCookie: true,
    })
    analytics.track('cart_viewed')
    const first = analytics.getState()
    expect(readIdentity(document.cookie)).toEqual({
      anonymousId: first.anonymousId,
      sessionId: first.sessionId,
    })
    analytics.reset()
    analytics.track('cart_viewed')
    const second = analytics.getState()
    expect(second.anonymousId).not.toBe(first.anonymousId)
    expect(readIdentity(document.cookie)).toEqual({
      anonymousId: second.anonymousId,
      sessionId: second.sessionId,
    })
    await analytics.shutdown()
  })

  it('writes nothing while consent is pending, and the ids once it is granted', () => {
    const analytics = createAnalytics({
      transport: memoryTransport(),
      storage: memoryStorage(),
      identityCookie: { name: 'visitor' },
      consent: 'pending',
    })
    analytics.track('cart_viewed')
    expect(document.cookie).toBe('')
    analytics.setConsent('granted')
    analytics.track('cart_viewed')
    expect(readIdentity(document.cookie, { cookieName: 'visitor' })?.anonymousId).toBe(
      analytics.getState().anonymousId,
    )
  })
})
