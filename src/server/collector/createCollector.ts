import type { EventSchemas } from '../../core/createAnalytics.js'
import { REPORTS, type ReportedExperiment, ReportParamError, runReport } from '../reports/runReport.js'
import type { RejectionRow, Store, WriteSet } from '../stores/types.js'
import { createDedupWindow, type DedupWindowOptions } from './dedupWindow.js'
import { createEnricher } from './enrich.js'
import { createGroupCommit } from './groupCommit.js'
import { type ParsedBatch, parseBatch, ShapeError } from './parseBatch.js'
import { createRateLimiter, type RateLimit } from './rateLimiter.js'
import { BodyError, readBody } from './readBody.js'
import {
  type Arrival,
  type CataloguePolicy,
  type CheckedEvent,
  checkCatalogue,
  type EventLimits,
  rejection,
  toEventRow,
  toMetricRow,
} from './toRows.js'

/** Options of `createCollector`. Only `store` is needed; every other default suits a first deployment. */
export interface CollectorOptions {
  /** Where accepted events go, e.g. `duckdbStore({ path })` or `clickhouseStore({ url })`. */
  store: Store
  /** Path prefix of every route (default `/api/analytics`). */
  basePath?: string
  /** Write keys accepted from the body's `write_key` or Basic auth; when set, any other key gets 401. */
  writeKeys?: readonly string[]
  /**
   * Bearer token for `GET <base>/query/*`. Without one the query routes answer 401; `false` opens them
   * to anyone who can reach the collector (for local development only).
   */
  readToken?: string | false
  /** Origins allowed to send from a browser (CORS); `'*'` allows any. Same-origin requests need none. */
  allowedOrigins?: readonly string[] | '*'
  /** The app's event catalogue (the same validators the clients use), checked for every incoming event. */
  events?: EventSchemas
  /** What to do with unknown and invalid events (default: store them flagged). */
  catalogue?: Partial<CataloguePolicy>
  /** Size limits: batch 512 KB, 5 MB once inflated, event 32 KB, `message_id` 100 characters. */
  limits?: Partial<
    EventLimits & {
      /** Largest request body as sent, in bytes (default 512 KB); larger ones get 413. */
      maxBatchBytes: number
      /** Largest body once gzip is inflated (default 5 MB); a bomb is refused without being inflated whole. */
      maxInflatedBytes: number
      /** Events accepted but not yet durable beyond which new batches get 503 (default 200,000). */
      maxQueuedEvents: number
    }
  >
  /** Events per second per write key (or per address without keys); off unless given. */
  rateLimit?: RateLimit
  /** How long, and for how many ids, duplicates are dropped at ingest (24 h, 1,000,000 ids). */
  dedup?: Partial<DedupWindowOptions>
  /** Keep the sender's IP address in `events.ip` (default false: no address is stored). */
  storeIp?: boolean
  /** Read the sender's address from `X-Forwarded-For` (when behind a proxy you run). */
  trustProxy?: boolean
  /** Experiment definitions, for the experiment reports' variant names and weights, and `plannedDays` for "day N of M". */
  experiments?: readonly ReportedExperiment[]
  /** Called with errors the collector answered for (store failures), for the host's logs. */
  onError?: (error: unknown) => void
  /** Clock, injectable for tests (default `Date.now`). */
  now?: () => number
}

/** What `POST <base>/batch` answers with 200. */
export interface IngestResult {
  /** Always true: a batch refused as a whole is answered with an error status instead. */
  ok: true
  /** Events stored. */
  accepted: number
  /** Events dropped as copies of ones already received (same `message_id`). */
  duplicates: number
  /** Events refused one by one, each with its reason; the rest of the batch was stored. */
  rejected: {
    /** The event's id, when it had a usable one. */
    message_id: string | null
    /** A stable reason code, e.g. `invalid_event`, `event_too_large`. */
    reason: string
    /** What was wrong, in words. */
    detail: string | null
  }[]
}

/** What the sender of a batch is, besides its body. */
export interface IngestMeta {
  /** The write key, when the batch body has none (e.g. from Basic auth). */
  writeKey?: string
  /** The sender's user agent, for browser, OS and bot detection. */
  userAgent?: string
  /** The sender's address: the rate limit's key without write keys, stored only with `storeIp`. */
  ip?: string
}

