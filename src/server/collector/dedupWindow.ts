/** How many recent ids, and for how long, the collector remembers to drop duplicates at ingest. */
export interface DedupWindowOptions {
  /** Default 24 hours. */
  ms: number
  /** Default 1,000,000 ids (about 150 MB of memory when full). */
  maxIds: number
}

/**
 * The ids seen recently, oldest first (a Map keeps insertion order, so trimming the oldest is O(1)).
 * An id whose write is still under way maps to that write's promise: a copy arriving meanwhile waits
 * for it, so it is never answered as a duplicate of an event that then failed to be stored.
 */
export interface DedupWindow {
  /** `'new'`, `'stored'`, or the promise of the write that is storing it now. */
  check(id: string): 'new' | 'stored' | Promise<void>
  /** Marks ids as being written by `write`; on success they count as stored, on failure they are forgotten. */
  claim(ids: readonly string[], write: Promise<void>, now: number): void
  /** Seeds ids already in the store (after a restart). */
  seed(ids: readonly string[], now: number): void
  size(): number
}

/** Creates a bounded window of recent message ids. */
export function createDedupWindow(
  { ms, maxIds }: DedupWindowOptions,
  clock: () => number = Date.now,
): DedupWindow {
  // id → time seen; pending writes are kept apart so the hot map stays one number per id
  const seen = new Map<string, number>()
  const pending = new Map<string, Promise<void>>()
  const trim = (now: number) => {
    for (const [id, at] of seen) {
      if (seen.size <= maxIds && now - at <= ms) break
      seen.delete(id)
    }
  }
  return {
    check(id) {
      const write = pending.get(id)
      if (write) return write
      const at = seen.get(id)
      if (at === undefined) return 'new'
      if (clock() - at <= ms) return 'stored'
      // older than the window: forgotten, as if trimmed; the store's query-time dedup counts it once
      seen.delete(id)
      return 'new'
    },
    claim(ids, write, now) {
      for (const id of ids) pending.set(id, write)
      write.then(
        () => {
          for (const id of ids) {
            pending.delete(id)
            seen.set(id, now)
          }
          trim(clock())
        },
        () => {
          for (const id of ids) pending.delete(id)
        },
      )
    },
    seed(ids, now) {
      for (const id of ids) seen.set(id, now)
      trim(now)
    },
    size: () => seen.size + pending.size,
  }
}
