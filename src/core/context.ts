import type { SafeStore } from '../lib/storage.js'
import type { EventContext } from './types.js'

/** The name and version sent in every event's `context.library`. */
export const LIBRARY = { name: 'instrumentkit', version: '0.1.0' } as const

/** What a user-agent string says about the browser, its system and the device. */
export interface ParsedUserAgent {
  browser?: string
  browser_version?: string
  os?: string
  device_type: 'desktop' | 'mobile' | 'tablet' | 'bot'
}

// order matters: Edge, Opera and Samsung Internet also say "Chrome", and Chrome also says "Safari"
const BROWSERS: [string, RegExp][] = [
  ['Edge', /Edg(?:e|A|iOS)?\/([\d.]+)/],
  ['Opera', /(?:OPR|OPT|Opera)\/([\d.]+)/],
  ['Samsung Internet', /SamsungBrowser\/([\d.]+)/],
  ['Firefox', /(?:Firefox|FxiOS)\/([\d.]+)/],
  ['Chrome', /(?:Chrome|CriOS)\/([\d.]+)/],
  ['Safari', /Version\/([\d.]+).*Safari/],
]
const SYSTEMS: [string, RegExp][] = [
  ['Windows', /Windows/],
  ['iOS', /iPhone|iPad|iPod/],
  ['Android', /Android/],
  ['Chrome OS', /CrOS/],
  ['macOS', /Mac OS X|Macintosh/],
  ['Linux', /Linux|X11/],
]
const BOT = /bot\b|crawl|spider|slurp|headless|lighthouse|facebookexternalhit|preview/i

/**
 * A small user-agent parser: Chrome, Edge, Firefox, Safari, Opera and Samsung Internet; Windows, macOS,
 * iOS, Android, Chrome OS and Linux; desktop, mobile, tablet or bot. Unknown parts are left out.
 *
 * @example
 * parseUserAgent(navigator.userAgent) // { browser: 'Chrome', browser_version: '131.0.0.0', os: 'macOS', device_type: 'desktop' }
 */
export function parseUserAgent(ua: string): ParsedUserAgent {
  const out: ParsedUserAgent = {
    device_type: BOT.test(ua)
      ? 'bot'
      : /iPad|Tablet|PlayBook|Silk|Kindle/.test(ua) || (/Android/.test(ua) && !/Mobile/.test(ua))
        ? 'tablet'
        : /Mobi|iPhone|iPod|Android|Windows Phone/.test(ua)
          ? 'mobile'
          : 'desktop',
  }
  for (const [name, re] of BROWSERS) {
    const m = re.exec(ua)
    if (m) {
      out.browser = name
      out.browser_version = m[1]!
      break
    }
  }
  for (const [name, re] of SYSTEMS) {
    if (re.test(ua)) {
      out.os = name
      break
    }
  }
  return out
}

const UTM = ['source', 'medium', 'campaign', 'term', 'content'].map((key) => `utm_${key}`)

interface Browserish {
  navigator?: {
    userAgent?: string
    language?: string
    maxTouchPoints?: number
    userAgentData?: { mobile?: boolean; platform?: string; brands?: { brand: string; version: string }[] }
  }
  screen?: { width?: number; height?: number }
  location?: { href: string; pathname: string; search: string; hash: string }
  document?: { title: string; referrer: string }
  process?: { versions?: { node?: string } }
  importScripts?: unknown
}

