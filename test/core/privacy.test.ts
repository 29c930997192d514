import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createPrivacyFilter, keyWords, REDACTED } from '../../src/core/privacy.js'
import type { AnalyticsEvent, JsonValue } from '../../src/core/types.js'
import { sha256 } from '../../src/lib/sha256.js'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

function eventWith(
  properties: Record<string, JsonValue>,
  extra: Partial<AnalyticsEvent> = {},
): AnalyticsEvent {
  return {
    event_name: 'thing_happened',
    message_id: 'm1',
    timestamp: '2026-11-28T10:00:00.000Z',
    user_id: null,
    anonymous_id: 'a1',
    session_id: 'sess_1',
    seq: 1,
    properties,
    context: { library: { name: 'instrumentkit', version: '0' } },
    ...extra,
  }
}

function run(properties: Record<string, JsonValue>, options = {}) {
  const event = eventWith(structuredClone(properties))
  const result = createPrivacyFilter(options)(event)
  return { properties: event.properties, ...result }
}

describe('PII keys written as one word', () => {
  it('match the phrases of several words glued together, built-in and configured', () => {
    const keys = [
      'emailaddress',
      'phonenumber',
      'creditcard',
      'dateofbirth',
      'socialsecurity',
      'firstname',
      'taxid',
    ]
    const out = run(Object.fromEntries(keys.map((k) => [k, 'x1'])), { redactKeys: ['tax id'] })
    expect(out.properties).toEqual(Object.fromEntries(keys.map((k) => [k, REDACTED])))
    expect(run({ cardboard: 'x1', mailbox: 'x1' }).properties).toEqual({ cardboard: 'x1', mailbox: 'x1' })
  })
})

describe('keyWords', () => {
  it('reads a key the same in camelCase, snake_case, kebab-case and shouting', () => {
    for (const key of ['firstName', 'first_name', 'first-name', 'FIRST_NAME', 'First Name'])
      expect(keyWords(key)).toBe('first name')
    expect(keyWords('IPAddress')).toBe('ip address')
    expect(keyWords('address1')).toBe('address 1')
  })
})

describe('createPrivacyFilter: keys', () => {
  it('redacts values under keys that name PII, in any spelling and at any depth', () => {
    const { properties, redacted } = run({
      email: 'ada@example.com',
      userPhone: '+44 20 7946 0958',
      first_name: 'Ada',
      LastName: 'Lovelace',
      'full-name': 'Ada Lovelace',
      password: 'hunter2',
      ssn: '078-05-1120',
      credit_card: '4111 1111 1111 1111',
      cardNumber: 'x',
      cvv: 123,
      iban: 'GB82WEST12345698765432',
      date_of_birth: '1815-12-10',
      dob: '1815-12-10',
      ip: '203.0.113.7',
      ip_address: '203.0.113.7',
      shipping: { address: { street: '1 Main St', city: 'London' } },
      order_id: 'ord_1',
    })
    expect(properties).toEqual({
      email: REDACTED,
      userPhone: REDACTED,
      first_name: REDACTED,
      LastName: REDACTED,
      'full-name': REDACTED,
      password: REDACTED,
      ssn: REDACTED,
      credit_card: REDACTED,
      cardNumber: REDACTED,
      cvv: REDACTED,
      iban: REDACTED,
      date_of_birth: REDACTED,
      dob: REDACTED,
      ip: REDACTED,
      ip_address: REDACTED,
      shipping: { address: REDACTED },
      order_id: 'ord_1',
    })
    expect(redacted).toContain('properties.shipping.address')
    expect(redacted).not.toContain('properties.order_id')
  })

  it('matches whole key words, so product_name, file_name, zip and tooltip are kept', () => {
    const kept = {
      product_name: 'Widget',
      file_name: 'report.pdf',
      plan_name: 'team',
      zip_code_region: 'north',
      tooltip: 'Shown',
      shipping_method: 'express',
      headphone_model: 'X1',
      email_verified: true,
      phone_type: 'mobile',
      address_id: 'adr_9',
      email_count: 3,
      has_phone: false,
    }
    const { properties, redacted } = run(kept)
    expect(properties).toEqual(kept)
    expect(redacted).toEqual([])
  })

  it('treats a bare "name" as a person’s name at the top level and under people, not under things', () => {
    const { properties } = run({
      name: 'Ada Lovelace',
      customer: { name: 'Ada', tier: 'gold' },
      users: [{ name: 'Ada' }],
      product: { name: 'Widget' },
      items: [{ name: 'Widget', sku: 'W-1' }],
    })
    expect(properties).toEqual({
      name: REDACTED,
      customer: { name: REDACTED, tier: 'gold' },
      users: [{ name: REDACTED }],
      product: { name: 'Widget' },
      items: [{ name: 'Widget', sku: 'W-1' }],
    })
  })

  it('takes extra PII keys, allowed keys and a custom marker from the options', () => {
    const { properties } = run(
      { passport_number: 'X123', taxId: '99', support_email: 'help@shop.example', email: 'a@b.co' },
      { redactKeys: ['passport', 'tax id'], allowKeys: ['support_email'], marker: '***' },
    )
    expect(properties).toEqual({
      passport_number: '***',
      taxId: '***',
      support_email: 'help@shop.example',
      email: '***',
    })
  })

  it('hashes chosen keys with salted SHA-256 instead of redacting them', () => {
    const { properties, hashed, redacted } = run(
      { email: 'ada@example.com', account: { userEmail: 'x@y.io' }, count: 2 },
      { hashKeys: ['email', 'user_email'], salt: 's1:', hash: sha256 },
    )
    expect(properties).toEqual({
      email: sha('s1:ada@example.com'),
      account: { userEmail: sha('s1:x@y.io') },
      count: 2,
    })
    expect(hashed).toEqual(['properties.email', 'properties.account.userEmail'])
    expect(redacted).toEqual([])
  })

  it('hashes user_id when asked, so the raw id never leaves', () => {
    const event = eventWith({}, { user_id: 'user_8x92j4k1' })
    const result = createPrivacyFilter({ hashUserId: true, hash: sha256 })(event)
    expect(event.user_id).toBe(sha('user_8x92j4k1'))
    expect(result.hashed).toEqual(['user_id'])
  })

  it('refuses at construction to hash without a hash function, saying what to pass', () => {
    expect(() => createPrivacyFilter({ hashKeys: ['email'] })).toThrow(/hash: sha256/)
    expect(() => createPrivacyFilter({ hashUserId: true })).toThrow(/privacy\.hash/)
    expect(() => createPrivacyFilter({ hashKeys: [] })).not.toThrow()
  })
})