/** The collector's state, as `GET <base>/health` reports it. */
export interface CollectorHealth {
  /** Whether the collector is started and its store answers. */
  ok: boolean
  /** The store's state: `starting` until its schema is ready, `down` when it does not answer or failed to start. */
  store: 'up' | 'down' | 'starting'
  /** Events answered for, or waiting to be, that are not yet durable. */
  queue_depth: number
  /** Age of the oldest event not yet durable, in milliseconds (0 when none). */
  oldest_unwritten_ms: number
  /** Message ids remembered to drop duplicates at ingest. */
  dedup_window_ids: number
  /** Why the store failed to start, when it did. */
  error?: string
}

/** A Web-standard collector: mount `fetch` in any framework, or `toNodeHandler(collector)` for Node. */
export interface Collector {
  /** Answers every route under the base path; other paths get 404. Never throws. */
  fetch(request: Request, info?: { remoteAddress?: string }): Promise<Response>
  /** Ingests a batch in-process, by the same rules as `POST /batch`; resolves once it is durable. */
  ingest(batch: unknown, meta?: IngestMeta): Promise<IngestResult>
  /** Resolves once the store's schema is ready and recent ids are loaded for dedup. */
  readonly ready: Promise<void>
  /** The collector's state, as `GET <base>/health` answers it. */
  health(): Promise<CollectorHealth>
  /** Stops accepting batches, writes what was already accepted, and closes the store. */
  close(): Promise<void>
  /** The path prefix of every route, e.g. `/api/analytics`. */
  readonly basePath: string
  /** The store it writes to. */
  readonly store: Store
}

/** A request the collector refuses as a whole, with the status and reason it answers. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly events = 0,
  ) {
    super(message)
  }
}

const KB = 1024
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }

/**
 * Creates the collector: ingest (`POST <base>/batch`: JSON, gzip and `text/plain` beacons), `GET
 * <base>/health` and the query API (`GET <base>/query/<report>`). A 200 means the batch is durable in
 * the store: concurrent requests share one write (group commit). Duplicates of a `message_id` are
 * dropped within a window at ingest, and stores count each id once again at query time.
 *
 * @example
 * import { createServer } from 'node:http'
 * import { createCollector, duckdbStore, toNodeHandler } from 'instrumentkit/server'
 *
 * const collector = createCollector({ store: duckdbStore({ path: '.instrumentkit/events.duckdb' }) })
 * createServer(toNodeHandler(collector)).listen(8787)
 */
