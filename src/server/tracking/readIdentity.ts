import { IDENTITY_COOKIE } from '../../core/keepIdentityCookie.js'

/** The browser's ids as its identity cookie carries them. */
export interface BrowserIdentity {
  /** The browser's anonymous id: use it as the server event's `anonymous_id`. */
  anonymousId: string
  /** The browser's current session, or undefined when the cookie has none. */
  sessionId?: string
}

/** Anything a request's cookies can be read from. */
export type RequestWithCookies =
  | Request
  | {
      /** Web-standard headers (Fetch API, Next.js, Hono). */
      headers: Headers
    }
  | {
      /** Node's `IncomingMessage` headers (node:http, Express, Fastify). */
      headers: Record<string, string | string[] | undefined>
    }
  | string
  | null
  | undefined

/**
 * Reads the anonymous id and session id the browser client keeps in its first-party cookie (created with
 * `keepIdentityCookie(analytics)`), from a fetch `Request`, a Node/Express request or a raw `Cookie` header. Pass
 * the result as the identity of server-side calls so they join the visitor's funnel, session and
 * experiments. Returns undefined when there is no readable cookie; never throws.
 *
 * @example
 * const visitor = readIdentity(request)
 * analytics.track('purchase_completed', { order_value }, { userId: session.userId, ...visitor })
 */
export function readIdentity(
  request: RequestWithCookies,
  options: { cookieName?: string } = {},
): BrowserIdentity | undefined {
  try {
    const header = cookieHeader(request)
    if (!header) return undefined
    const name = options.cookieName ?? IDENTITY_COOKIE
    for (const part of header.split(';')) {
      const eq = part.indexOf('=')
      if (eq < 0 || part.slice(0, eq).trim() !== name) continue
      const value = part.slice(eq + 1).trim()
      // session ids never hold a dot, while an anonymous id handed over by an app might
      const dot = value.lastIndexOf('.')
      const anonymousId = decodeURIComponent(dot < 0 ? value : value.slice(0, dot))
      const sessionId = dot < 0 ? '' : decodeURIComponent(value.slice(dot + 1))
      if (!anonymousId) return undefined
      return sessionId ? { anonymousId, sessionId } : { anonymousId }
    }
  } catch {
    // a malformed cookie (bad percent-encoding) is no identity
  }
  return undefined
}

function cookieHeader(request: RequestWithCookies): string | undefined {
  if (typeof request === 'string') return request
  const headers = request?.headers
  if (!headers) return undefined
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get('cookie') ?? undefined
  const value = (headers as Record<string, string | string[] | undefined>).cookie
  return Array.isArray(value) ? value.join('; ') : value
}
