import type { IncomingMessage, ServerResponse } from 'node:http'
import { resolve } from 'node:path'
import { type Collector, createCollector, duckdbStore, type Store, toNodeHandler } from '../../src/server.js'
import { checkoutFlow } from '../src/experiments.js'

/** How the playground collector answers, so delivery can be watched under failure. */
export type CollectorMode = 'ok' | 'down' | 'error_503' | 'rate_limited' | 'slow'

/** Where the playground keeps its events: a DuckDB file in a git-ignored folder, or `$PLAYGROUND_DB`. */
export const PLAYGROUND_DB =
  process.env.PLAYGROUND_DB ?? resolve(import.meta.dirname, '../.data/events.duckdb')

interface StoredRow {
  message_id: string
  event_name: string
  timestamp_ms: number
  received_at_ms: number
  seq: number
  anonymous_id: string
  session_id: string
  user_id: string | null
  properties: string
  context: string
  browser: string | null
  os: string | null
  device_type: string | null
}

/**
 * The real collector (`instrumentkit/server`) over a DuckDB file, mounted in the playground's dev
 * server at `/api/analytics`, plus three playground-only routes in front of it:
 * `GET /api/analytics/received` reads back what the store holds (newest sessions first),
 * `POST /api/analytics/mode` makes ingest fail on purpose, and `POST /api/analytics/reset` starts the
 * panel afresh (rows stay in the file; the panel shows what arrived after the reset).
 */
export function createPlaygroundCollector(store: Store = duckdbStore({ path: PLAYGROUND_DB })) {
  const collector: Collector = createCollector({
    store,
    readToken: false,
    // the dashboard's experiment view reads variant order, weights and "day N of 14" from the definition
    experiments: [{ ...checkoutFlow, plannedDays: 14 }],
    onError: (error) => console.error('[playground collector]', error),
  })
  let mode: CollectorMode = 'ok'
  let since = 0
  let batches = 0
  let duplicates = 0

  // counts batches and duplicates from the collector's own answers
  const counted = toNodeHandler({
    basePath: collector.basePath,
    async fetch(request, info) {
      const response = await collector.fetch(request, info)
      if (response.status === 200 && new URL(request.url).pathname.endsWith('/batch')) {
        const body = (await response.clone().json()) as { duplicates?: number }
        batches++
        duplicates += body.duplicates ?? 0
      }
      return response
    },
  })

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  const readJson = async (req: IncomingMessage) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>
  }

  async function received() {
    const rows = await store.query<StoredRow>(
      `SELECT message_id, event_name, timestamp_ms, received_at_ms, seq, anonymous_id, session_id, user_id,
              properties, context, browser, os, device_type
       FROM events_unique WHERE received_at_ms >= {since}
       ORDER BY received_at_ms DESC, session_id, seq DESC LIMIT 500`,
      { since },
    )
    const metrics = await store.query<{ id: string; name: string; type: string; tags: string }>(
      `SELECT id, name, type, tags FROM metric_points_unique WHERE received_at_ms >= {since}
       ORDER BY received_at_ms DESC LIMIT 500`,
      { since },
    )
    const [raw] = await store.query<{ n: number }>(
      'SELECT count(*) - count(DISTINCT id) AS n FROM metric_points WHERE received_at_ms >= {since}',
      { since },
    )
    return {
      batches,
      duplicates,
      metric_duplicates: raw?.n ?? 0,
      mode,
      store: 'DuckDB',
      events: rows.reverse().map((row) => ({
        ...row,
        timestamp: new Date(row.timestamp_ms).toISOString(),
        received_at: new Date(row.received_at_ms).toISOString(),
        properties: JSON.parse(row.properties) as Record<string, unknown>,
        context: JSON.parse(row.context) as Record<string, unknown>,
      })),
      metrics: metrics.map((m) => ({ ...m, tags: JSON.parse(m.tags) as Record<string, string> })),
    }
  }

  /** Connect-style middleware; calls `next` for paths it does not serve. */
  const middleware = async (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    try {
      if (url.pathname === '/api/analytics/received' && req.method === 'GET')
        return json(res, 200, await received())
      if (url.pathname === '/api/analytics/mode' && req.method === 'POST') {
        const body = await readJson(req)
        if (typeof body.mode === 'string') mode = body.mode as CollectorMode
        return json(res, 200, { mode })
      }
      if (url.pathname === '/api/analytics/reset' && req.method === 'POST') {
        since = Date.now()
        batches = 0
        duplicates = 0
        mode = 'ok'
        return json(res, 200, { ok: true })
      }
      if (url.pathname === '/api/analytics/batch' && req.method === 'POST' && mode !== 'ok') {
        if (mode === 'down') return void req.socket.destroy()
        if (mode === 'error_503') return json(res, 503, { error: 'collector unavailable (simulated)' })
        if (mode === 'rate_limited')
          return json(res, 429, { error: 'slow down (simulated)' }, { 'retry-after': '3' })
        await new Promise((r) => setTimeout(r, 2_000))
      }
    } catch (error) {
      return json(res, 500, { error: String(error) })
    }
    return counted(req, res, next)
  }
  return { middleware, collector, close: () => collector.close() }
}