export function createCollector(options: CollectorOptions): Collector {
  const clock = options.now ?? Date.now
  const { store } = options
  const basePath = (options.basePath ?? '/api/analytics').replace(/\/+$/, '')
  const limits = {
    maxBatchBytes: 512 * KB,
    maxInflatedBytes: 5 * KB * KB,
    maxEventBytes: 32 * KB,
    maxMessageIdLength: 100,
    maxQueuedEvents: 200_000,
    ...options.limits,
  }
  const policy: CataloguePolicy = { unknown: 'flag', invalid: 'flag', ...options.catalogue }
  const writeKeys = options.writeKeys?.length ? new Set(options.writeKeys) : undefined
  const dedupOptions = { ms: 24 * 3_600_000, maxIds: 1_000_000, ...options.dedup }
  const dedup = createDedupWindow(dedupOptions, clock)
  const commit = createGroupCommit(store, clock)
  const enrich = createEnricher()
  const limit = options.rateLimit && createRateLimiter(options.rateLimit, clock)
  let closing = false
  let startError: unknown
  let started = false

  const ready = (async () => {
    await store.init()
    const since = clock() - dedupOptions.ms
    dedup.seed(await store.recentMessageIds(since, dedupOptions.maxIds), clock())
    started = true
  })()
  ready.catch((error) => {
    startError = error
    options.onError?.(error)
  })

  const record = (rows: RejectionRow[]) =>
    commit.write({ events: [], metrics: [], rejections: rows }).catch((error) => options.onError?.(error))

  async function accept(batch: ParsedBatch, meta: IngestMeta): Promise<IngestResult> {
    const received = clock()
    const writeKey = batch.write_key ?? meta.writeKey ?? null
    const arrival: Arrival = {
      received_at_ms: received,
      sent_at_ms: batch.sent_at_ms,
      write_key: writeKey,
      ip: options.storeIp ? (meta.ip ?? null) : null,
      userAgent: meta.userAgent ?? '',
    }
    if (writeKeys && !(writeKey && writeKeys.has(writeKey)))
      throw new Refusal(
        401,
        'unauthorized',
        writeKey ? 'unknown write key' : 'a write key is required (body "write_key" or Basic auth)',
        { 'www-authenticate': 'Basic realm="instrumentkit"' },
        batch.events.length,
      )
    if (limit) {
      const wait = limit(writeKey ?? meta.ip ?? '', batch.events.length)
      if (wait)
        throw new Refusal(
          429,
          'rate_limited',
          `too many events for this key; retry in ${wait} s`,
          { 'retry-after': String(wait) },
          batch.events.length,
        )
    }
    if (commit.depth() > limits.maxQueuedEvents)
      throw new Refusal(503, 'overloaded', 'the store is behind; retry shortly', { 'retry-after': '1' })

    const rows: WriteSet = { events: [], metrics: [], rejections: [] }
    const result: IngestResult = { ok: true, accepted: 0, duplicates: 0, rejected: [] }
    const waits: Promise<void>[] = []
    const inBatch = new Set<string>()
    const checked: CheckedEvent[] = []
    // ids are claimed before anything awaits, so a copy in a concurrent request waits for this write
    let settle: { resolve(): void; reject(error: unknown): void } = { resolve() {}, reject() {} }
    const written = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject }
    })
    written.catch(() => {})
    for (let index = 0; index < batch.events.length; index++) {
      const out = toEventRow(batch.events[index], index, arrival, limits, enrich)
      if (!('row' in out)) {
        rows.rejections.push(out)
        continue
      }
      const id = out.row.message_id
      const seen = inBatch.has(id) ? 'stored' : dedup.check(id)
      if (seen === 'new') {
        inBatch.add(id)
        checked.push(out)
      } else {
        result.duplicates++
        if (seen !== 'stored') waits.push(seen)
      }
    }
    for (let index = 0; index < batch.metrics.length; index++) {
      const out = toMetricRow(batch.metrics[index], index, arrival)
      if ('id' in out) rows.metrics.push(out)
      else rows.rejections.push(out)
    }
    dedup.claim([...inBatch], written, received)
    try {
      await writeRows(rows, result, checked, arrival)
      settle.resolve()
    } catch (error) {
      settle.reject(error)
      throw error
    }
    // a copy of an event still being written is acknowledged only once that write succeeded
    await Promise.all(waits)
    return result
  }

  // validates against the catalogue, then writes the batch's rows in the next group commit
  async function writeRows(rows: WriteSet, result: IngestResult, checked: CheckedEvent[], arrival: Arrival) {
    const verdicts = await Promise.all(checked.map((event) => checkCatalogue(event, options.events)))
    for (let i = 0; i < checked.length; i++) {
      const event = checked[i]!
      const { status, error } = verdicts[i]!
      const refused =
        (status === 'unknown' && policy.unknown === 'reject') ||
        (status === 'invalid' && policy.invalid === 'reject')
      if (refused)
        rows.rejections.push(
          rejection(arrival, `${status}_event`, error, event.row.message_id, event.row.event_name),
        )
      else {
        event.row.schema_status = status
        event.row.schema_error = error
        rows.events.push(event.row)
      }
    }
    for (const r of rows.rejections)
      result.rejected.push({ message_id: r.message_id, reason: r.reason, detail: r.detail })
    result.accepted = rows.events.length
    if (rows.events.length || rows.metrics.length || rows.rejections.length) await commit.write(rows)
  }

  async function ingest(body: unknown, meta: IngestMeta = {}): Promise<IngestResult> {
    await ready
    return accept(parseBatch(typeof body === 'string' ? body : JSON.stringify(body)), meta)
  }

  const corsHeaders = (origin: string | null): Record<string, string> | undefined => {
    if (!origin || !options.allowedOrigins) return undefined
    if (options.allowedOrigins !== '*' && !options.allowedOrigins.includes(origin)) return undefined
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'POST, GET, OPTIONS',
      'access-control-allow-headers': 'content-type, content-encoding, authorization',
      'access-control-max-age': '86400',
      vary: 'Origin',
    }
  }

  async function health(): Promise<CollectorHealth> {
    const oldest = commit.oldestQueuedAt()
    const base = {
      queue_depth: commit.depth(),
      oldest_unwritten_ms: oldest === undefined ? 0 : clock() - oldest,
      dedup_window_ids: dedup.size(),
    }
    if (startError) return { ok: false, store: 'down', ...base, error: String(startError) }
    if (!started) return { ok: false, store: 'starting', ...base }
    const up = await store.ping().catch(() => false)
    return { ok: up, store: up ? 'up' : 'down', ...base }
  }

  async function handleBatch(request: Request, url: URL, ip: string | undefined): Promise<Response> {
    const received = clock()
    let events = 0
    let writeKey: string | null = null
    try {
      if (closing) throw new Refusal(503, 'closing', 'the collector is shutting down', { 'retry-after': '5' })
      try {
        await ready
      } catch {
        throw new Refusal(503, 'store_unavailable', 'the store could not be opened', { 'retry-after': '5' })
      }
      const text = await readBody(request, url, {
        maxBytes: limits.maxBatchBytes,
        maxInflatedBytes: limits.maxInflatedBytes,
      })
      const batch = parseBatch(text)
      events = batch.events.length
      writeKey = batch.write_key ?? basicAuthKey(request) ?? null
      const result = await accept(batch, {
        writeKey: writeKey ?? undefined,
        userAgent: request.headers.get('user-agent') ?? '',
        ip,
      })
      return Response.json(result, { headers: JSON_HEADERS })
    } catch (error) {
      const refusal =
        error instanceof Refusal
          ? error
          : error instanceof BodyError
            ? new Refusal(error.status, error.reason, error.message)
            : error instanceof ShapeError
              ? new Refusal(400, error.reason, error.message)
              : undefined
      if (!refusal) {
        options.onError?.(error)
        return Response.json(
          { ok: false, error: 'the batch could not be stored; retry' },
          { status: 503, headers: { ...JSON_HEADERS, 'retry-after': '1' } },
        )
      }
      if (refusal.status !== 503)
        await record([
          {
            received_at_ms: received,
            write_key: writeKey,
            message_id: null,
            event_name: null,
            reason: refusal.reason,
            detail: refusal.message,
            events: refusal.events || events,
          },
        ])
      return Response.json(
        { ok: false, error: refusal.message, reason: refusal.reason },
        { status: refusal.status, headers: { ...JSON_HEADERS, ...refusal.headers } },
      )
    }
  }

  async function handleQuery(request: Request, report: string, url: URL): Promise<Response> {
    const token = options.readToken
    const given = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]
    if (token !== false && (!token || given !== token))
      return Response.json(
        {
          ok: false,
          error: token
            ? 'a valid read token is required (Authorization: Bearer …)'
            : 'no read token is configured',
        },
        { status: 401, headers: { ...JSON_HEADERS, 'www-authenticate': 'Bearer realm="instrumentkit"' } },
      )
    if (!REPORTS.includes(report))
      return Response.json(
        { ok: false, error: `unknown report "${report}"; reports: ${REPORTS.join(', ')}` },
        { status: 404, headers: JSON_HEADERS },
      )
    if (store.dialect === 'memory')
      return Response.json(
        {
          ok: false,
          error:
            'memoryStore keeps rows for tests and runs no SQL: use duckdbStore or clickhouseStore for reports',
        },
        { status: 501, headers: JSON_HEADERS },
      )
    try {
      await ready
      const body = await runReport(report, url.searchParams, {
        store,
        experiments: options.experiments ?? [],
        now: clock,
      })
      return Response.json(body, { headers: JSON_HEADERS })
    } catch (error) {
      if (error instanceof ReportParamError)
        return Response.json({ ok: false, error: error.message }, { status: 400, headers: JSON_HEADERS })
      options.onError?.(error)
      return Response.json(
        { ok: false, error: 'the report failed; see the server log' },
        { status: 500, headers: JSON_HEADERS },
      )
    }
  }

  async function route(request: Request, info?: { remoteAddress?: string }): Promise<Response> {
    const url = new URL(request.url)
    const path = url.pathname
    if (path !== basePath && !path.startsWith(`${basePath}/`))
      return Response.json({ ok: false, error: 'not found' }, { status: 404, headers: JSON_HEADERS })
    const sub = path.slice(basePath.length) || '/'
    const origin = request.headers.get('origin')
    const cors = corsHeaders(origin)
    // Next.js hands route handlers a URL built from its own bind address, not the Host the browser used;
    // a proxy that rewrites Host (Vite's `server.proxy` shorthand does) hides it entirely, but the browser
    // still says the page and the request share an origin in Sec-Fetch-Site, which no page can set
    const crossOrigin =
      origin !== null &&
      origin !== url.origin &&
      !sameHost(origin, request.headers.get('host')) &&
      request.headers.get('sec-fetch-site') !== 'same-origin'
    if (request.method === 'OPTIONS')
      return cors
        ? new Response(null, { status: 204, headers: cors })
        : Response.json(
            { ok: false, error: `origin ${origin} is not allowed` },
            { status: 403, headers: JSON_HEADERS },
          )
    let response: Response
    if (crossOrigin && !cors && sub === '/batch' && request.method === 'POST') {
      await record([
        {
          received_at_ms: clock(),
          write_key: null,
          message_id: null,
          event_name: null,
          reason: 'origin_not_allowed',
          detail: `origin ${origin} is not in allowedOrigins`,
          events: 0,
        },
      ])
      response = Response.json(
        { ok: false, error: `origin ${origin} is not allowed`, reason: 'origin_not_allowed' },
        { status: 403, headers: JSON_HEADERS },
      )
    } else if (sub === '/batch')
      response =
        request.method === 'POST'
          ? await handleBatch(request, url, clientAddress(request, info))
          : methodNotAllowed('POST, OPTIONS')
    else if (sub === '/health')
      response =
        request.method === 'GET' || request.method === 'HEAD'
          ? await health().then((h) => Response.json(h, { status: h.ok ? 200 : 503, headers: JSON_HEADERS }))
          : methodNotAllowed('GET, HEAD')
    else if (sub.startsWith('/query/'))
      response =
        request.method === 'GET'
          ? await handleQuery(request, decodeURIComponent(sub.slice('/query/'.length)), url)
          : methodNotAllowed('GET')
    else
      response = Response.json(
        { ok: false, error: `no route ${sub}` },
        { status: 404, headers: JSON_HEADERS },
      )
    if (cors) for (const [k, v] of Object.entries(cors)) response.headers.set(k, v)
    return response
  }

  const clientAddress = (request: Request, info?: { remoteAddress?: string }) =>
    (options.trustProxy && request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()) ||
    info?.remoteAddress ||
    undefined

  return {
    basePath,
    store,
    ready,
    async fetch(request, info) {
      try {
        return await route(request, info)
      } catch (error) {
        options.onError?.(error)
        return Response.json({ ok: false, error: 'internal error' }, { status: 500, headers: JSON_HEADERS })
      }
    },
    ingest,
    health,
    async close() {
      closing = true
      await ready.catch(() => {})
      await commit.drain()
      await store.close()
    },
  }
}

const methodNotAllowed = (allow: string) =>
  Response.json(
    { ok: false, error: `method not allowed; use ${allow}` },
    { status: 405, headers: { ...JSON_HEADERS, allow } },
  )

// Segment-style Basic auth: the write key is the user name, the password is empty
function basicAuthKey(request: Request): string | undefined {
  const match = /^Basic\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')
  if (!match) return undefined
  try {
    return atob(match[1]!).split(':')[0] || undefined
  } catch {
    return undefined
  }
}

function sameHost(origin: string, host: string | null): boolean {
  try {
    return host !== null && new URL(origin).host === host
  } catch {
    return false
  }
}
