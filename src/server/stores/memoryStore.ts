import type { EventRow, MetricRow, RejectionRow, Store, WriteSet } from './types.js'

/** A store that keeps rows in arrays, for unit tests of code that writes to a store. */
export interface MemoryStore extends Store {
  /** Always `memory`: it runs no SQL. */
  readonly dialect: 'memory'
  /** Every event row written, in write order, duplicates included (as the `events` table would hold them). */
  events(): EventRow[]
  /** Every metric point row written, in write order. */
  metrics(): MetricRow[]
  /** Every rejection row written, in write order. */
  rejections(): RejectionRow[]
}

/**
 * An in-memory store for unit tests: `write()` appends copies of the rows, the accessors read them
 * back. It runs no SQL: `query()` rejects, since reports need `duckdbStore` (use `:memory:` as its
 * path for a throw-away database).
 *
 * @example
 * ```ts
 * const store = memoryStore()
 * const collector = createCollector({ store })
 * // …post a batch…
 * expect(store.events().map((e) => e.event_name)).toEqual(['checkout_completed'])
 * ```
 */
export function memoryStore(): MemoryStore {
  const events: EventRow[] = []
  const metrics: MetricRow[] = []
  const rejections: RejectionRow[] = []
  let closed = false

  return {
    dialect: 'memory',
    async init() {},
    async write(rows: WriteSet) {
      if (closed) throw new Error('memoryStore: write() after close()')
      // copies, so a caller that reuses its row objects cannot change what was "stored"
      events.push(...rows.events.map((row) => ({ ...row })))
      metrics.push(...rows.metrics.map((row) => ({ ...row })))
      rejections.push(...rows.rejections.map((row) => ({ ...row })))
    },
    async recentMessageIds(sinceMs, limit) {
      const latest = new Map<string, number>()
      for (const row of events) {
        if (row.received_at_ms < sinceMs) continue
        latest.set(row.message_id, Math.max(latest.get(row.message_id) ?? 0, row.received_at_ms))
      }
      return [...latest]
        .sort((a, b) => b[1] - a[1])
        .slice(0, Math.max(0, limit))
        .map(([id]) => id)
    },
    async query() {
      throw new Error(
        'memoryStore runs no SQL: use duckdbStore({ path: ":memory:" }) for tests that query the store',
      )
    },
    async ping() {
      return !closed
    },
    async close() {
      closed = true
    },
    events: () => events.map((row) => ({ ...row })),
    metrics: () => metrics.map((row) => ({ ...row })),
    rejections: () => rejections.map((row) => ({ ...row })),
  }
}
