import { utf8Length } from './encodeBatch.js'
import { parseRetryAfter } from './retryPolicy.js'
import type { SendResult } from './types.js'

/**
 * POSTs a body with `fetch` and reads the answer as a `SendResult`: status, `Retry-After`, and the bytes
 * sent; with `keepalive` the request outlives the page (bodies up to 64 KB in flight, browsers enforce). Never throws: a network error, or no answer within `timeoutMs` (the request is aborted), comes
 * back as a failure without a status, which the queue retries.
 */
export async function post(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
  options: { timeoutMs?: number; fetch?: typeof fetch; keepalive?: boolean } = {},
): Promise<SendResult> {
  const bytes = typeof body === 'string' ? utf8Length(body) : body.byteLength
  const run = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch
  if (typeof run !== 'function') return { ok: false, error: 'fetch is not available', bytes }
  const abort = typeof AbortController === 'function' ? new AbortController() : undefined
  // a request that never answers would hold the one slot in flight for good
  const timer = abort && setTimeout(() => abort.abort(), options.timeoutMs ?? 30_000)
  try {
    const response = await run(url, {
      method: 'POST',
      body: body as BodyInit,
      headers,
      ...(options.keepalive && { keepalive: true }),
      ...(abort && { signal: abort.signal }),
    })
    // read to the end, not awaited: an unread body holds the connection in Node's fetch, and a cancelled
    // one shows as a failed request (net::ERR_ABORTED) in the browser's network panel
    response.arrayBuffer().catch(() => {})
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
    return {
      ok: response.ok,
      status: response.status,
      bytes,
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    }
  } catch (error) {
    return { ok: false, error: abort?.signal.aborted ? 'timeout' : String(error), bytes }
  } finally {
    clearTimeout(timer)
  }
}
