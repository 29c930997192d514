import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  createServerAnalytics,
  type ExpressRequestMetrics,
  expressRequestMetrics,
  instrumentProcess,
  readIdentity,
  type ServerAnalytics,
} from '../../src/server.js'
import { checkoutFlow } from '../src/experiments.js'

/** The shop's product catalogue, served by the playground API. */
export const products = [
  { id: 1, name: 'Trail running shoes', price: 129.99, category: 'shoes' },
  { id: 2, name: 'Merino base layer', price: 79.5, category: 'clothing' },
  { id: 3, name: 'Headlamp 400 lm', price: 44.9, category: 'gear' },
  { id: 4, name: 'Waterproof jacket', price: 219, category: 'clothing' },
  { id: 5, name: 'Hydration vest', price: 99, category: 'gear' },
  { id: 6, name: 'Road racing flats', price: 159, category: 'shoes' },
]

// the API's routes as templates, for the request metrics: ids never become series of their own
const ROUTES: [RegExp, string][] = [
  [/^\/api\/products$/, '/api/products'],
  [/^\/api\/products\/[^/]+$/, '/api/products/:id'],
  [/^\/api\/orders$/, '/api/orders'],
  [/^\/api\/(slow|fail|limited)$/, '/api/$1'],
]
const routeOf = (path: string) => {
  for (const [pattern, template] of ROUTES) if (pattern.test(path)) return path.replace(pattern, template)
  return undefined
}

let server: { analytics: ServerAnalytics; requestMetrics: ExpressRequestMetrics } | undefined

/**
 * The API's own server-side client, sending to the playground's collector over HTTP at the address the
 * dev server answers on; it records request metrics and the orders, attributed to the browser's visitor.
 */
function serverSide(host: string) {
  if (!server) {
    const analytics = createServerAnalytics({
      url: `http://${host}/api/analytics/batch`,
      experiments: [checkoutFlow],
      context: { service: 'playground_api' },
    })
    const requestMetrics = expressRequestMetrics(analytics, {
      route: (req) => routeOf(new URL(req.url ?? '/', 'http://localhost').pathname),
    })
    // event-loop delay, heap, RSS and CPU of the dev server, for the dashboard's overview
    instrumentProcess(analytics)
    server = { analytics, requestMetrics }
  }
  return server
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = ''
  for await (const chunk of req) text += chunk
  try {
    const body = JSON.parse(text) as unknown
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/**
 * A small API for the playground, measured by the kit's request-metrics middleware: the products, an
 * orders endpoint that tracks `purchase_completed` server-side for the browser's visitor (read from its
 * identity cookie), and endpoints that are slow, fail or rate-limit on purpose so the kit's fetch
 * instrumentation has something to measure.
 */
export function apiMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void) {
  const path = (req.url ?? '/').split('?')[0] ?? '/'
  if (!path.startsWith('/api/') || path.startsWith('/api/analytics/')) return next()
  const { requestMetrics } = serverSide(req.headers.host ?? '127.0.0.1:5173')
  requestMetrics(req, res, () => void handle(req, res, next))
}

async function handle(req: IncomingMessage, res: ServerResponse, next: () => void) {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  const product = url.pathname.match(/^\/api\/products\/(\d+)$/)
  if (url.pathname === '/api/products') {
    const q = (url.searchParams.get('q') ?? '').toLowerCase()
    const category = url.searchParams.get('category')
    return send(
      200,
      products.filter((p) => p.name.toLowerCase().includes(q) && (!category || p.category === category)),
    )
  }
  if (product) {
    const found = products.find((p) => p.id === Number(product[1]))
    return found ? send(200, found) : send(404, { error: 'no such product' })
  }
  if (url.pathname === '/api/slow') {
    setTimeout(() => send(200, { ok: true, waited_ms: 800 }), 800)
    return
  }
  if (url.pathname === '/api/orders' && req.method === 'POST') {
    const { analytics } = serverSide(req.headers.host ?? '127.0.0.1:5173')
    const visitor = readIdentity(req)
    if (!visitor) return send(400, { error: 'no visitor cookie' })
    const { order_id, order_value, currency } = await readJson(req)
    // the order is confirmed here, so here is where the purchase is tracked: it joins the visitor's
    // session, funnel and checkout_flow variation through the ids in the cookie
    analytics.track('purchase_completed', { order_id, order_value, currency }, visitor)
    analytics.metrics.increment('shop.orders.count', 1, { currency: String(currency) })
    await analytics.flush()
    return send(201, { order_id })
  }
  if (url.pathname === '/api/fail') return send(500, { error: 'simulated failure' })
  if (url.pathname === '/api/limited') return send(429, { error: 'rate limited' }, { 'retry-after': '1' })
  next()
}
