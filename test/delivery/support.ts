import { expect } from 'vitest'
import {
  type Analytics,
  type AnalyticsOptions,
  createAnalytics,
  memoryTransport,
  type PipelineOutcome,
  type StorageLike,
} from '../../src/index.js'

/** A Web Storage stand-in that counts writes and throws QuotaExceededError past `quota` characters. */
export function memoryStorage(options: { quota?: number } = {}) {
  const map = new Map<string, string>()
  const writes: { key: string; size: number }[] = []
  const removed: string[] = []
  const used = () => [...map].reduce((n, [k, v]) => n + k.length + v.length, 0)
  const storage: StorageLike & { map: Map<string, string>; writes: typeof writes; removed: string[] } = {
    map,
    writes,
    removed,
    get length() {
      return map.size
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (key) => map.get(key) ?? null,
    setItem(key, value) {
      const before = map.get(key)
      const grow = key.length + value.length - (before === undefined ? 0 : key.length + before.length)
      if (options.quota !== undefined && used() + grow > options.quota) {
        const error = new Error('The quota has been exceeded.')
        error.name = 'QuotaExceededError'
        throw error
      }
      writes.push({ key, size: value.length })
      map.set(key, String(value))
    },
    removeItem: (key) => {
      removed.push(key)
      map.delete(key)
    },
  }
  return storage
}

/** Events stored by the kit under `prefix`, decoded. */
export function storedEvents(storage: { map: Map<string, string> }, prefix = 'ik:') {
  const out: { message_id: string; event_name: string }[] = []
  for (const [key, value] of storage.map)
    if (key.startsWith(`${prefix}q.`)) {
      const chunk = JSON.parse(value)
      // contexts shared by several events are stored once, at the head of the chunk
      const contexts = Array.isArray(chunk[0]) ? chunk.shift() : []
      for (const e of chunk)
        out.push(typeof e.context === 'number' ? { ...e, context: contexts[e.context] } : e)
    }
  return out
}

/** A client on a memory transport that records every outcome; defaults to no storage. */
export function setup(options: AnalyticsOptions = {}) {
  const transport = memoryTransport()
  const analytics = createAnalytics({ transport, storage: false, naming: 'off', ...options })
  const outcomes: PipelineOutcome[] = []
  analytics.subscribe((o) => outcomes.push(o))
  const of = <T extends PipelineOutcome['type']>(type: T) =>
    outcomes.filter((o): o is Extract<PipelineOutcome, { type: T }> => o.type === type)
  return {
    transport,
    analytics,
    outcomes,
    failed: () => of('failed'),
    sent: () => of('sent'),
    dropped: () => of('dropped'),
    /** Names of the events in each request, in order, leaving out `session_started`. */
    requests: () =>
      transport.batches
        .filter((b) => b.events.length > 0)
        .map((b) => b.events.map((e) => e.event_name).filter((n) => n !== 'session_started')),
    /** Requests that carried events (metric points may travel alone). */
    eventBatches: () => transport.batches.filter((b) => b.events.length > 0),
  }
}

/** Asserts `tracked = delivered + dropped + pending`, and that pending is what the queue holds. */
export function expectBalancedLedger(analytics: Analytics) {
  const { ledger, queueSize } = analytics.getState()
  expect(ledger.tracked).toBe(ledger.delivered + ledger.droppedTotal + ledger.pending)
  expect(ledger.pending).toBe(queueSize)
  return ledger
}

/** An in-memory Web Locks manager shared by the "tabs" of one test. */
export function fakeLocks() {
  const held = new Map<string, Promise<unknown>>()
  const names = new Set<string>()
  const locks = {
    async request(
      name: string,
      ...args:
        | [(lock: object | null) => unknown]
        | [{ ifAvailable?: boolean }, (lock: object | null) => unknown]
    ) {
      const [options, callback] = args.length === 1 ? [{}, args[0]] : args
      if (options.ifAvailable && held.has(name)) return callback(null)
      while (held.has(name)) await held.get(name)!.catch(() => {})
      const run = (async () => {
        names.add(name)
        try {
          return await callback({ name, mode: 'exclusive' })
        } finally {
          names.delete(name)
          held.delete(name)
        }
      })()
      held.set(name, run)
      return run
    },
    async query() {
      return { held: [...names].map((name) => ({ name, mode: 'exclusive' })), pending: [] }
    },
  }
  return { locks, held: names }
}