// what never changes during a page's life: computed when the client is made, never at import
function staticContext(): EventContext {
  const g = globalThis as Browserish
  const nav = g.navigator
  const ctx: EventContext = { library: LIBRARY }
  const platform = g.document ? 'web' : g.importScripts ? 'worker' : g.process?.versions?.node && 'node'
  if (platform) ctx.platform = platform
  if (nav?.userAgent && platform !== 'node') {
    const ua = parseUserAgent(nav.userAgent)
    const hints = nav.userAgentData
    // iPadOS 13+ presents itself as a Mac; only the touch screen gives it away
    if (ua.os === 'macOS' && nav.maxTouchPoints! > 1) {
      ua.os = 'iOS'
      ua.device_type = 'tablet'
    }
    if (hints?.mobile && ua.device_type === 'desktop') ua.device_type = 'mobile'
    if (hints?.platform) ua.os = /^Chrome ?OS$/.test(hints.platform) ? 'Chrome OS' : hints.platform
    // the hints name browsers that hide behind Chrome's user agent (Brave)
    const brand = hints?.brands?.find((b) => /Edge|Opera|Brave|Samsung/.test(b.brand))
    const name = brand?.brand.replace('Microsoft ', '')
    if (brand && name !== ua.browser) {
      ua.browser = name
      if (!ua.browser_version?.startsWith(`${brand.version}.`)) ua.browser_version = brand.version
    }
    Object.assign(ctx, ua)
  }
  const { width, height } = g.screen ?? {}
  if (width && height) ctx.screen_resolution = `${width}x${height}`
  if (g.document?.referrer) ctx.referrer = g.document.referrer
  try {
    const intl = Intl.DateTimeFormat().resolvedOptions()
    ctx.locale = nav?.language || intl.locale
    if (intl.timeZone) ctx.timezone = intl.timeZone
  } catch {
    // Intl without time zone data (some embedded runtimes)
    if (nav?.language) ctx.locale = nav.language
  }
  return ctx
}

/** Gives each event its context. */
export interface ContextCollector {
  /**
   * The context of a new event in `sessionId`. Consecutive events on the same page share one object, so
   * a queued event costs less memory: copy it before adding to it.
   */
  collect(sessionId: string): EventContext
}

/**
 * Collects the context of events. Browser, system, screen, locale and time zone are read once; the page
 * (path, url, title) is read per event, though the title only when the URL changed or a new task began
 * (a burst of events in one task shares one page); the five `utm_*` parameters are taken from the URL a session
 * lands on and kept, through `store`, for the rest of that session (across reloads and tabs). Outside
 * browsers only what has a meaning is present. `extra` is merged last, so it overrides or adds fields
 * (`{ referrer: undefined }` removes one).
 */
export function createContextCollector(extra?: Partial<EventContext>, store?: SafeStore): ContextCollector {
  // read once, when the client is made: the first Intl call alone costs milliseconds in some runtimes
  const statics = staticContext()
  let session: string | undefined
  // the static context with the session's utm parameters and the options' fields
  let fixed: EventContext
  // the context given out last, shared by the events that follow it while the page stays the same
  let last: EventContext | undefined
  let lastPage: string[] = []

  return {
    collect(sessionId) {
      const { location, document } = globalThis as Browserish
      if (sessionId !== session) {
        session = sessionId
        const params = new URLSearchParams(location?.search)
        const found = UTM.filter((key) => params.get(key)).map((key) => [key, params.get(key)])
        let utm = found.length ? Object.fromEntries(found) : undefined
        if (utm) store?.set('utm', JSON.stringify({ session: sessionId, utm }))
        else {
          // a reload or another tab of the same session: keep the parameters it landed with
          try {
            const saved = JSON.parse(store!.get('utm')!)
            if (saved.session === sessionId) utm = saved.utm
          } catch {
            // nothing stored: the session simply has no campaign
          }
        }
        fixed = Object.assign({}, statics, utm, extra)
        last = undefined
        lastPage = []
      }
      if (location && document && !(extra && 'page' in extra)) {
        // the parts are cheaper to read than href in some DOMs, and only a change among them needs href
        const { pathname, search, hash } = location
        if (pathname !== lastPage[0] || search !== lastPage[1] || hash !== lastPage[2]) {
          lastPage = [pathname, search, hash]
          // the title is slow to read in some DOMs: read once per task, as a burst of events shares a page
          const page = { path: pathname, url: location.href, title: document.title }
          queueMicrotask(() => {
            lastPage = []
          })
          // Object.assign, not a spread: adding `page` to a spread copy costs V8 a slow map transition
          last = Object.assign({}, fixed, { page })
        }
      }
      last ??= Object.assign({}, fixed)
      return last
    },
  }
}
