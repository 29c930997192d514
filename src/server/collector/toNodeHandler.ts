import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { Collector } from './createCollector.js'

type NodeRequest = IncomingMessage & { originalUrl?: string }

/**
 * Serves a collector from `node:http`, Express or Fastify: turns the Node request into a Web `Request`
 * (body streamed, not buffered) and writes the `Response` back. Mount it before any body parser.
 * Requests outside the collector's base path get its 404, or, under Express, go to `next()`.
 *
 * @example
 * createServer(toNodeHandler(collector)).listen(8787)          // node:http
 * app.use(toNodeHandler(collector))                            // Express
 */
export function toNodeHandler(
  collector: Pick<Collector, 'fetch' | 'basePath'>,
): (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void> {
  return async (req: NodeRequest, res, next) => {
    try {
      const path = req.originalUrl ?? req.url ?? '/'
      const pathname = path.split('?')[0] ?? '/'
      if (next && pathname !== collector.basePath && !pathname.startsWith(`${collector.basePath}/`))
        return next()
      const host = req.headers.host ?? '127.0.0.1'
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || name.startsWith(':')) continue
        if (Array.isArray(value)) for (const v of value) headers.append(name, v)
        else headers.set(name, value)
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
      const controller = new AbortController()
      res.on('close', () => controller.abort())
      const request = new Request(`http://${host}${path}`, {
        method: req.method,
        headers,
        signal: controller.signal,
        ...(hasBody && {
          body: Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>,
          duplex: 'half',
        }),
      } as RequestInit)
      const response = await collector.fetch(request, { remoteAddress: req.socket.remoteAddress })
      res.statusCode = response.status
      response.headers.forEach((value, name) => {
        res.setHeader(name, value)
      })
      const body = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined
      // the rest of an unread body (a refused upload) is drained so the connection can be reused
      if (hasBody && !req.readableEnded) req.resume()
      res.end(body)
    } catch (error) {
      if (next) return next(error)
      if (!res.headersSent) res.statusCode = 500
      res.end()
    }
  }
}
