import type { AnalyticsEvent, JsonValue } from './types.js'

/** Privacy settings (docs/privacy.md). */
export interface PrivacyOptions {
  /** More key words or phrases that name PII, in any spelling: `['passport', 'tax id']`. */
  redactKeys?: string[]
  /** Keys passed through untouched, in any spelling: neither their name nor their value is checked. */
  allowKeys?: string[]
  /** Keys whose values are replaced by their hash (`hash`) instead of redacted, in any spelling. */
  hashKeys?: string[]
  /** Send `user_id` as its hash (`hash`) (default false). */
  hashUserId?: boolean
  /**
   * The hash function of `hashKeys` and `hashUserId`, required by them: `sha256` from `instrumentkit`.
   * Passed in, so that apps that hash nothing do not carry SHA-256 in their bundle.
   */
  hash?: (text: string) => string
  /** Prepended to every value before hashing, so hashes cannot be reversed with public lookup tables. */
  salt?: string
  /** Look for emails, card numbers, phone numbers and SSNs inside every string value (default true). */
  redactValues?: boolean
  /** What replaces a redacted value (default `"[REDACTED]"`). */
  marker?: string
}

/** Which paths of the event the privacy stage changed, like `properties.email` or `context.page.url`. */
export interface PrivacyResult {
  /** Paths (`properties.email`, `context.page.url`) whose value was replaced by the redaction marker. */
  redacted: string[]
  /** Paths whose value was replaced by its hash. */
  hashed: string[]
}

// what a clean event reports; frozen, so that sharing it is safe
const NONE = Object.freeze([]) as unknown as string[]
const CLEAN: PrivacyResult = Object.freeze({ redacted: NONE, hashed: NONE })

/** The default redaction marker. */
export const REDACTED = '[REDACTED]'

// phrases that name PII; a key matches when its words (see keyWords) contain one in order, and a phrase of
// several words also matches glued into one (` ?`: `emailaddress`, `firstname`)
const PII =
  'e ?mail(?: ?address)?|(?:tele)?phone(?: ?number)?|mobile ?number|tel|pass(?:word|wd|code)|ssn|social ?security|' +
  'credit ?card|(?:card|cc) ?number|cv[cv]|iban|birth(?:day|date)?|date ?of ?birth|dob|ip(?:v| ?address)?|address|surname|' +
  '(?:first|last|full|given|family|middle|maiden|user|display|nick|customer|contact|(?:card)?holder|billing|shipping|recipient|legal|real|person) ?name'
// owners of a bare `name` key that make it a person's name; at the top level a bare `name` is always one
const PERSON =
  /(?:^| )(?:user|customer|contact|person|profile|traits|owner|author|recipient|sender|billing|shipping|member|employee|patient|buyer|guest|payer|account|(?:card)?holder|passenger|attendee)s?(?= |$)/
// a last word that describes the PII rather than holding it: `email_verified`, `phone_type`, `address_id`
const QUALIFIER =
  /(?:^| )(?:count|length|type|verified|valid|enabled|status|domain|id|hash(?:ed)?|field|country|provided|present|format|model|brand)$/