describe('createPrivacyFilter: values', () => {
  it('redacts emails, Luhn-valid card numbers, phone numbers and SSNs inside free text', () => {
    const { properties, redacted } = run({
      comment: 'Mail ada.l@example.co.uk or call +1 (555) 123-4567 / 020 7946 0958, card 4111-1111-1111-1111',
      message: 'my number is 078-05-1120 ok',
      note: 'pay with 378282246310005 please',
    })
    expect(properties.comment).toBe(`Mail ${REDACTED} or call ${REDACTED} / ${REDACTED}, card ${REDACTED}`)
    expect(properties.message).toBe(`my number is ${REDACTED} ok`)
    expect(properties.note).toBe(`pay with ${REDACTED} please`)
    expect(redacted).toEqual(['properties.comment', 'properties.message', 'properties.note'])
  })

  it('leaves ordinary numbers alone: ids, prices, dates, versions, timestamps, failed-Luhn digits', () => {
    const values = {
      order: 'ord_456789',
      price: 'Total 149.99 USD',
      date: '2026-11-28T10:00:00.000Z',
      range: '2026-11-28 to 2026-12-01',
      version: '120.0.6099.109',
      ts: '1764324005000',
      pi: '3.14159265358979',
      not_a_card: '4111 1111 1111 1112',
      uuid: '12345678-1234-4234-8234-123456789012',
      sku: 'SKU-2024-000123',
    }
    const { properties, redacted } = run(values)
    expect(properties).toEqual(values)
    expect(redacted).toEqual([])
  })

  it('redacts PII query parameters and addresses in URLs, in properties and in the page context', () => {
    const event = eventWith(
      { href: 'https://shop.example/cb?token=abc&email=ada%40example.com&name=Ada&page=2' },
      {
        context: {
          library: { name: 'instrumentkit', version: '0' },
          page: { path: '/reset', url: 'https://shop.example/reset?phone=5551234567&step=2', title: 'Reset' },
          referrer: 'https://mail.example/?to=ada@example.com',
          utm_content: 'ada@example.com',
        },
      },
    )
    const result = createPrivacyFilter()(event)
    expect(event.properties.href).toBe(
      `https://shop.example/cb?token=abc&email=${REDACTED}&name=${REDACTED}&page=2`,
    )
    expect(event.context.page?.url).toBe(`https://shop.example/reset?phone=${REDACTED}&step=2`)
    expect(event.context.referrer).toBe(`https://mail.example/?to=${REDACTED}`)
    expect(event.context.utm_content).toBe(REDACTED)
    expect(result.redacted).toEqual([
      'properties.href',
      'context.referrer',
      'context.utm_content',
      'context.page.url',
    ])
  })

  it('finds PII in URLs written plainly, percent-encoded or form-encoded, and cuts out only the PII', () => {
    const cases: [string, string][] = [
      ['https://shop.example/?ref=pat@example.com&step=2', `https://shop.example/?ref=${REDACTED}&step=2`],
      ['https://shop.example/?ref=pat%40example.com&step=2', `https://shop.example/?ref=${REDACTED}&step=2`],
      ['https://shop.example/?ref=PAT%40Example.COM#top', `https://shop.example/?ref=${REDACTED}#top`],
      // encoded twice, as a URL carried inside another URL's parameter
      [
        'https://go.example/r?to=https%3A%2F%2Fshop.example%2F%3Fref%3Dpat%2540example.com&src=mail',
        `https://go.example/r?to=https%3A%2F%2Fshop.example%2F%3Fref%3D${REDACTED}&src=mail`,
      ],
      [
        'https://shop.example/users/pat%40example.com/orders',
        `https://shop.example/users/${REDACTED}/orders`,
      ],
      [
        'https://shop.example/?q=call+me+at+555+123+4567&x=1',
        `https://shop.example/?q=call+me+at+${REDACTED}&x=1`,
      ],
      ['https://shop.example/?q=call%20555%20123%204567', `https://shop.example/?q=call%20${REDACTED}`],
      ['https://shop.example/?c=4111+1111+1111+1111&v=2', `https://shop.example/?c=${REDACTED}&v=2`],
      ['https://shop.example/?c=4111%2D1111%2D1111%2D1111', `https://shop.example/?c=${REDACTED}`],
      ['https://shop.example/?tel=%2B44%2020%207946%200958', `https://shop.example/?tel=${REDACTED}`],
      ['https://shop.example/?note=a+%2B+b&sum=3', 'https://shop.example/?note=a+%2B+b&sum=3'],
      ['https://shop.example/search?q=red+shoes&size=42', 'https://shop.example/search?q=red+shoes&size=42'],
      ['https://shop.example/?order=ord%5F2024%2D000123', 'https://shop.example/?order=ord%5F2024%2D000123'],
      ['50% off, 100%25 cotton, %E2%9C%93', '50% off, 100%25 cotton, %E2%9C%93'],
    ]
    for (const [input, expected] of cases) expect(run({ href: input }).properties.href, input).toBe(expected)
  })

  it('redacts an encoded address in the page URL, the referrer and a utm field alike', () => {
    const event = eventWith(
      { landing: 'https://shop.example/?ref=pat%40example.com&utm_source=news' },
      {
        context: {
          library: { name: 'instrumentkit', version: '0' },
          page: {
            path: '/welcome',
            url: 'https://shop.example/welcome?ref=pat%40example.com&step=2',
            title: 'Welcome',
          },
          referrer: 'https://mail.example/read?from=pat%40example.com',
          utm_content: 'pat%40example.com',
        },
      },
    )
    const result = createPrivacyFilter()(event)
    expect(event.properties.landing).toBe(`https://shop.example/?ref=${REDACTED}&utm_source=news`)
    expect(event.context.page?.url).toBe(`https://shop.example/welcome?ref=${REDACTED}&step=2`)
    expect(event.context.referrer).toBe(`https://mail.example/read?from=${REDACTED}`)
    expect(event.context.utm_content).toBe(REDACTED)
    expect(JSON.stringify(event)).not.toMatch(/pat(%40|@)example/)
    expect(result.redacted).toEqual([
      'properties.landing',
      'context.referrer',
      'context.utm_content',
      'context.page.url',
    ])
  })

  it('scans arrays and nested objects, and can be told not to scan values', () => {
    expect(run({ tags: ['vip', 'ada@example.com'] }).properties).toEqual({ tags: ['vip', REDACTED] })
    expect(run({ tags: ['ada@example.com'] }, { redactValues: false }).properties).toEqual({
      tags: ['ada@example.com'],
    })
  })

  it('stays fast on long hostile strings (no catastrophic backtracking)', () => {
    const hostile = `${'a'.repeat(8_000)}@${'1 '.repeat(2_000)}`
    const started = performance.now()
    run({ text: hostile, digits: '1-'.repeat(4_000), coded: '%2540+1%20'.repeat(2_000) })
    expect(performance.now() - started).toBeLessThan(500)
  })
})
