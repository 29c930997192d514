import { parseRetryAfter } from '../../delivery/retryPolicy.js'
import type { SendResult, Transport } from '../../delivery/types.js'

/** A collector running in the same process: anything with the collector's Web-standard `fetch` handler. */
export interface InProcessCollector {
  /** The collector's Web-standard handler; `POST <basePath>/batch` is called when there is no `ingest`. */
  fetch(request: Request): Promise<Response>
  /** The collector's in-process ingest (same rules as `POST /batch`), used when present. */
  ingest?(batch: unknown): Promise<unknown>
  /** The base path its routes live under, when it says (default `/api/analytics`). */
  readonly basePath?: string
}

/**
 * A transport that hands batches to a collector in the same process, through its `ingest` (or, for a
 * handler without one, its `fetch`): the same path (checks, deduplication, enrichment, durable write)
 * as a batch arriving over HTTP, without a socket. Success means the batch is durable in its store.
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
      if (typeof collector.ingest === 'function') {
        try {
          await collector.ingest(body)
          return { ok: true, status: 200 }
        } catch (error) {
          return refusal(error)
        }
      }
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

// the collector refuses with an error carrying the status it would answer over HTTP; a refusal without
// one named a malformed batch (400); anything else (a store that failed) is retried like a network error
function refusal(error: unknown): SendResult {
  const { status, reason, headers } = (error ?? {}) as {
    status?: unknown
    reason?: unknown
    headers?: Record<string, string>
  }
  const code = typeof status === 'number' ? status : typeof reason === 'string' ? 400 : undefined
  if (code === undefined) return { ok: false, error: String(error) }
  const retryAfterMs = parseRetryAfter(headers?.['retry-after'])
  return {
    ok: false,
    status: code,
    error: String(error),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
  }
}
