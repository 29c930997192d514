import { sha256 } from '../lib/sha256.js'
import type { AnalyticsEvent, JsonValue } from './types.js'

/** Privacy settings (README: "Privacy"). */
export interface PrivacyOptions {
  /** More key words or phrases that name PII, in any spelling: `['passport', 'tax id']`. */
  redactKeys?: string[]
  /** Keys passed through untouched, in any spelling: neither their name nor their value is checked. */
  allowKeys?: string[]
  /** Keys whose values are replaced by their SHA-256 (hex) instead of redacted, in any spelling. */
  hashKeys?: string[]
  /** Send `user_id` as its SHA-256 (hex) (default false). */
  hashUserId?: boolean
  /** Prepended to every value before hashing, so hashes cannot be reversed with public lookup tables. */
  salt?: string
  /** Look for emails, card numbers, phone numbers and SSNs inside every string value (default true). */
  redactValues?: boolean
  /** What replaces a redacted value (default `"[REDACTED]"`). */
  marker?: string
}

/** Which paths of the event the privacy stage changed, like `properties.email` or `context.page.url`. */
export interface PrivacyResult {
  redacted: string[]
  hashed: string[]
}

/** The default redaction marker. */
export const REDACTED = '[REDACTED]'

// phrases (space-separated key words) that name PII; a key matches when its words contain one in order
const PII_PHRASES =
  'email|e mail|emailaddress|phone|telephone|phonenumber|mobile number|mobilenumber|tel|password|passwd|passcode|ssn|social security|credit card|creditcard|card number|cardnumber|cc number|ccnumber|cvv|cvc|iban|birth|birthday|birthdate|dateofbirth|dob|ip|ipaddress|ipv|address|surname|' +
  'first|last|full|given|family|middle|maiden|user|display|nick|customer|contact|holder|cardholder|billing|shipping|recipient|legal|real|person'
    .split('|')
    .map((w) => `${w} name|${w}name`)
    .join('|')
// owners of a bare `name` key that make it a person's name; at the top level a bare `name` is always one
const PERSON = new Set(
  'user|customer|contact|person|profile|traits|owner|author|recipient|sender|billing|shipping|member|employee|patient|buyer|guest|payer|account|holder|cardholder|passenger|attendee'.split(
    '|',
  ),
)
// a last word that describes the PII rather than holding it: `email_verified`, `phone_type`, `address_id`
const QUALIFIER = new Set(
  'count|length|type|verified|valid|enabled|status|domain|id|hash|hashed|field|country|provided|present|format|model|brand'.split(
    '|',
  ),
)

