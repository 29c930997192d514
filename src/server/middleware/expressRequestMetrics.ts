/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createRequestRecorder, type RequestMeasurement, type WithMetrics } from './createRequestRecorder.js'

/** The parts of an Express (or plain `node:http`) request the middleware reads. */
export interface NodeRequestLike extends IncomingMessage {
  /** Express: the route that matched, e.g. `{ path: '/orders/:id' }`. */
  route?: { path?: unknown }
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

const measuring = new WeakMap<IncomingMessage, { m: RequestMeasurement; error?: unknown }>()

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
  const routeOf = (req: NodeRequestLike, matched: string | undefined): string | undefined => {
    if (!options.route) return matched
    try {
      return options.route(req)
    } catch {
      return undefined
    }
  }
  const middleware = ((req, res, next) => {
    try {
      const state: { m: RequestMeasurement; error?: unknown } = { m: recorder.start(req.method ?? '') }
      measuring.set(req, state)
      // Express restores req.baseUrl when a request leaves a router (an error does), so the template is
      // taken when the router assigns the matched route, with the router's mount path of that moment
      let matched: string | undefined
      let route = req.route
      if (!options.route)
        Object.defineProperty(req, 'route', {
          configurable: true,
          enumerable: true,
          get: () => route,
          set(value: NodeRequestLike['route']) {
            route = value
            const path = value?.path
            // a route given as a RegExp or an array has no single template
            matched = typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` || '/' : undefined
          },
        })
      // one listener: 'close' follows 'finish', or comes alone when the client went away first
      res.once('close', () =>
        state.m.end(routeOf(req, matched), res.writableFinished ? res.statusCode : 'aborted', state.error),
      )
    } catch {
      // measuring must never stand between the app and its request
    }
    next()
  }) as ExpressRequestMetrics
  middleware.errors = (error, req, _res, next) => {
    const state = measuring.get(req)
    if (state) state.error = error
    next(error)
  }
  return middleware
}
