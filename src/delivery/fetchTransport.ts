import { encodeBatch, utf8Length } from './encodeBatch.js'
import { gzip } from './gzip.js'
import { parseRetryAfter } from './retryPolicy.js'
import { sendOnExit } from './sendOnExit.js'
import type { SendResult, Transport } from './types.js'

/** Options of `fetchTransport`. */
export interface FetchTransportOptions {
  /** The collector endpoint, e.g. `/api/analytics/batch` or `https://collect.example.com/v1/batch`. */
  url: string
  /**
   * Headers added to normal sends (never to page-exit sends). Any header outside the CORS safelist makes
   * a cross-origin request non-simple, so the browser sends a preflight first; prefer the body's
   * `write_key` for authentication.
   */
  headers?: Record<string, string>
  /**
   * Bodies larger than this many bytes are gzipped with `CompressionStream` where the runtime has it and
   * sent to `url?compression=gzip` (default 1,024; `false` never compresses).
   */
  compressAbove?: number | false
  /** The `fetch` to use (default the global one, looked up at send time). */
  fetch?: typeof fetch
}

/**
 * Sends batches with `fetch` as CORS-simple requests: `POST`, a `text/plain` body holding the JSON wire
 * format, no custom header unless you add one. Large bodies are gzipped and flagged by the
 * `compression=gzip` query parameter (a collector can also sniff the gzip magic bytes `1f 8b`). At page
 * exit it uses `navigator.sendBeacon`, or `fetch` with `keepalive`, uncompressed.
 *
 * @example
 * createAnalytics({ transport: fetchTransport({ url: '/api/analytics/batch' }) })
 */
export function fetchTransport(options: FetchTransportOptions): Transport {
  const { url } = options
  const zipped = `${url}${url.includes('?') ? '&' : '?'}compression=gzip`
  return {
    name: 'fetch',
    url,
    async send(batch, body = encodeBatch(batch)): Promise<SendResult> {
      const run = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch
      if (typeof run !== 'function') return { ok: false, error: 'fetch is not available' }
      let payload: string | Uint8Array = body
      let bytes = utf8Length(body)
      let target = url
      const above = options.compressAbove ?? 1_024
      if (above !== false && bytes > above) {
        const packed = await gzip(body)
        if (packed) {
          payload = packed
          bytes = packed.byteLength
          target = zipped
        }
      }
      try {
        const response = await run(target, {
          method: 'POST',
          body: payload as BodyInit,
          headers: { 'content-type': 'text/plain', ...options.headers },
        })
        // the body is never read; cancelling it frees the connection at once in Node's fetch
        response.body?.cancel().catch(() => {})
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
        return {
          ok: response.ok,
          status: response.status,
          bytes,
          ...(retryAfterMs !== undefined && { retryAfterMs }),
        }
      } catch (error) {
        return { ok: false, error: String(error), bytes }
      }
    },
    sendOnExit: (batch, body = encodeBatch(batch)) => sendOnExit(url, body),
  }
}
