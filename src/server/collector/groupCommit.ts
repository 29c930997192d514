import type { Store, WriteSet } from '../stores/types.js'

/** Writes for many requests at once; each request's promise settles when its rows are durable. */
export interface GroupCommit {
  /** Queues rows for the next write; resolves once they are durable, rejects if that write fails. */
  write(rows: WriteSet): Promise<void>
  /** Events queued or being written. */
  depth(): number
  /** When the oldest event not yet durable arrived (epoch ms), or undefined. */
  oldestQueuedAt(): number | undefined
  /** Resolves when everything queued so far has been written (or failed). */
  drain(): Promise<void>
}

interface Waiting {
  rows: WriteSet
  at: number
  resolve(): void
  reject(error: unknown): void
}

/**
 * Group commit: while one write is under way, requests that arrive queue up, and the next write takes
 * them all in one store call. A lone request is written at once, so nothing waits on a timer, and
 * under load the number of store writes stays near one per write's duration instead of one per request.
 */
export function createGroupCommit(store: Store, clock: () => number = Date.now): GroupCommit {
  let queue: Waiting[] = []
  let writing: Waiting[] = []
  let running: Promise<void> | undefined

  const run = async () => {
    while (queue.length) {
      writing = queue
      queue = []
      const rows: WriteSet = { events: [], metrics: [], rejections: [] }
      for (const w of writing) {
        for (const e of w.rows.events) rows.events.push(e)
        for (const m of w.rows.metrics) rows.metrics.push(m)
        for (const r of w.rows.rejections) rows.rejections.push(r)
      }
      try {
        await store.write(rows)
        for (const w of writing) w.resolve()
      } catch (error) {
        for (const w of writing) w.reject(error)
      }
      writing = []
    }
    running = undefined
  }

  const count = (list: Waiting[]) => list.reduce((n, w) => n + w.rows.events.length, 0)
  return {
    write(rows) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ rows, at: clock(), resolve, reject })
        running ??= run()
      })
    },
    depth: () => count(writing) + count(queue),
    oldestQueuedAt: () => (writing[0] ?? queue[0])?.at,
    drain: async () => {
      while (running) await running
    },
  }
}