// an email, and digit runs with separators (phone, card and SSN candidates, never inside a longer word);
// both capture what comes before the candidate and the candidate
const EMAIL = /()([\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+)/g
const DIGITS = /(^|[^\w+(-])(\+?\(?\d[\d ().-]{5,24}\d)(?![\w-])/g
// the shortest candidate above: 8 characters of digits and separators, starting and ending with a digit
const RUN = /\d[\d ().-]{6,}\d/
const QUERY = /([?&;])([^=&#;?\s]+)=([^&#;\s]*)/g
const CODED = /%[\da-f]{2}|\+/i

/**
 * Undoes URL encoding (`%40`, and `+` for a space) where it spells ASCII, and says for each character of
 * the result where it starts in `text` (one more entry for the end), so that what is found in the decoded
 * text can be cut out of the text as written. Other escapes stay as they are: PII patterns are ASCII.
 */
const decode = (text: string): [string, number[]] => {
  let out = ''
  const at: number[] = []
  text.replace(/%[0-7][\da-f]|./gis, (c: string, i: number) => {
    at.push(i)
    out += c[1] ? decodeURIComponent(c) : c === '+' ? ' ' : c
    return ''
  })
  at.push(text.length)
  return [out, at]
}

/** The words of a key in any spelling: `firstName`, `first_name`, `First-Name` → `first name`. */
export function keyWords(key: string): string {
  return (
    key
      // a space after a lower-case letter or digit followed by a capital (`firstName`), and after the end of
      // a run of capitals (`IPAddress`)
      .replace(/([a-z\d](?=[A-Z])|[A-Z](?=[A-Z][a-z]))/g, '$1 ')
      .toLowerCase()
      .match(/[a-z]+|\d+/g)
      ?.join(' ') ?? ''
  )
}

// every second digit from the right is doubled, and a doubled digit counts as the sum of its digits
const luhn = (digits: string) =>
  !([...digits].reverse().reduce((sum, d, i) => sum + +(i % 2 ? '0246813579'[+d]! : d), 0) % 10)

const looksSensitive = (run: string): boolean => {
  const digits = run.replace(/\D/g, '')
  const n = digits.length
  const separators = run.replace(/[\d+]/g, '')
  const plus = run[0] === '+'
  return n > 12 && n < 20 && !/[().]/.test(separators) && run.split(/[ -]/).every((g) => g.length > 3)
    ? luhn(digits)
    : /^\d{3}-\d{2}-\d{4}$/.test(run) ||
        (/[ ()-]/.test(separators)
          ? n > 9
            ? n < 16
            : plus && n > 7
          : // a lone dot is a decimal number and dotted runs are mostly versions: only 555.123.4567 counts
            /^\d{3}\.\d{3}\.\d{4}$/.test(run) || (plus && n > 7 && n < 16))
}

/**
 * Creates the privacy stage (a no-op for `false`). It rewrites an event in place: values under keys that
 * name PII are replaced by the marker, PII found inside string values is replaced where it appears,
 * chosen keys are hashed, and `user_id` is hashed when asked. Booleans and nulls under PII keys are kept
 * (`email_verified: true` says nothing about the address). Returns the paths it changed.
 */
export function createPrivacyFilter(
  options: PrivacyOptions | false = {},
): (event: AnalyticsEvent) => PrivacyResult {
  if (!options) return () => CLEAN
  const { hash: digest, marker = REDACTED, salt = '' } = options
  if (!digest && (options.hashKeys?.length || options.hashUserId))
    throw new TypeError(
      process.env.NODE_ENV !== 'production'
        ? "[instrumentkit] privacy.hashKeys and privacy.hashUserId need privacy.hash: import { sha256 } from 'instrumentkit' and pass privacy: { hashKeys, hash: sha256 }."
        : '[instrumentkit] privacy.hash is required',
    )
  const words = (keys?: string[]) => new Set((keys ?? []).map(keyWords))
  const phrases = [
    PII,
    ...[...words(options.redactKeys)].filter(Boolean).map((p) => p.replace(/ /g, ' ?')),
  ].join('|')
  // anywhere in the key, or (when a qualifier ends the key) ending it: `tax id` stays PII, `email id` does not
  const anywhere = new RegExp(`(?:^| )(?:${phrases})(?= |$)`)
  const atEnd = new RegExp(`(?:^| )(?:${phrases})$`)
  const allow = words(options.allowKeys)
  const hash = words(options.hashKeys)
  const scanValues = options.redactValues !== false
  // key → 0 keep, 1 redact, 2 hash, 3 allow, 4 bare "name", plus 8 when it names a person (`customer`);
  // the same keys come back event after event, so each is judged once
  const verdicts = new Map<string, number>()
  // page URLs, titles and labels repeat from event to event, and scanning is the costly part
  const scanned = new Map<string, string>()
  let lastUser: [string, string] | undefined
  let lastContext: object | undefined
  // the paths changed in the event being filtered (one at a time: no user code runs here)
  let changed: PrivacyResult | undefined

  const verdict = (key: string): number => {
    let v = verdicts.get(key)
    if (v === undefined) {
      const w = keyWords(key)
      v =
        (allow.has(w)
          ? 3
          : hash.has(w)
            ? 2
            : w === 'name'
              ? 4
              : +(QUALIFIER.test(w) ? atEnd : anywhere).test(w)) | (PERSON.test(w) ? 8 : 0)
      if (verdicts.size > 1_000) verdicts.clear()
      verdicts.set(key, v)
    }
    return v
  }

  const scan = (text: string): string => {
    // cheap tests first: most strings hold no @, no run of 8 digits and separators, no query and no escape
    const query = text.includes('?')
    if (!query && !text.includes('@') && !RUN.test(text) && !CODED.test(text)) return text
    let out = scanned.get(text)
    if (out === undefined) {
      // PII written into a URL percent- or form-encoded (`pat%40example.com`, `555+123+4567`, even
      // encoded twice) is found in the decoded text and cut out of the text as written, so the rest stays
      const hidden = new Uint8Array(text.length)
      let plain = text
      let at: number[] | undefined
      let found = 0
      for (let round = 0; ; round++) {
        for (const pattern of [EMAIL, DIGITS])
          plain.replace(pattern, (_: string, before: string, run: string, i: number) => {
            if (run.includes('@') || looksSensitive(run)) {
              found = 1
              i += before.length
              hidden.fill(1, at ? at[i] : i, at ? at[i + run.length] : i + run.length)
            }
            return ''
          })
        if (round > 1 || !CODED.test(plain)) break
        const [next, map] = decode(plain)
        at = at ? map.map((i) => at![i]!) : map
        plain = next
      }
      out = found ? text.replace(/./gs, (c, i) => (hidden[i] ? (hidden[i - 1] ? '' : marker) : c)) : text
      if (query)
        out = out.replace(QUERY, (all, sep: string, key: string) =>
          // redact, hash and a bare "name" hide the value; keep and allow leave it
          (verdict(decode(key)[0]) & 7) % 3 ? `${sep}${key}=${marker}` : all,
        )
      if (text.length <= 1_024) {
        if (scanned.size >= 256) scanned.clear()
        scanned.set(text, out)
      }
    }
    return out
  }

  const note = (list: keyof PrivacyResult, path: string) => {
    changed ??= { redacted: [], hashed: [] }
    changed[list].push(path)
  }

  // the path is only spelled out for what is reported or descended into
  const visit = (
    container: Record<string, JsonValue> | JsonValue[],
    key: string | number,
    parent: string,
    person: boolean,
  ) => {
    const holder = container as Record<string | number, JsonValue>
    const value = holder[key]!
    let owner = person
    if (typeof key === 'string') {
      const flags = verdict(key)
      const v = flags & 7
      owner = flags > 7
      if (v === 3) return
      if (v === 1 || v === 2 || (v === 4 && person)) {
        if (value !== null && typeof value !== 'boolean') {
          holder[key] =
            v === 2 ? digest!(salt + (typeof value === 'string' ? value : JSON.stringify(value))) : marker
          note(v === 2 ? 'hashed' : 'redacted', `${parent}.${key}`)
        }
        return
      }
    }
    if (typeof value === 'string') {
      const clean = scanValues ? scan(value) : value
      if (clean !== value) {
        holder[key] = clean
        note('redacted', `${parent}.${key}`)
      }
    } else if (value && typeof value === 'object')
      for (const k in value) visit(value, Array.isArray(value) ? +k : k, `${parent}.${key}`, owner)
  }

  return (event) => {
    changed = undefined
    for (const key in event.properties) visit(event.properties, key, 'properties', true)
    // consecutive events share one context object, and a scanned context needs no second look
    const ctx = event.context as Record<string, JsonValue>
    if (scanValues && ctx !== lastContext) {
      lastContext = ctx
      for (const key in ctx)
        if (key === 'referrer' || key.startsWith('utm_')) visit(ctx, key, 'context', false)
      const page = ctx.page as Record<string, JsonValue> | undefined
      if (page) for (const key of ['path', 'url', 'title']) visit(page, key, 'context.page', false)
    }
    if (options.hashUserId && event.user_id !== null) {
      if (lastUser?.[0] !== event.user_id) lastUser = [event.user_id, digest!(salt + event.user_id)]
      event.user_id = lastUser[1]
      note('hashed', 'user_id')
    }
    return changed ?? CLEAN
  }
}