const EMAIL = /[\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+/g
// digit runs with separators: phone, card and SSN candidates, never inside a longer word
const DIGITS = /(^|[^\w+(-])(\+?\(?\d[\d ().-]{5,24}\d)(?![\w-])/g
const QUERY = /([?&;])([^=&#;?\s]+)=([^&#;\s]*)/g

/** The words of a key in any spelling: `firstName`, `first_name`, `First-Name` → `first name`. */
export function keyWords(key: string): string {
  return (
    key
      .replace(/([a-z\d])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .toLowerCase()
      .match(/[a-z]+|\d+/g)
      ?.join(' ') ?? ''
  )
}

const luhn = (digits: string) => {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    const d = (digits.charCodeAt(digits.length - 1 - i) - 48) * (1 + (i % 2))
    sum += d > 9 ? d - 9 : d
  }
  return sum % 10 === 0
}

const looksSensitive = (run: string): boolean => {
  const digits = run.replace(/\D/g, '')
  const n = digits.length
  const separators = run.replace(/[\d+]/g, '')
  if (n >= 13 && n <= 19 && !/[().]/.test(separators) && run.split(/[ -]/).every((g) => g.length >= 4))
    return luhn(digits)
  if (/^\d{3}-\d{2}-\d{4}$/.test(run)) return true
  // a lone dot is a decimal number and dotted runs are mostly versions: only 555.123.4567 counts
  if (!/[ ()-]/.test(separators))
    return /^\d{3}\.\d{3}\.\d{4}$/.test(run) || (run[0] === '+' && n >= 8 && n <= 15)
  return n >= 10 ? n <= 15 : run[0] === '+' && n >= 8
}

/**
 * Creates the privacy stage. It rewrites an event in place: values under keys that name PII are
 * replaced by the marker, PII found inside string values is replaced where it appears, chosen keys are
 * hashed, and `user_id` is hashed when asked. Booleans and nulls under PII keys are kept (`email_verified:
 * true` says nothing about the address). Returns the paths it changed.
 */
export function createPrivacyFilter(options: PrivacyOptions = {}): (event: AnalyticsEvent) => PrivacyResult {
  const marker = options.marker ?? REDACTED
  const phrases = [...PII_PHRASES.split('|'), ...(options.redactKeys ?? []).map(keyWords)].filter(Boolean)
  const allow = new Set((options.allowKeys ?? []).map(keyWords))
  const hash = new Set((options.hashKeys ?? []).map(keyWords))
  const salt = options.salt ?? ''
  const scanValues = options.redactValues !== false
  // key → 0 keep, 1 redact, 2 hash, 3 allow, 4 bare "name", plus 8 when it names a person (`customer`);
  // the same keys come back event after event, so each is judged once
  const verdicts = new Map<string, number>()
  let lastUser: [string, string] | undefined

  const verdict = (key: string): number => {
    let v = verdicts.get(key)
    if (v !== undefined) return v
    const words = keyWords(key)
    const padded = ` ${words} `
    const qualified = QUALIFIER.has(words.slice(words.lastIndexOf(' ') + 1))
    v = allow.has(words)
      ? 3
      : hash.has(words)
        ? 2
        : words === 'name'
          ? 4
          : // a qualifier at the end excuses the key (`email_verified`) unless it belongs to the phrase (`tax id`)
            phrases.some((p) => padded.includes(` ${p} `) && (!qualified || padded.endsWith(` ${p} `)))
            ? 1
            : 0
    if (words.split(' ').some((w) => PERSON.has(w) || PERSON.has(w.replace(/s$/, '')))) v |= 8
    if (verdicts.size > 1_000) verdicts.clear()
    verdicts.set(key, v)
    return v
  }

  const isPiiKey = (key: string) => {
    const v = verdict(key) & 7
    return v === 1 || v === 2 || v === 4
  }

  const scan = (text: string): string => {
    let out = text
    if (out.includes('@')) out = out.replace(EMAIL, marker)
    if (/\d/.test(out))
      out = out.replace(DIGITS, (all, before: string, run: string) =>
        looksSensitive(run) ? before + marker : all,
      )
    if (out.includes('=') && out.includes('?'))
      out = out.replace(QUERY, (all, sep: string, key: string) => {
        let name = key
        try {
          name = decodeURIComponent(key)
        } catch {
          // a malformed escape: judge the key as written
        }
        return isPiiKey(name) ? `${sep}${key}=${marker}` : all
      })
    return out
  }

  const digest = (value: JsonValue) =>
    sha256(salt + (typeof value === 'string' ? value : JSON.stringify(value)))

  return (event) => {
    const redacted: string[] = []
    const hashed: string[] = []

    const visit = (
      container: Record<string, JsonValue> | JsonValue[],
      key: string | number,
      path: string,
      person: boolean,
    ) => {
      const value = (container as Record<string, JsonValue>)[key]!
      let owner = person
      if (typeof key === 'string') {
        const flags = verdict(key)
        const v = flags & 7
        owner = flags > 7
        if (v === 3) return
        if (v === 2) {
          if (value !== null && typeof value !== 'boolean') {
            ;(container as Record<string, JsonValue>)[key] = digest(value)
            hashed.push(path)
          }
          return
        }
        if ((v === 1 || (v === 4 && person)) && value !== null && typeof value !== 'boolean') {
          ;(container as Record<string, JsonValue>)[key] = marker
          redacted.push(path)
          return
        }
      }
      if (typeof value === 'string') {
        if (!scanValues) return
        const clean = scan(value)
        if (clean !== value) {
          ;(container as Record<string, JsonValue>)[key] = clean
          redacted.push(path)
        }
      } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) visit(value, i, `${path}.${i}`, owner)
      } else if (value !== null && typeof value === 'object') {
        for (const k of Object.keys(value)) visit(value, k, `${path}.${k}`, owner)
      }
    }

    const props = event.properties
    for (const key of Object.keys(props)) visit(props, key, `properties.${key}`, true)

    if (scanValues) {
      const ctx = event.context
      for (const key of Object.keys(ctx))
        if (key === 'referrer' || key.startsWith('utm_'))
          visit(ctx as Record<string, JsonValue>, key, `context.${key}`, false)
      const page = ctx.page
      if (page)
        for (const key of ['path', 'url', 'title'] as const) visit(page, key, `context.page.${key}`, false)
    }

    if (options.hashUserId && event.user_id !== null) {
      if (lastUser?.[0] !== event.user_id) lastUser = [event.user_id, sha256(salt + event.user_id)]
      event.user_id = lastUser[1]
      hashed.push('user_id')
    }
    return { redacted, hashed }
  }
}
