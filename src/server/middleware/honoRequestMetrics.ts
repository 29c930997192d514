import { createRequestRecorder, type WithMetrics } from './createRequestRecorder.js'

/** The parts of a Hono context the middleware reads. */
export interface HonoContextLike {
  /** Hono's request wrapper. */
  req: {
    /** The request's HTTP method. */
    method: string
    /** The routes that matched, middleware included; the last is the handler's. */
    matchedRoutes?: readonly {
      /** The route template, e.g. `/orders/:id`. */
      path: string
      /** The route's method, `ALL` for middleware. */
      method: string
    }[]
  }
  /** The response, read for its status after the handler ran. */
  res: Response
  /** Set by Hono when a handler threw and `app.onError` answered. */
  error?: unknown
}

/**
 * Request metrics as a Hono middleware: duration by route template (`/orders/:id`), method and status
 * class, requests in flight, errors by type (see `SERVER_METRICS`). Mount it first, for every path.
 *
 * @example
 * const app = new Hono()
 * app.use(honoRequestMetrics(analytics))
 * app.get('/orders/:id', (c) => c.json(order)) // recorded as route "/orders/:id"
 */
export function honoRequestMetrics(
  analytics: WithMetrics,
): (c: HonoContextLike, next: () => Promise<void>) => Promise<void> {
  const recorder = createRequestRecorder(analytics)
  return async (c, next) => {
    const measurement = recorder.start(c.req.method)
    try {
      await next()
    } catch (error) {
      measurement.end(routeOf(c), 500, error)
      throw error
    }
    measurement.end(routeOf(c), c.res.status, c.error)
  }
}

function routeOf(c: HonoContextLike): string | undefined {
  const routes = c.req.matchedRoutes
  if (!routes) return undefined
  // the handler that answered is the last route matched that is not a catch-all middleware
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i]!
    if (route.method !== 'ALL' || !route.path.endsWith('*')) return route.path
  }
  return undefined
}
