import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { instrumentFetch, type MetricPoint, type Transport, withMetrics } from '../../src/index.js'
import { createTestAnalytics } from '../../src/testing.js'

const realFetch = globalThis.fetch
let answer: (url: string, init?: RequestInit) => Promise<Response>
const fetchMock = vi.fn((input: RequestInfo | URL, init?: RequestInit) =>
  answer(typeof input === 'object' && 'url' in input ? input.url : String(input), init),
)

const kitTransport: Transport = {
  name: 'test',
  url: '/api/analytics/batch',
  send: async () => ({ ok: true, status: 200 }),
}

function setup(options: Parameters<typeof instrumentFetch>[1] = {}) {
  const analytics = createTestAnalytics({ transport: kitTransport, metrics: withMetrics({ health: false }) })
  const stop = instrumentFetch(analytics, options)
  const points = (name: string): MetricPoint[] => analytics.metrics.peek().filter((p) => p.name === name)
  return { analytics, stop, points }
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00.000Z') })
  answer = async () => new Response('[{"id":1}]', { status: 200 })
  globalThis.fetch = fetchMock as typeof fetch
})

afterEach(() => {
  globalThis.fetch = realFetch
  fetchMock.mockClear()
  vi.useRealTimers()
})

describe('instrumentFetch', () => {
  test('records latency and a request count tagged with method, endpoint and status class', async () => {
    const { points } = setup()
    answer = async () => {
      await new Promise((r) => setTimeout(r, 120))
      return new Response('[]', { status: 201 })
    }
    const pending = fetch('/api/products', { method: 'post', body: '{}' })
    await vi.advanceTimersByTimeAsync(120)
    await pending
    const tags = { method: 'POST', endpoint: '/api/products', status_class: '2xx' }
    expect(points('api.latency.ms')).toEqual([expect.objectContaining({ tags, count: 1, sum: 120 })])
    expect(points('api.requests.count')).toEqual([expect.objectContaining({ tags, value: 1 })])
  })

  test('hands back the very response, still unread, and passes the arguments through unchanged', async () => {
    setup()
    const original = new Response('[{"id":1}]', { status: 200, headers: { 'x-total': '1' } })
    answer = async () => original
    const init = { method: 'GET', headers: { accept: 'application/json' } }
    const response = await fetch('/api/products?page=2', init)
    expect(response).toBe(original)
    expect(response.bodyUsed).toBe(false)
    expect(await response.json()).toEqual([{ id: 1 }])
    expect(fetchMock).toHaveBeenCalledWith('/api/products?page=2', init)
  })

  test('collapses numbers, UUIDs and long hex ids in the endpoint, drops the query, names other hosts', async () => {
    const { points } = setup()
    await fetch('/api/users/42/orders/3f2b9c1e-8a4d-4b7e-9f10-2c3d4e5f6a7b?expand=items')
    await fetch('/api/users/7/orders/5f2b9c1e8a4d4b7e9f10')
    await fetch('https://payments.example.com/v1/charges/1234')
    await fetch(new Request('http://localhost:3000/api/cart/99', { method: 'DELETE' }))
    const endpoints = points('api.requests.count').map(
      (p) => `${p.tags.method} ${p.tags.endpoint} ${p.value}`,
    )
    expect(endpoints).toEqual([
      'GET /api/users/:id/orders/:id 2',
      'GET payments.example.com/v1/charges/:id 1',
      'DELETE /api/cart/:id 1',
    ])
  })

  test('a 5xx tracks api_call_failed, a 429 rate_limit_exceeded with Retry-After, a 404 only counts', async () => {
    const { analytics, points } = setup()
    answer = async (url) => {
      if (url.endsWith('/fail')) return new Response('', { status: 503 })
      if (url.endsWith('/limited')) return new Response('', { status: 429, headers: { 'retry-after': '30' } })
      return new Response('', { status: 404 })
    }
    await fetch('/api/fail')
    await fetch('/api/limited')
    await fetch('/api/missing')
    expect(analytics.eventsNamed('api_call_failed').map((e) => e.properties)).toEqual([
      { endpoint: '/api/fail', method: 'GET', status: 503, duration_ms: 0 },
    ])
    expect(analytics.eventsNamed('rate_limit_exceeded').map((e) => e.properties)).toEqual([
      { endpoint: '/api/limited', method: 'GET', status: 429, duration_ms: 0, retry_after_ms: 30_000 },
    ])
    expect(points('api.requests.count').map((p) => p.tags.status_class)).toEqual(['5xx', '4xx', '4xx'])
    expect(analytics.events.map((e) => e.event_name)).not.toContain('timeout_detected')
  })

  test('a network error tracks api_call_failed and reaches the caller as the same error', async () => {
    const { analytics, points } = setup()
    const failure = new TypeError('Failed to fetch')
    answer = async () => {
      throw failure
    }
    await expect(fetch('/api/products')).rejects.toBe(failure)
    expect(analytics.lastEvent('api_call_failed')?.properties).toMatchObject({
      endpoint: '/api/products',
      error: 'Failed to fetch',
    })
    expect(points('api.requests.count')[0]?.tags.status_class).toBe('network_error')
  })

  test('an aborted request and a timed-out one track timeout_detected, with their reason', async () => {
    const { analytics, points } = setup()
    answer = (_, init) =>
      new Promise((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
      })
    const controller = new AbortController()
    const aborted = fetch('/api/search', { signal: controller.signal })
    controller.abort()
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' })
    answer = async () => {
      throw new DOMException('signal timed out', 'TimeoutError')
    }
    await expect(fetch('/api/slow')).rejects.toMatchObject({ name: 'TimeoutError' })
    expect(
      analytics.eventsNamed('timeout_detected').map((e) => [e.properties.endpoint, e.properties.reason]),
    ).toEqual([
      ['/api/search', 'abort'],
      ['/api/slow', 'timeout'],
    ])
    expect(analytics.eventsNamed('api_call_failed')).toEqual([])
    expect(points('api.requests.count').map((p) => p.tags.status_class)).toEqual(['timeout', 'timeout'])
  })

  test('never instruments the kit’s own endpoints, nor ignored ones', async () => {
    const { analytics, points } = setup({ ignore: ['/health', /\/internal\//] })
    await fetch('/api/analytics/batch', { method: 'POST', body: '{}' })
    await fetch('/api/analytics/batch?compression=gzip', { method: 'POST', body: '{}' })
    await fetch('http://localhost:3000/api/analytics/batch/', { method: 'POST', body: '{}' })
    await fetch('/health')
    await fetch('/health/live')
    await fetch('/api/internal/flags')
    expect(points('api.requests.count')).toEqual([])
    await fetch('/api/analytics/batches')
    await fetch('/healthy')
    expect(points('api.requests.count').map((p) => p.tags.endpoint)).toEqual([
      '/api/analytics/batches',
      '/healthy',
    ])
    expect(analytics.events).toEqual([])
  })

  test('an error loop cannot flood the queue: events are limited per endpoint, metrics count every call', async () => {
    const { analytics, points } = setup()
    answer = async () => new Response('', { status: 500 })
    for (let i = 0; i < 100; i++) await fetch('/api/fail')
    expect(analytics.eventsNamed('api_call_failed')).toHaveLength(5)
    expect(points('api.requests.count')[0]?.value).toBe(100)
    expect(points('kit.events_suppressed.count')[0]).toMatchObject({
      tags: { event: 'api_call_failed' },
      value: 95,
    })
    vi.advanceTimersByTime(60_000)
    await fetch('/api/fail')
    expect(analytics.eventsNamed('api_call_failed')).toHaveLength(6)
  })

  test('the undo restores fetch; under a later wrapper it stays as a pass-through that records nothing', async () => {
    const first = setup()
    first.stop()
    expect(globalThis.fetch).toBe(fetchMock)

    const second = setup()
    const ours = globalThis.fetch
    const later = vi.fn((...args: Parameters<typeof fetch>) => ours(...args))
    globalThis.fetch = later as typeof fetch
    second.stop()
    expect(globalThis.fetch).toBe(later)
    await fetch('/api/products')
    expect(later).toHaveBeenCalledTimes(1)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(second.points('api.requests.count')).toEqual([])
  })

  test('a broken endpoint function leaves the request alone', async () => {
    const { points } = setup({
      endpoint: () => {
        throw new Error('bad')
      },
    })
    const response = await fetch('/api/products')
    expect(response.status).toBe(200)
    expect(points('api.requests.count')).toEqual([])
  })
})
