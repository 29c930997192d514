import { encodeBatch, utf8Length } from './encodeBatch.js'
import { sendOnExit } from './sendOnExit.js'
import type { Transport } from './types.js'

/**
 * Sends every batch with `navigator.sendBeacon` (or a `keepalive` fetch where it refuses). The browser
 * delivers beacons even after the page is gone, but the page never sees the answer: a batch counts as
 * sent once the browser accepted it (status 0), so 5xx and 429 answers are not retried. Batches are cut
 * under 60 KB to stay inside the browser's 64 KB in-flight quota. Prefer `fetchTransport`, which already
 * uses beacons at page exit; this one suits pages that live for a few seconds (redirect and landing pages).
 *
 * @example
 * const analytics = createAnalytics({ transport: beaconTransport({ url: '/api/analytics/batch' }) })
 */
export function beaconTransport(options: { url: string }): Transport {
  const { url } = options
  return {
    name: 'beacon',
    url,
    maxBatchBytes: 60_000,
    async send(batch, body = encodeBatch(batch)) {
      return sendOnExit(url, body)
        ? { ok: true, status: 0, bytes: utf8Length(body) }
        : { ok: false, error: 'the browser refused the beacon' }
    },
    sendOnExit: (batch, body = encodeBatch(batch)) => sendOnExit(url, body),
  }
}
