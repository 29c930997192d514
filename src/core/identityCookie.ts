/** Options of the first-party identity cookie (`identityCookie` option of `createAnalytics`). */
export interface IdentityCookieOptions {
  /** Cookie name (default `ik_id`). */
  name?: string
  /** `Domain` attribute, to share the ids with subdomains (default: this host only). */
  domain?: string
  /** Lifetime in days (default 365). */
  maxAgeDays?: number
}

/** The default name of the identity cookie; `readIdentity(request)` reads it on the server. */
export const IDENTITY_COOKIE = 'ik_id'

/**
 * Writes `<anonymous id>.<session id>` (each URI-encoded) to a first-party cookie, so that the server
 * can attribute its own events to the same visitor and session. Returns false where there is no document.
 */
export function writeIdentityCookie(
  options: IdentityCookieOptions,
  anonymousId: string,
  sessionId: string,
): boolean {
  const doc = (globalThis as { document?: { cookie: string } }).document
  if (!doc) return false
  const secure = (globalThis as { location?: Location }).location?.protocol === 'https:'
  try {
    doc.cookie = `${options.name ?? IDENTITY_COOKIE}=${encodeURIComponent(anonymousId)}.${encodeURIComponent(sessionId)}; Path=/; Max-Age=${Math.round((options.maxAgeDays ?? 365) * 86_400)}; SameSite=Lax${options.domain ? `; Domain=${options.domain}` : ''}${secure ? '; Secure' : ''}`
    return true
  } catch {
    // sandboxed documents may refuse cookies; the ids still live in storage
    return false
  }
}
