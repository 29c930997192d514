import type { IncomingMessage, ServerResponse } from 'node:http'

/** The shop's product catalogue, served by the playground API. */
export const products = [
  { id: 1, name: 'Trail running shoes', price: 129.99, category: 'shoes' },
  { id: 2, name: 'Merino base layer', price: 79.5, category: 'clothing' },
  { id: 3, name: 'Headlamp 400 lm', price: 44.9, category: 'gear' },
  { id: 4, name: 'Waterproof jacket', price: 219, category: 'clothing' },
  { id: 5, name: 'Hydration vest', price: 99, category: 'gear' },
  { id: 6, name: 'Road racing flats', price: 159, category: 'shoes' },
]

/**
 * A small API for the playground, with endpoints that are slow, fail or rate-limit on purpose so
 * the kit's fetch instrumentation has something to measure.
 */
export function apiMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void) {
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
  if (url.pathname === '/api/fail') return send(500, { error: 'simulated failure' })
  if (url.pathname === '/api/limited') return send(429, { error: 'rate limited' }, { 'retry-after': '1' })
  next()
}
