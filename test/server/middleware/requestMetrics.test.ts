import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import express from 'express'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import type { MetricPoint } from '../../../src/index.js'
import {
  expressRequestMetrics,
  honoRequestMetrics,
  SERVER_METRICS,
  withRequestMetrics,
} from '../../../src/server.js'
import { metricsOnTheWire } from '../support/metricsOnTheWire.js'

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
})

const durations = (points: MetricPoint[]) =>
  points
    .filter((p) => p.name === SERVER_METRICS.requestDuration)
    .map((p): Record<string, unknown> => ({ ...p.tags, count: p.count }))
    .sort((a, b) => `${a.route} ${a.method}`.localeCompare(`${b.route} ${b.method}`))

const errors = (points: MetricPoint[]) =>
  points
    .filter((p) => p.name === SERVER_METRICS.requestErrors)
    .map((p): Record<string, unknown> => ({ ...p.tags, value: p.value }))
    .sort((a, b) => `${a.route} ${a.method}`.localeCompare(`${b.route} ${b.method}`))

async function listen(server: Server): Promise<string> {
  servers.push(server)
  if (!server.listening) await new Promise<void>((r) => server.once('listening', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('request metrics', () => {
  it('Express: duration by route template, method and status class; errors by type; raw ids never in a tag', async () => {
    const { analytics, wire } = metricsOnTheWire()
    const requestMetrics = expressRequestMetrics(analytics)
    const app = express()
    app.use(requestMetrics)
    const api = express.Router()
    api.get('/orders/:id', (req, res) => {
      res.json({ id: req.params.id })
    })
    api.post('/orders', (_req, res) => {
      res.status(201).end()
    })
    api.get('/broken', () => {
      throw new TypeError('boom')
    })
    api.get('/unavailable', (_req, res) => {
      res.status(503).end()
    })
    app.use('/api', api)
    app.use(requestMetrics.errors)
    app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).end()
    })
    const base = await listen(app.listen(0, '127.0.0.1'))
    for (const id of ['123', '456', '789']) await fetch(`${base}/api/orders/${id}`).then((r) => r.text())
    await fetch(`${base}/api/orders`, { method: 'POST' }).then((r) => r.text())
    await fetch(`${base}/api/broken`).then((r) => r.text())
    await fetch(`${base}/api/unavailable`).then((r) => r.text())
    await fetch(`${base}/wp-login.php?id=1`).then((r) => r.text())
    await fetch(`${base}/api/orders/1`, { method: 'PROPFIND' }).then((r) => r.text())
    const points = await wire()
    expect(durations(points)).toEqual([
      { route: '/api/broken', method: 'GET', status_class: '5xx', count: 1 },
      { route: '/api/orders', method: 'POST', status_class: '2xx', count: 1 },
      { route: '/api/orders/:id', method: 'GET', status_class: '2xx', count: 3 },
      { route: '/api/unavailable', method: 'GET', status_class: '5xx', count: 1 },
      { route: 'unmatched', method: 'GET', status_class: '4xx', count: 1 },
      { route: 'unmatched', method: 'OTHER', status_class: '4xx', count: 1 },
    ])
    expect(errors(points)).toEqual([
      { route: '/api/broken', method: 'GET', error_type: 'TypeError', value: 1 },
      { route: '/api/unavailable', method: 'GET', error_type: 'http_503', value: 1 },
    ])
    expect(JSON.stringify(points.map((p) => p.tags))).not.toMatch(/123|456|789|wp-login/)
    const active = points.filter((p) => p.name === SERVER_METRICS.activeRequests)
    expect(active).toMatchObject([{ type: 'gauge', value: 0 }])
  })

  it('Express: reports the requests in flight while they are in flight', async () => {
    const { analytics, wire } = metricsOnTheWire()
    let release: () => void = () => {}
    const held = new Promise<void>((r) => {
      release = r
    })
    let entered: () => void = () => {}
    const inside = new Promise<void>((r) => {
      entered = r
    })
    const app = express()
    app.use(expressRequestMetrics(analytics))
    app.get('/slow', async (_req, res) => {
      entered()
      await held
      res.end('ok')
    })
    const base = await listen(app.listen(0, '127.0.0.1'))
    const pending = [fetch(`${base}/slow`), fetch(`${base}/slow`)]
    await inside
    await expect
      .poll(() => analytics.metrics.peek().find((p) => p.name === SERVER_METRICS.activeRequests)?.value)
      .toBe(2)
    release()
    await Promise.all(pending.map((p) => p.then((r) => r.text())))
    const points = await wire()
    expect(points.find((p) => p.name === SERVER_METRICS.activeRequests)?.value).toBe(0)
  })

  it('Hono: the matched route template, not the path, and errors answered by onError counted by type', async () => {
    const { analytics, wire } = metricsOnTheWire()
    const app = new Hono()
    app.use(honoRequestMetrics(analytics))
    app.use('/orders/*', async (_c, next) => next())
    app.get('/orders/:id', (c) => c.json({ id: c.req.param('id') }))
    app.get('/fail', () => {
      throw new RangeError('out of range')
    })
    app.onError((_error, c) => c.text('failed', 500))
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server
    const base = await listen(server)
    await fetch(`${base}/orders/42`).then((r) => r.text())
    await fetch(`${base}/orders/43`).then((r) => r.text())
    await fetch(`${base}/fail`).then((r) => r.text())
    await fetch(`${base}/nothing/here`).then((r) => r.text())
    const points = await wire()
    expect(durations(points)).toEqual([
      { route: '/fail', method: 'GET', status_class: '5xx', count: 1 },
      { route: '/orders/:id', method: 'GET', status_class: '2xx', count: 2 },
      { route: 'unmatched', method: 'GET', status_class: '4xx', count: 1 },
    ])
    expect(errors(points)).toEqual([{ route: '/fail', method: 'GET', error_type: 'RangeError', value: 1 }])
  })

  it('Next.js-style route handlers: the file route as template, thrown errors recorded and rethrown', async () => {
    const { analytics, wire } = metricsOnTheWire()
    const GET = withRequestMetrics(
      analytics,
      '/api/orders/[id]',
      async (_request: Request, context: { params: Promise<{ id: string }> }) =>
        Response.json({ id: (await context.params).id }),
    )
    const DELETE = withRequestMetrics(analytics, '/api/orders/[id]', async () => {
      throw new Error('not allowed')
    })
    const response = await GET(new Request('http://shop.test/api/orders/99'), {
      params: Promise.resolve({ id: '99' }),
    })
    expect(await response.json()).toEqual({ id: '99' })
    await expect(DELETE(new Request('http://shop.test/api/orders/99', { method: 'DELETE' }))).rejects.toThrow(
      'not allowed',
    )
    const points = await wire()
    expect(durations(points)).toEqual([
      { route: '/api/orders/[id]', method: 'DELETE', status_class: '5xx', count: 1 },
      { route: '/api/orders/[id]', method: 'GET', status_class: '2xx', count: 1 },
    ])
    expect(errors(points)).toEqual([
      { route: '/api/orders/[id]', method: 'DELETE', error_type: 'Error', value: 1 },
    ])
  })
})
