import { encodeBatch, utf8Length } from './encodeBatch.js'
import { gzip } from './gzip.js'
import { post } from './post.js'
import { sendOnExit } from './sendOnExit.js'
import type { Transport } from './types.js'

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
  /** Milliseconds to wait for an answer before the request is aborted and retried (default 30,000). */
  timeoutMs?: number
  /** The `fetch` to use (default the global one, looked up at send time). */
  fetch?: typeof fetch
}

// the browser lets 64 KB of keepalive bodies be in flight per page; the rest is left for page-exit beacons
const KEEPALIVE = 48_000

/**
 * Sends batches with `fetch` as CORS-simple requests: `POST`, a `text/plain` body holding the JSON wire
 * format, no custom header unless you add one. Large bodies are gzipped and flagged by the
 * `compression=gzip` query parameter (a collector can also sniff the gzip magic bytes `1f 8b`). Batches
 * under 48 KB go with `keepalive` (unless `headers` are set), so one still on its way when the user leaves still arrives and is not
 * sent again; when the page is only hidden, what is queued goes the same way. When the page is unloaded it
 * uses `navigator.sendBeacon`, or `fetch` with `keepalive`, uncompressed.
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
    async send(batch, body = encodeBatch(batch)) {
      const above = options.compressAbove === false ? Infinity : (options.compressAbove ?? 1_024)
      // encoded once, both to measure the body and as the compressor's input (a character is at most 3 bytes)
      const data =
        body.length * 3 > above && typeof TextEncoder === 'function'
          ? new TextEncoder().encode(body)
          : undefined
      const packed = data && data.length > above ? await gzip(data) : undefined
      return post(
        packed ? zipped : url,
        packed ?? body,
        { 'content-type': 'text/plain', ...options.headers },
        { ...options, keepalive: !options.headers && (data?.length ?? utf8Length(body)) <= KEEPALIVE },
      )
    },
    // a custom header needs a preflight, which a request outliving the page cannot count on
    ...(!options.headers && { keepalive: KEEPALIVE }),
    sendOnExit: (batch, body = encodeBatch(batch)) => sendOnExit(url, body),
  }
}
