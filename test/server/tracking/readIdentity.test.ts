import { describe, expect, it } from 'vitest'
import { readIdentity } from '../../../src/server.js'

describe('readIdentity', () => {
  it('reads the anonymous and session ids from a fetch Request, a Node request or a Cookie header', () => {
    const cookie = 'theme=dark; ik_id=4f1c2a9e-1b2c-4d5e-8f90-123456789abc.sess_0123456789abcdef0123; other=1'
    const expected = {
      anonymousId: '4f1c2a9e-1b2c-4d5e-8f90-123456789abc',
      sessionId: 'sess_0123456789abcdef0123',
    }
    expect(readIdentity(new Request('http://shop.test/', { headers: { cookie } }))).toEqual(expected)
    expect(readIdentity({ headers: { cookie } })).toEqual(expected)
    expect(readIdentity(cookie)).toEqual(expected)
  })

  it('keeps an anonymous id handed over by the app even when it holds dots or reserved characters', () => {
    const value = `${encodeURIComponent('user.42@legacy;x')}.${encodeURIComponent('sess_1')}`
    expect(readIdentity(`ik_id=${value}`)).toEqual({ anonymousId: 'user.42@legacy;x', sessionId: 'sess_1' })
    expect(readIdentity('ik_id=anon_1.')).toEqual({ anonymousId: 'anon_1' })
    expect(readIdentity('custom=anon_2.sess_2', { cookieName: 'custom' })).toEqual({
      anonymousId: 'anon_2',
      sessionId: 'sess_2',
    })
  })

  it('returns undefined, never throws, for requests without a readable cookie', () => {
    expect(readIdentity(undefined)).toBeUndefined()
    expect(readIdentity(new Request('http://shop.test/'))).toBeUndefined()
    expect(readIdentity({ headers: {} })).toBeUndefined()
    expect(readIdentity('ik_id=%E0%A4%A.sess')).toBeUndefined()
    expect(readIdentity('ik_id=')).toBeUndefined()
  })
})
