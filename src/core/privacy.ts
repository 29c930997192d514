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

// what a clean event reports; frozen, so that sharing it is safe
const NONE = Object.freeze([]) as unknown as string[]
const CLEAN: PrivacyResult = Object.freeze({ redacted: NONE, hashed: NONE })

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
// the shortest candidate above: 8 characters of digits and separators, starting and ending with a digit
const RUN = /\d[\d ().-]{6,}\d/
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

  // page URLs, titles and labels repeat from event to event, and scanning is the costly part
  const scanned = new Map<string, string>()
  const scan = (text: string): string => {
    // cheap tests first: most strings hold no @, no run of 8 digits and separators, and no query
    const email = text.includes('@')
    const digits = RUN.test(text)
    const query = text.includes('?') && text.includes('=')
    if (!email && !digits && !query) return text
    const known = scanned.get(text)
    if (known !== undefined) return known
    let out = text
    if (email) out = out.replace(EMAIL, marker)
    if (digits)
      out = out.replace(DIGITS, (all, before: string, run: string) =>
        looksSensitive(run) ? before + marker : all,
      )
    if (query)
      out = out.replace(QUERY, (all, sep: string, key: string) => {
        let name = key
        try {
          name = decodeURIComponent(key)
        } catch {
          // a malformed escape: judge the key as written
        }
        return isPiiKey(name) ? `${sep}${key}=${marker}` : all
      })
    if (text.length <= 1_024) {
      if (scanned.size >= 256) scanned.clear()
      scanned.set(text, out)
    }
    return out
  }

  const digest = (value: JsonValue) =>
    sha256(salt + (typeof value === 'string' ? value : JSON.stringify(value)))

  // the event being filtered: one at a time (no user code runs here), so nothing is allocated per call
  let redacted: string[] | undefined
  let hashed: string[] | undefined
  let lastContext: object | undefined
  const note = (list: 'redacted' | 'hashed', path: string) => {
    if (list === 'redacted') {
      if (!redacted) redacted = []
      redacted.push(path)
    } else {
      if (!hashed) hashed = []
      hashed.push(path)
    }
  }

  // the path is only spelled out for what is reported or descended into
  const visit = (
    container: Record<string, JsonValue> | JsonValue[],
    key: string | number,
    parent: string,
    person: boolean,
  ) => {
    const record = container as Record<string, JsonValue>
    const value = record[key]!
    let owner = person
    if (typeof key === 'string') {
      const flags = verdict(key)
      const v = flags & 7
      owner = flags > 7
      if (v === 3) return
      if (v === 2) {
        if (value !== null && typeof value !== 'boolean') {
          record[key] = digest(value)
          note('hashed', `${parent}.${key}`)
        }
        return
      }
      if ((v === 1 || (v === 4 && person)) && value !== null && typeof value !== 'boolean') {
        record[key] = marker
        note('redacted', `${parent}.${key}`)
        return
      }
    }
    if (typeof value === 'string') {
      if (!scanValues) return
      const clean = scan(value)
      if (clean !== value) {
        record[key] = clean
        note('redacted', `${parent}.${key}`)
      }
    } else if (Array.isArray(value)) {
      const here = `${parent}.${key}`
      for (let i = 0; i < value.length; i++) visit(value, i, here, owner)
    } else if (value !== null && typeof value === 'object') {
      const here = `${parent}.${key}`
      for (const k in value) visit(value, k, here, owner)
    }
  }

  return (event) => {
    redacted = undefined
    hashed = undefined
    const props = event.properties
    for (const key in props) visit(props, key, 'properties', true)

    // consecutive events share one context object, and a scanned context needs no second look
    if (scanValues && event.context !== lastContext) {
      lastContext = event.context
      const ctx = event.context as Record<string, JsonValue>
      for (const key in ctx)
        if (key === 'referrer' || key.startsWith('utm_')) visit(ctx, key, 'context', false)
      const page = event.context.page
      if (page) {
        visit(page, 'path', 'context.page', false)
        visit(page, 'url', 'context.page', false)
        visit(page, 'title', 'context.page', false)
      }
    }

    if (options.hashUserId && event.user_id !== null) {
      if (lastUser?.[0] !== event.user_id) lastUser = [event.user_id, sha256(salt + event.user_id)]
      event.user_id = lastUser[1]
      note('hashed', 'user_id')
    }
    return redacted || hashed ? { redacted: redacted ?? [], hashed: hashed ?? [] } : CLEAN
  }
}
