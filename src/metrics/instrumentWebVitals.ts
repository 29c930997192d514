import { type Metric, onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals'
import type { Analytics } from '../core/createAnalytics.js'
import type { MetricTags } from './createMetrics.js'
import { metricsOf } from './withMetrics.js'

/** Options of `instrumentWebVitals`. */
export interface InstrumentWebVitalsOptions {
  /** Extra tags for every vital, e.g. the route template: `() => ({ route: currentRoute() })`. */
  tags?: () => MetricTags
}

/** Histogram names of the Core Web Vitals, and the bucket bounds around Google's good/poor thresholds. */
export const WEB_VITALS_METRICS = {
  /** Largest Contentful Paint: when the main content showed (good ≤ 2,500 ms, poor > 4,000 ms). */
  LCP: {
    /** The histogram's name. */
    name: 'web_vitals.lcp.ms',
    /** Its bucket bounds, in milliseconds. */
    bounds: [500, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 7500, 10000],
  },
  /** Interaction to Next Paint: how fast the page answers input (good ≤ 200 ms, poor > 500 ms). */
  INP: {
    /** The histogram's name. */
    name: 'web_vitals.inp.ms',
    /** Its bucket bounds, in milliseconds. */
    bounds: [50, 100, 150, 200, 300, 400, 500, 750, 1000, 2000],
  },
  /** Cumulative Layout Shift: how much the layout moved, unitless (good ≤ 0.1, poor > 0.25). */
  CLS: {
    /** The histogram's name. */
    name: 'web_vitals.cls.score',
    /** Its bucket bounds, in score. */
    bounds: [0, 0.01, 0.05, 0.1, 0.15, 0.25, 0.5, 1],
  },
  /** First Contentful Paint: when anything showed (good ≤ 1,800 ms, poor > 3,000 ms). */
  FCP: {
    /** The histogram's name. */
    name: 'web_vitals.fcp.ms',
    /** Its bucket bounds, in milliseconds. */
    bounds: [300, 600, 1000, 1400, 1800, 2400, 3000, 4000, 6000],
  },
  /** Time to First Byte: when the document started to arrive (good ≤ 800 ms, poor > 1,800 ms). */
  TTFB: {
    /** The histogram's name. */
    name: 'web_vitals.ttfb.ms',
    /** Its bucket bounds, in milliseconds. */
    bounds: [100, 200, 400, 600, 800, 1200, 1800, 3000, 5000],
  },
} as const

/**
 * Records LCP, INP, CLS, FCP and TTFB, measured by Google's `web-vitals`, as histograms
 * (`web_vitals.lcp.ms`, `web_vitals.inp.ms`, `web_vitals.cls.score`, `web_vitals.fcp.ms`,
 * `web_vitals.ttfb.ms`) tagged with `rating` and `navigation_type`. Each is reported once it is final
 * (LCP, CLS and INP when the page is hidden). Returns the function that stops recording.
 *
 * @example
 * const stop = instrumentWebVitals(analytics)
 */
export function instrumentWebVitals(
  analytics: Analytics,
  options: InstrumentWebVitalsOptions = {},
): () => void {
  if (typeof document === 'undefined') return () => {}
  const metrics = metricsOf(analytics)
  let active = true
  const record = (metric: Metric) => {
    if (!active) return
    const vital = WEB_VITALS_METRICS[metric.name]
    if (!vital) return
    let extra: MetricTags | undefined
    try {
      extra = options.tags?.()
    } catch {
      extra = undefined
    }
    metrics.histogram(vital.name, metric.value, {
      ...extra,
      rating: metric.rating,
      navigation_type: metric.navigationType,
    })
  }
  for (const vital of Object.values(WEB_VITALS_METRICS)) metrics.setHistogramBounds(vital.name, vital.bounds)
  for (const subscribe of [onLCP, onINP, onCLS, onFCP, onTTFB]) {
    try {
      subscribe(record)
    } catch {
      // an unsupported browser API must not break the app
    }
  }
  // web-vitals offers no unsubscribe; its observers stay, but nothing is recorded after this
  return () => {
    active = false
  }
}
