import type { Analytics } from '../core/createAnalytics.js'
import { collapseEndpoint } from './collapseEndpoint.js'
import { metricsOf } from './withMetrics.js'

/** Options of `instrumentEngagement`. */
export interface InstrumentEngagementOptions {
  /** Milliseconds without interaction after which the user no longer counts as active (default 15,000). */
  idleMs?: number
  /** The `page` tag (default: `location.pathname` with ids collapsed). */
  page?: () => string
}

/** Names and bucket bounds (1 s to 30 min) of the engagement histograms. */
export const ENGAGEMENT_METRICS = {
  /** Time a page was visible, per visit (histogram). */
  timeOnPage: 'engagement.time_on_page.ms',
  /** Time a page was visible and interacted with in the last `idleMs`, per visit (histogram). */
  activeTime: 'engagement.active_time.ms',
  /** Bucket bounds of both, in milliseconds. */
  bounds: [1_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000],
} as const

const INTERACTIONS = ['pointerdown', 'keydown', 'scroll', 'wheel', 'touchstart', 'mousemove'] as const

interface Segment {
  page: string
  start: number
  active: number
  accruedTo: number
  activeUntil: number
}

/**
 * Records, for each visit of a page, the time it was visible (`engagement.time_on_page.ms`) and the
 * active time (`engagement.active_time.ms`: visible and interacted with in the last `idleMs`), tagged
 * with `page`. A visit ends when the page is hidden or another page is viewed (`page_viewed` with a
 * new path) and starts again when it is shown. Returns the function that stops listening; the visit
 * in progress is left unrecorded (so React StrictMode's rehearsal unmount of a component that
 * instruments in an effect records nothing).
 *
 * @example
 * const stop = instrumentEngagement(analytics, { idleMs: 30_000 })
 */
export function instrumentEngagement(
  analytics: Analytics,
  options: InstrumentEngagementOptions = {},
): () => void {
  const win = globalThis as {
    addEventListener?: typeof addEventListener
    removeEventListener?: typeof removeEventListener
    location?: Location
  }
  if (typeof document === 'undefined' || typeof win.addEventListener !== 'function') return () => {}
  const { internals } = analytics
  const metrics = metricsOf(analytics)
  const idleMs = options.idleMs ?? 15_000
  let segment: Segment | undefined

  const visible = () => document.visibilityState !== 'hidden'
  const pageOf = () => {
    try {
      return options.page?.() ?? collapseEndpoint(win.location?.pathname ?? '')
    } catch {
      return ''
    }
  }

  const begin = (t: number) => {
    segment = { page: pageOf(), start: t, active: 0, accruedTo: t, activeUntil: t + idleMs }
  }

  const accrue = (s: Segment, t: number) => {
    const end = Math.min(t, s.activeUntil)
    if (end > s.accruedTo) s.active += end - s.accruedTo
    if (t > s.accruedTo) s.accruedTo = t
  }

  const end = (t: number) => {
    const s = segment
    if (!s) return
    segment = undefined
    accrue(s, t)
    const total = t - s.start
    if (total <= 0) return
    const tags = { page: s.page }
    metrics.histogram(ENGAGEMENT_METRICS.timeOnPage, total, tags)
    metrics.histogram(ENGAGEMENT_METRICS.activeTime, s.active, tags)
  }

  const onInteraction = () => {
    const t = internals.now()
    if (!segment) {
      if (visible()) begin(t)
      return
    }
    accrue(segment, t)
    segment.activeUntil = t + idleMs
  }

  const onVisibility = () => {
    const t = internals.now()
    if (!visible()) end(t)
    else if (!segment) begin(t)
  }

  const onPageHide = () => end(internals.now())

  const onPageShow = (event: Event) => {
    if ((event as PageTransitionEvent).persisted && visible() && !segment) begin(internals.now())
  }

  const unsubscribe = internals.observe((outcome) => {
    if (outcome.type !== 'tracked' || outcome.event.event_name !== 'page_viewed' || !segment) return
    if (pageOf() === segment.page) return
    const t = internals.now()
    end(t)
    begin(t)
  })

  metrics.setHistogramBounds(ENGAGEMENT_METRICS.timeOnPage, ENGAGEMENT_METRICS.bounds)
  metrics.setHistogramBounds(ENGAGEMENT_METRICS.activeTime, ENGAGEMENT_METRICS.bounds)
  if (visible()) begin(internals.now())

  // capture on window runs before the delivery's page-exit listeners, so the visit leaves with them
  const passive = { capture: true, passive: true }
  win.addEventListener('visibilitychange', onVisibility, true)
  win.addEventListener('pagehide', onPageHide, true)
  win.addEventListener('pageshow', onPageShow, true)
  for (const type of INTERACTIONS) win.addEventListener(type, onInteraction, passive)

  return () => {
    unsubscribe()
    win.removeEventListener?.('visibilitychange', onVisibility, true)
    win.removeEventListener?.('pagehide', onPageHide, true)
    win.removeEventListener?.('pageshow', onPageShow, true)
    for (const type of INTERACTIONS) win.removeEventListener?.(type, onInteraction, passive)
    segment = undefined
  }
}
