import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve as honoServe } from '@hono/node-server'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { createCollector, toNodeHandler } from '../../../src/server.js'
import { routeModule } from './fixtures/nextRoute.js'
import { post, testStore, wireEvent } from './support.js'

const closers: (() => Promise<unknown>)[] = []
afterEach(async () => {
  while (closers.length) await closers.pop()!()
})

const listen = async (server: ReturnType<typeof createServer>) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise((resolve) => server.close(resolve)))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('mounting the collector', () => {
  it('in Express, before the body parsers, leaving other routes to the app', async () => {
    const store = testStore()
    const collector = createCollector({ store })
    const app = express()
    app.use(toNodeHandler(collector))
    app.use(express.json())
    app.post('/api/orders', (req, res) => {
      res.json({ received: req.body })
    })
    const origin = await listen(createServer(app))
    const event = wireEvent()
    const { status, json } = await post(`${origin}/api/analytics`, { events: [event] })
    expect(status).toBe(200)
    expect(json.accepted).toBe(1)
    const order = await fetch(`${origin}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":1}',
    })
    expect(await order.json()).toEqual({ received: { id: 1 } })
    expect(store.all().events[0]!.message_id).toBe(event.message_id)
  })

  it('in Fastify, as a raw handler on the base path', async () => {
    const store = testStore()
    const collector = createCollector({ store })
    const handle = toNodeHandler(collector)
    const app = Fastify()
    // the collector reads the raw body itself, so Fastify must not parse it
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', (_req, _payload, done) => done(null))
    app.all('/api/analytics/*', (request, reply) => {
      reply.hijack()
      return handle(request.raw, reply.raw)
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    closers.push(() => app.close())
    const { port } = app.server.address() as AddressInfo
    const { status, json } = await post(`http://127.0.0.1:${port}/api/analytics`, { events: [wireEvent()] })
    expect(status).toBe(200)
    expect(json.accepted).toBe(1)
    expect(store.all().events).toHaveLength(1)
  })

  it('in Hono, unchanged, served over HTTP by @hono/node-server', async () => {
    const store = testStore()
    const collector = createCollector({ store })
    const app = new Hono()
    app.all('/api/analytics/*', (c) => collector.fetch(c.req.raw))
    app.get('/', (c) => c.text('shop'))
    const server = await new Promise<ReturnType<typeof honoServe>>((resolve) => {
      const s = honoServe({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
    })
    closers.push(() => new Promise((resolve) => server.close(resolve)))
    const { port } = server.address() as AddressInfo
    const gz = await fetch(`http://127.0.0.1:${port}/api/analytics/batch?compression=gzip`, {
      method: 'POST',
      body: new Blob([JSON.stringify({ events: [wireEvent()] })])
        .stream()
        .pipeThrough(new CompressionStream('gzip')),
      duplex: 'half',
    } as RequestInit)
    expect(gz.status).toBe(200)
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('shop')
    expect(store.all().events).toHaveLength(1)
  })

  it('as a Next.js App Router route handler, called with the Request Next passes', async () => {
    const store = testStore()
    const route = routeModule(store)
    closers.push(() => route.collector.close())
    const event = wireEvent()
    const response = await route.POST(
      new Request('https://shop.example/api/analytics/batch', {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' },
        body: JSON.stringify({ events: [event] }),
      }),
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    const preflight = await route.OPTIONS(
      new Request('https://shop.example/api/analytics/batch', {
        method: 'OPTIONS',
        headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
      }),
    )
    expect(preflight.status).toBe(204)
    const health = await route.GET(new Request('https://shop.example/api/analytics/health'))
    expect((await health.json()).ok).toBe(true)
    expect(store.all().events.map((e) => e.message_id)).toEqual([event.message_id])
  })

  it('with node:http alone, answering 404 outside its base path', async () => {
    const collector = createCollector({ store: testStore(), basePath: '/collect' })
    closers.push(() => collector.close())
    const origin = await listen(createServer(toNodeHandler(collector)))
    expect((await post(`${origin}/collect`, { events: [wireEvent()] })).status).toBe(200)
    expect((await fetch(`${origin}/elsewhere`)).status).toBe(404)
  })
})
