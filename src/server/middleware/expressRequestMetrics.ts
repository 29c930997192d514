/// <reference types="node" />
import { IncomingMessage, type ServerResponse } from 'node:http'
import { createRequestRecorder, type RequestMeasurement, type WithMetrics } from './createRequestRecorder.js'

/** The parts of an Express (or plain `node:http`) request the middleware reads. */
export interface NodeRequestLike extends IncomingMessage {
  /** Express: the route that matched, e.g. `{ path: '/orders/:id' }`. */
  route?: {
    /** The route's template, a string for string routes. */
    path?: unknown
  }
  /** Express: the mount path of the router that handled the request. */
  baseUrl?: string
}

/** Options of `expressRequestMetrics`. */
export interface ExpressRequestMetricsOptions {
  /**
   * The route template of a request, for servers without Express routing (plain `node:http`). Express
   * apps need none: the matched route (`req.baseUrl + req.route.path`) is used. Never return the raw path.
   */
  route?: (req: NodeRequestLike) => string | undefined
}

/** An Express middleware with its error-handling companion. */
export interface ExpressRequestMetrics {
  (req: NodeRequestLike, res: ServerResponse, next: (error?: unknown) => void): void
  /**
   * Mount after the routes (`app.use(requestMetrics.errors)`) to count a thrown error by its type
   * (`TypeError`) instead of only its 5xx status; it passes the error on unchanged.
   */
  errors(error: unknown, req: NodeRequestLike, res: ServerResponse, next: (error?: unknown) => void): void
}

interface Measured {
  [STATE]?: { m: RequestMeasurement; error?: unknown }
  [ROUTE]?: NodeRequestLike['route']
  [MATCHED]?: string | undefined
}
const STATE = Symbol('instrumentkit request')
const ROUTE = Symbol('instrumentkit route')
const MATCHED = Symbol('instrumentkit route template')
const watched = new WeakSet<object>()

// Express restores req.baseUrl when a request leaves a router (an error does), so the template is taken
// when the router assigns the matched route, with the router's mount path of that moment. The accessor
// goes on the app's request prototype once, rather than on every request, which would cost each one a
// new object shape.
function watchRoutes(req: IncomingMessage): void {
  const proto = Object.getPrototypeOf(req) as object | null
  // a plain node:http request has no router to assign a route: Node's own prototype stays untouched
  if (!proto || proto === IncomingMessage.prototype || watched.has(proto)) return
  watched.add(proto)
  Object.defineProperty(proto, 'route', {
    configurable: true,
    get(this: Measured) {
      return this[ROUTE]
    },
    set(this: Measured & NodeRequestLike, value: NodeRequestLike['route']) {
      this[ROUTE] = value
      const path = value?.path
      // a route given as a RegExp or an array has no single template
      this[MATCHED] = typeof path === 'string' ? `${this.baseUrl ?? ''}${path}` || '/' : undefined
    },
  })
}

/**
 * Request metrics for Express and `node:http` servers: duration by route template, method and status
 * class, requests in flight, errors by type (see `SERVER_METRICS`). Mount it first.
 *
 * @example
 * const requestMetrics = expressRequestMetrics(analytics)
 * app.use(requestMetrics)
 * app.get('/orders/:id', getOrder) // recorded as route "/orders/:id"
 * app.use(requestMetrics.errors)
 */
export function expressRequestMetrics(
  analytics: WithMetrics,
  options: ExpressRequestMetricsOptions = {},
): ExpressRequestMetrics {
  const recorder = createRequestRecorder(analytics)
  const routeOf = (req: NodeRequestLike & Measured): string | undefined => {
    if (!options.route) return req[MATCHED]
    try {
      return options.route(req)
    } catch {
      return undefined
    }
  }
  const middleware = ((req: NodeRequestLike & Measured, res, next) => {
    try {
      const state: { m: RequestMeasurement; error?: unknown } = { m: recorder.start(req.method ?? '') }
      req[STATE] = state
      if (!options.route) watchRoutes(req)
      // one listener: 'close' follows 'finish', or comes alone when the client went away first
      res.on('close', () =>
        state.m.end(routeOf(req), res.writableFinished ? res.statusCode : 'aborted', state.error),
      )
    } catch {
      // measuring must never stand between the app and its request
    }
    next()
  }) as ExpressRequestMetrics
  middleware.errors = (error, req: NodeRequestLike & Measured, _res, next) => {
    const state = req[STATE]
    if (state) state.error = error
    next(error)
  }
  return middleware
}
