import { createRequestRecorder, type WithMetrics } from './createRequestRecorder.js'

/**
 * Wraps a fetch-style handler (`(request, ...rest) => Response`): a Next.js route handler, a Bun or Deno
 * server, the collector itself. `route` is the handler's route template: the Next.js file route
 * (`/api/orders/[id]`), or a function of the request. A thrown error is recorded by its type and
 * rethrown unchanged.
 *
 * @example
 * // app/api/orders/[id]/route.ts
 * export const GET = withRequestMetrics(analytics, '/api/orders/[id]', async (request, { params }) => {
 *   return Response.json(await loadOrder((await params).id))
 * })
 */
export function withRequestMetrics<TArgs extends unknown[]>(
  analytics: WithMetrics,
  route: string | ((request: Request) => string | undefined),
  handler: (request: Request, ...rest: TArgs) => Response | Promise<Response>,
): (request: Request, ...rest: TArgs) => Promise<Response> {
  const recorder = createRequestRecorder(analytics)
  const routeOf = (request: Request) => {
    try {
      return typeof route === 'function' ? route(request) : route
    } catch {
      return undefined
    }
  }
  return async (request, ...rest) => {
    const measurement = recorder.start(request.method)
    try {
      const response = await handler(request, ...rest)
      measurement.end(routeOf(request), response.status)
      return response
    } catch (error) {
      // frameworks answer an uncaught error with a 500
      measurement.end(routeOf(request), 500, error)
      throw error
    }
  }
}
