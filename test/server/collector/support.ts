import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Store, WriteSet } from '../../../src/server/stores/types.js'
import { type Collector, type CollectorOptions, createCollector, toNodeHandler } from '../../../src/server.js'

/**
 * A store in memory for the collector's unit tests: keeps every write, can be told to fail, and
 * counts store calls. Claims about storage itself are tested against the real stores.
 */
export function testStore(): Store & {
  writes: WriteSet[]
  all(): WriteSet
  failNext(times?: number): void
  /** Holds the next write until `open()` is called, so a test can pile requests up behind it. */
  holdNextWrite(): { open(): void }
  seed: string[]
} {
  const writes: WriteSet[] = []
  let failures = 0
  let gate: Promise<void> | undefined
  const store = {
    dialect: 'memory' as const,
    writes,
    seed: [] as string[],
    async init() {},
    async write(rows: WriteSet) {
      const held = gate
      gate = undefined
      await (held ?? new Promise((r) => setTimeout(r, 1)))
      if (failures > 0) {
        failures--
        throw new Error('disk full')
      }
      writes.push(structuredClone(rows))
    },
    async recentMessageIds() {
      return [...store.seed, ...writes.flatMap((w) => w.events.map((e) => e.message_id))]
    },
    async query(): Promise<never> {
      throw new Error('the test store runs no SQL')
    },
    async ping() {
      return true
    },
    async close() {},
    all(): WriteSet {
      return {
        events: writes.flatMap((w) => w.events),
        metrics: writes.flatMap((w) => w.metrics),
        rejections: writes.flatMap((w) => w.rejections),
      }
    },
    failNext(times = 1) {
      failures = times
    },
    holdNextWrite() {
      let open = () => {}
      gate = new Promise<void>((resolve) => {
        open = resolve
      })
      return { open: () => open() }
    },
  }
  return store
}

/** Serves a collector on a free 127.0.0.1 port through `toNodeHandler`. */
export async function serve(
  options: Partial<CollectorOptions> & { store: Store },
): Promise<{ url: string; collector: Collector; server: Server; close(): Promise<void> }> {
  const collector = createCollector(options)
  const server = createServer(toNodeHandler(collector))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${collector.basePath}`,
    collector,
    server,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await collector.close()
    },
  }
}

let counter = 0
/** A wire event as the browser client sends it; `over` replaces any field. */
export function wireEvent(over: Record<string, unknown> = {}): Record<string, unknown> {
  counter++
  return {
    event_name: 'button_clicked',
    message_id: `msg-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    user_id: null,
    anonymous_id: 'anon-1',
    session_id: 'sess-1',
    seq: counter,
    properties: { label: 'Buy' },
    context: {
      platform: 'web',
      user_agent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      page: { path: '/cart', url: 'https://shop.example/cart', title: 'Cart' },
      library: { name: 'instrumentkit', version: '0.1.0' },
    },
    ...over,
  }
}

/** POSTs a batch body (an object is sent as JSON) and returns the status, headers and parsed JSON. */
export async function post(
  url: string,
  body: unknown,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${url}/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
    ...init,
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : {} }
}
