// The page bench/flush.mjs drives: queue N events while offline behind a fetchTransport pointed at the
// local collector, then flush them all once online.
import { type AnalyticsEvent, createAnalytics, fetchTransport, withMetrics } from '../../../src/index.js'

const params = new URLSearchParams(location.search)

Object.assign(window, {
  bench: {
    async queue(n: number) {
      const analytics = createAnalytics({
        transport: fetchTransport({
          url: params.get('collector') ?? '/batch',
          ...(params.get('gzip') === '0' && { compressAbove: false }),
        }),
        ...(params.get('persist') === '0' && { persistence: false }),
        metrics: withMetrics(params.get('metrics') === '0' ? { health: false } : {}),
        batch: { intervalMs: 3_600_000 },
        naming: 'off',
      })
      const events: AnalyticsEvent[] = []
      analytics.subscribe((o) => {
        if (o.type === 'queued') events.push(o.event)
      })
      const t0 = performance.now()
      // session_started is the first event: n in all fills the default 10,000-event queue exactly
      for (let i = 1; i < n; i++)
        analytics.track('product_viewed', {
          product_id: `sku_${10_000 + (i % 500)}`,
          price: 19.99,
          currency: 'USD',
          position: i % 20,
          list: 'search',
        })
      const trackMs = performance.now() - t0
      // let the queue serialize and store the burst before anything is measured
      await new Promise((r) => setTimeout(r, 50))
      Object.assign(window, { analytics, events })
      return { trackMs, queued: analytics.getState().queueSize }
    },
    /** Starts the clock before the page goes back online. */
    arm() {
      Object.assign(window, { t0: performance.now() })
    },
    async flush() {
      const w = window as unknown as { analytics: ReturnType<typeof createAnalytics>; t0: number }
      await w.analytics.flush()
      return { wallMs: performance.now() - w.t0, state: w.analytics.getState() }
    },
    /** The same events as 100-event bodies, serialized ahead of time for `rawSend`. */
    prepareRaw() {
      const { events } = window as unknown as { events: AnalyticsEvent[] }
      const bodies: string[] = []
      for (let i = 0; i < events.length; i += 100)
        bodies.push(JSON.stringify({ sent_at: new Date().toISOString(), events: events.slice(i, i + 100) }))
      Object.assign(window, { bodies })
    },
    /** Posts the prepared bodies one after another with bare fetch: the floor any SDK pays for the requests. */
    async rawSend() {
      const { bodies } = window as unknown as { bodies: string[] }
      const url = params.get('collector') ?? '/batch'
      for (const body of bodies)
        await fetch(url, { method: 'POST', body, headers: { 'content-type': 'text/plain' } })
    },
    /** JSON.stringify of the queued events in one call: the median of five. */
    baseline() {
      const { events } = window as unknown as { events: AnalyticsEvent[] }
      const times: number[] = []
      let bytes = 0
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now()
        bytes = JSON.stringify({ sent_at: new Date().toISOString(), events }).length
        times.push(performance.now() - t0)
      }
      return { stringifyMs: times.sort((a, b) => a - b)[2], bytes }
    },
  },
})
document.body.dataset.ready = 'true'
