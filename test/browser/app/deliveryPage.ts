// The page the delivery suite drives: a client on fetchTransport pointed at the test collector, set up
// from the query string, with helpers the tests call through page.evaluate.
import { createAnalytics, fetchTransport, type PipelineOutcome } from '../../../src/index.js'

const params = new URLSearchParams(location.search)
const errors: string[] = []
addEventListener('error', (e) => errors.push(String(e.message)))
addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)))

const analytics = createAnalytics({
  transport: fetchTransport({ url: params.get('collector') ?? '/batch' }),
  writeKey: 'wk_browser',
  batch: { intervalMs: Number(params.get('interval') ?? 5_000) },
})
const tracked: string[] = []
const outcomes: PipelineOutcome['type'][] = []
analytics.subscribe((o) => {
  outcomes.push(o.type)
  if (o.type === 'tracked') tracked.push(o.event.message_id)
})

const randomText = (n: number) => {
  const bytes = new Uint8Array(n)
  crypto.getRandomValues(bytes)
  return btoa(String.fromCharCode(...bytes)).slice(0, n)
}

const link = document.getElementById('leave') as HTMLAnchorElement
link.href = params.get('next') ?? '/'
link.addEventListener('click', () => analytics.track('link_clicked', { to: link.href }))

Object.assign(window, {
  ik: {
    analytics,
    tracked,
    outcomes,
    errors,
    track(name: string, n = 1, properties: Record<string, unknown> = {}) {
      for (let i = 0; i < n; i++) analytics.track(name, { i, ...properties })
    },
    trackLarge(name: string, kilobytes: number) {
      const properties: Record<string, string> = {}
      for (let i = 0; i * 7 < kilobytes; i++) properties[`blob_${i}`] = randomText(7_000)
      analytics.track(name, properties)
    },
    state: () => analytics.getState(),
    flush: () => analytics.flush(),
    hide() {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
      document.dispatchEvent(new Event('visibilitychange'))
    },
    show() {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' })
      document.dispatchEvent(new Event('visibilitychange'))
    },
    storedKeys: () => Object.keys(localStorage).filter((k) => k.startsWith('ik:q.')),
  },
})
document.body.dataset.ready = 'true'
