import type { IncomingMessage, ServerResponse } from 'node:http'
import { gunzipSync } from 'node:zlib'

/** How the playground collector answers, so delivery can be watched under failure. */
export type CollectorMode = 'ok' | 'down' | 'error_503' | 'rate_limited' | 'slow'

interface ReceivedEvent {
  message_id: string
  event_name: string
  timestamp: string
  received_at: string
  [key: string]: unknown
}

/**
 * A small, replaceable collector for the playground: it accepts the kit's batches at
 * `/api/analytics/batch`, deduplicates events on `message_id` (and metric points on their `id`), and
 * shows what it received at
 * `/api/analytics/received`. `POST /api/analytics/mode` with `{ "mode": … }` makes it fail on purpose.
 */
export function createCollector() {
  const events = new Map<string, ReceivedEvent>()
  // metric points carry an id kept through retries, so they are deduplicated like events
  const metrics = new Map<string, { id?: string }>()
  let batches = 0
  let duplicates = 0
  let metricDuplicates = 0
  let anonymousPoints = 0
  let mode: CollectorMode = 'ok'

  const readBody = async (req: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      ...headers,
    })
    res.end(JSON.stringify(body))
  }

  /** Connect-style middleware; calls `next` for paths it does not serve. */
  const middleware = async (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    try {
      if (url.pathname === '/api/analytics/batch' && req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-headers': 'content-type',
        })
        return res.end()
      }
      if (url.pathname === '/api/analytics/batch' && req.method === 'POST') {
        if (mode === 'down') {
          req.socket.destroy()
          return
        }
        if (mode === 'error_503') return json(res, 503, { error: 'collector unavailable (simulated)' })
        if (mode === 'rate_limited')
          return json(res, 429, { error: 'slow down (simulated)' }, { 'retry-after': '3' })
        if (mode === 'slow') await new Promise((r) => setTimeout(r, 2_000))
        let raw = await readBody(req)
        const gz =
          url.searchParams.get('compression') === 'gzip' || req.headers['content-encoding'] === 'gzip'
        if (gz || (raw[0] === 0x1f && raw[1] === 0x8b)) raw = gunzipSync(raw)
        const body = JSON.parse(raw.toString('utf8')) as {
          events?: ReceivedEvent[]
          metrics?: { id?: string }[]
        }
        batches++
        for (const event of body.events ?? []) {
          if (events.has(event.message_id)) duplicates++
          else events.set(event.message_id, { ...event, received_at: new Date().toISOString() })
        }
        for (const point of body.metrics ?? []) {
          const id = typeof point.id === 'string' ? point.id : `anonymous:${++anonymousPoints}`
          if (metrics.has(id)) metricDuplicates++
          else metrics.set(id, point)
        }
        for (const id of metrics.keys()) {
          if (metrics.size <= 5_000) break
          metrics.delete(id)
        }
        return json(res, 200, { ok: true })
      }
      if (url.pathname === '/api/analytics/received' && req.method === 'GET') {
        return json(res, 200, {
          batches,
          duplicates,
          metric_duplicates: metricDuplicates,
          mode,
          events: [...events.values()],
          metrics: [...metrics.values()],
        })
      }
      if (url.pathname === '/api/analytics/mode' && req.method === 'POST') {
        const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { mode?: CollectorMode }
        if (body.mode) mode = body.mode
        return json(res, 200, { mode })
      }
      if (url.pathname === '/api/analytics/reset' && req.method === 'POST') {
        events.clear()
        metrics.clear()
        batches = 0
        duplicates = 0
        metricDuplicates = 0
        mode = 'ok'
        return json(res, 200, { ok: true })
      }
    } catch (error) {
      return json(res, 400, { error: String(error) })
    }
    next()
  }
  return { middleware }
}
