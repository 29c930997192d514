import { parseRetryAfter } from '../../delivery/retryPolicy.js'
import type { SendResult, Transport } from '../../delivery/types.js'

/** A collector running in the same process: anything with the collector's Web-standard `fetch` handler. */
export interface InProcessCollector {
  fetch(request: Request): Promise<Response>
  /** The base path its routes live under, when it says (default `/api/analytics`). */
  readonly basePath?: string
}

/**
 * A transport that hands batches to a collector in the same process, through its `fetch` handler:
 * the same ingest path (parsing, deduplication, enrichment, durable write) as a batch arriving over
 * HTTP, without a socket. A 2xx means the batch is durable in the collector's store.
 *
 * @example
 * const collector = createCollector({ store: duckdbStore({ path: '.instrumentkit/events.duckdb' }) })
 * const analytics = createServerAnalytics({ transport: collectorTransport(collector) })
 */
export function collectorTransport(
  collector: InProcessCollector,
  options: { basePath?: string } = {},
): Transport {
  const base = (options.basePath ?? collector.basePath ?? '/api/analytics').replace(/\/$/, '')
  const url = `http://in-process${base}/batch`
  return {
    name: 'collector',
    async send(batch, body = JSON.stringify(batch)): Promise<SendResult> {
      try {
        const response = await collector.fetch(
          new Request(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } }),
        )
        await response.body?.cancel().catch(() => {})
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
        return {
          ok: response.ok,
          status: response.status,
          ...(retryAfterMs !== undefined && { retryAfterMs }),
        }
      } catch (error) {
        // a handler that throws is treated like a network error: the batch is retried
        return { ok: false, error: String(error) }
      }
    },
  }
}
