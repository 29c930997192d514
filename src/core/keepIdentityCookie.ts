import type { Analytics } from './createAnalytics.js'

/** Options of `keepIdentityCookie`. */
export interface IdentityCookieOptions {
  /** Cookie name (default `ik_id`). */
  name?: string
  /** `Domain` attribute, to share the ids with subdomains (default: this host only). */
  domain?: string
  /** Lifetime in days (default 365). */
  maxAgeDays?: number
}

/** The default name of the identity cookie; `readIdentity(request)` in `instrumentkit/server` reads it. */
export const IDENTITY_COOKIE = 'ik_id'

/**
 * Keeps the client's anonymous id and session id in a first-party cookie (`<anonymous id>.<session id>`,
 * each URI-encoded; `SameSite=Lax`, `Secure` on https), so that the server can attribute its own events
 * to the same visitor and session with `readIdentity(request)`. It writes when called and whenever a
 * tracked event carries other ids, never before consent is granted. Opt-in, so an app that does not
 * call it carries none of its code. Returns the function that stops it; a no-op outside browsers.
 *
 * @example
 * const analytics = createAnalytics({ transport })
 * keepIdentityCookie(analytics)
 */
export function keepIdentityCookie(analytics: Analytics, options: IdentityCookieOptions = {}): () => void {
  const doc = (globalThis as { document?: { cookie: string } }).document
  if (!doc) return () => {}
  const { internals } = analytics
  const secure = (globalThis as { location?: Location }).location?.protocol === 'https:'
  const attributes = `; Path=/; Max-Age=${Math.round((options.maxAgeDays ?? 365) * 86_400)}; SameSite=Lax${options.domain ? `; Domain=${options.domain}` : ''}${secure ? '; Secure' : ''}`
  let written = ''
  const write = (anonymousId: string, sessionId: string | undefined) => {
    if (!anonymousId || internals.consent() !== 'granted') return
    const value = `${encodeURIComponent(anonymousId)}.${encodeURIComponent(sessionId ?? '')}`
    if (value === written) return
    try {
      doc.cookie = `${options.name ?? IDENTITY_COOKIE}=${value}${attributes}`
      written = value
    } catch {
      // sandboxed documents may refuse cookies; the ids still live in storage
    }
  }
  try {
    // the session alive now, if any: a request sent before the next event already carries the ids
    write(internals.identity.anonymousId(), internals.identity.peek(internals.now()))
  } catch {}
  return analytics.subscribe((outcome) => {
    if (outcome.type === 'tracked') write(outcome.event.anonymous_id, outcome.event.session_id)
  })
}
