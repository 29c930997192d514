import type { SafeStore } from '../lib/storage.js'
import type { EventContext, PageContext, UserAgentData } from './types.js'

/** The name and version sent in every event's `context.library`. */
export const LIBRARY = { name: 'instrumentkit', version: '0.1.0' } as const

interface Browserish {
  navigator?: {
    userAgent?: string
    language?: string
    userAgentData?: UserAgentData
  }
  screen?: { width?: number; height?: number }
  location?: { href: string; pathname: string; search: string }
  document?: { title: string; referrer: string }
  process?: { versions?: { node?: string } }
  importScripts?: unknown
}

// what never changes during a page's life: computed when the client is made, never at import
function staticContext(): EventContext {
  const { navigator: nav, document: doc, screen, importScripts, process } = globalThis as Browserish
  const platform = doc ? 'web' : importScripts ? 'worker' : process?.versions?.node && 'node'
  const hints = nav?.userAgentData
  const ctx: EventContext = { library: LIBRARY }
  if (platform) ctx.platform = platform
  // browser, system and device are derived by the collector, which keeps its parser up to date
  if (nav?.userAgent && platform !== 'node') {
    ctx.user_agent = nav.userAgent
    // the low-entropy hints only: the object also carries methods
    if (hints)
      ctx.user_agent_data = {
        brands: hints.brands?.map(({ brand, version }) => ({ brand, version })),
        mobile: hints.mobile,
        platform: hints.platform,
      }
  }
  if (screen?.width && screen.height) ctx.screen_resolution = `${screen.width}x${screen.height}`
  if (doc?.referrer) ctx.referrer = doc.referrer
  ctx.locale = nav?.language
  try {
    const intl = Intl.DateTimeFormat().resolvedOptions()
    ctx.locale ||= intl.locale
    ctx.timezone = intl.timeZone
  } catch {
    // Intl without time zone data (some embedded runtimes)
  }
  return ctx
}

/** Gives each event its context. */
export interface ContextCollector {
  /**
   * The page as it is now, read when an event is tracked: the same object while the page stays the same,
   * undefined outside browsers or when the options fix `page`.
   */
  page(): PageContext | undefined
  /**
   * The context of a new event in `sessionId` on `page`. Consecutive events on the same page share one
   * object, so a queued event costs less memory: copy it before adding to it.
   */
  collect(sessionId: string, page: PageContext | undefined): EventContext
}

/**
 * Collects the context of events. The user agent and its client hints, screen, locale and time zone are
 * read once; the page (path, url, title) is read per event, though the title only when the URL changed or
 * a new task began (a burst of events in one task shares one page); the five `utm_*` parameters are taken
 * from the URL a session lands on and kept, through `store`, for the rest of that session (across reloads
 * and tabs). Outside browsers only what has a meaning is present. `extra` is merged last, so it overrides
 * or adds fields (`{ referrer: undefined }` removes one).
 */
export function createContextCollector(extra?: Partial<EventContext>, store?: SafeStore): ContextCollector {
  // read once, when the client is made: the first Intl call alone costs milliseconds in some runtimes
  const statics = staticContext()
  const fixedPage = !!extra && 'page' in extra
  let session: string | undefined
  // the static context with the session's utm parameters and the options' fields
  let fixed: EventContext
  // the context given out last, shared by the events that follow it on the same page
  let last: EventContext | undefined
  let lastFor: PageContext | undefined
  let page: PageContext | undefined
  // whether `page` was read in the current task
  let fresh = false

  return {
    page() {
      const { location, document } = globalThis as Browserish
      if (!location || !document || fixedPage) return undefined
      // one read of the URL per event: a route change within a task shows at once
      const url = location.href
      if (fresh && url === page?.url) return page
      // the title is slow to read in some DOMs: read once per task, as a burst of events shares a page
      const title = document.title
      fresh = true
      // a promise reaction rather than queueMicrotask, which some DOMs (jsdom) wrap at a cost per call
      void Promise.resolve().then(() => {
        fresh = false
      })
      // the same page as the last task's keeps its object, so events trickling in share their context
      if (url !== page?.url || title !== page.title) page = { path: location.pathname, url, title }
      return page
    },
    collect(sessionId, current) {
      if (sessionId !== session) {
        session = sessionId
        const params = new URLSearchParams((globalThis as Browserish).location?.search)
        let utm: Record<string, string> | undefined
        for (const key of ['source', 'medium', 'campaign', 'term', 'content']) {
          const value = params.get(`utm_${key}`)
          if (value) utm = { ...utm, [`utm_${key}`]: value }
        }
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
      }
      if (!last || current !== lastFor) {
        lastFor = current
        // Object.assign, not a spread: adding `page` to a spread copy costs V8 a slow map transition
        last = Object.assign({}, fixed, current && { page: current })
      }
      return last
    },
  }
}
