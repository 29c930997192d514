import type { AnalyticsEvent } from '../core/types.js'
import type { SafeStore } from '../lib/storage.js'
import { uuid } from '../lib/uuid.js'
import { createEventSerializer } from './encodeBatch.js'
import type { Timers } from './types.js'

/** Storage settings of the unsent queue. */
export interface PersistenceOptions {
  /** Largest total size of the stored queue, in characters of storage (default 1,000,000, about 1 MB). */
  maxBytes?: number
}

/** An event in the delivery queue, with its serialized form and the storage chunk that holds it. */
export interface QueueEntry {
  /** The event object until it is serialized; then only `json` is kept, which takes less memory. */
  event?: AnalyticsEvent
  /** Its message_id. */
  id: string
  /** The event as JSON; empty until the queue serializes it. */
  json: string
  /** UTF-8 length of `json`. */
  bytes: number
  /**
   * When the event's context is serialized apart (`json` is then `head + context + '}'`): its JSON up to
   * and including `"context":`, and the context's JSON, a string shared by the events that share it.
   * Storage keeps each context once per chunk.
   */
  head?: string
  context?: string
  chunk?: Chunk
  /** Acknowledged or dropped. */
  done?: boolean
  /** Handed to the browser at page exit since the page was last visible. */
  exited?: boolean
}

interface Chunk {
  key: string
  entries: QueueEntry[]
  size: number
}

/** The stored copy of the unsent queue, shared safely between the tabs of one origin. */
export interface PersistentQueue {
  /**
   * Stores the serialized entries not stored yet, in order, in new chunks, as far as the byte bound and
   * the quota allow. Returns true when none is left unstored.
   */
  write(entries: QueueEntry[]): boolean
  /** Forgets entries marked done: removes chunks left empty, rewrites chunks left partly done. */
  settle(entries: QueueEntry[]): void
  /**
   * Adopts the chunks of pages that are gone (reloaded, closed, crashed) and passes their events on.
   * Returns false when storage is not usable yet (e.g. held until consent), so the caller tries later.
   */
  claim(restore: (entries: QueueEntry[]) => void): boolean
  /** Renews this tab's lease on its chunks (where Web Locks are missing); called on every send attempt. */
  touch(): void
  /** The page is going away or into the back/forward cache: let other tabs adopt its chunks. */
  suspend(): void
  /** The page came back from the back/forward cache. */
  resume(): void
  close(): void
}

const CHUNK_CHARS = 16_384
const LEASE_MS = 600_000

/**
 * The stored form of entries: a JSON array of events, where each context shared by several events is
 * written once, in an array at the head of the chunk, and the events refer to it by its index.
 */
function chunkJson(entries: QueueEntry[]): string {
  const contexts: string[] = []
  const events = entries.map((e) => {
    if (e.head === undefined) return e.json
    let i = contexts.indexOf(e.context!)
    if (i < 0) i = contexts.push(e.context!) - 1
    return `${e.head}${i}}`
  })
  return `[${contexts.length ? `[${contexts.join(',')}],` : ''}${events.join(',')}]`
}

/**
 * Keeps the unsent queue in `store` as small chunks (`q.<tab>.<n>`, a JSON array of events each), written
 * once per burst of tracking and removed once acknowledged, so no track rewrites the whole queue. Chunks
 * belong to the tab that wrote them while it lives; a later page adopts the chunks of a tab that is gone,
 * storing their events again under its own name.
 * Liveness comes from Web Locks (each tab holds `<prefix>tab.<id>` and adoption runs under
 * `<prefix>claim`). Where the browser lacks them, a tab owning chunks keeps a lease key `h.<tab>` that it
 * renews on every write and send attempt and removes on `pagehide`, and adoption runs under a storage
 * lease; a crashed tab's chunks are then adopted once its lease (10 minutes) has run out. No timer runs
 * in the background. A quota error leaves entries in memory only.
 */
export function createPersistentQueue(
  store: SafeStore,
  options: PersistenceOptions & { prefix: string; now: () => number; timers: Timers },
): PersistentQueue {
  const { prefix, now, timers } = options
  const maxBytes = options.maxBytes ?? 1_000_000
  const tab = uuid().slice(0, 8)
  const tabLock = `${prefix}tab.`
  const locks = lockManager()
  const own = new Set<Chunk>()
  // chunks holding settled events, rewritten without them at the end of the task
  const stale = new Set<Chunk>()
  let rewriteQueued = false
  let used = 0
  let serial = 0
  let blockedUntil = 0
  let lastBeat = 0
  let claiming = false
  let suspended = false
  let closed = false

  // Tab locks held while this tab lives: its own, and those of the tabs whose chunks it adopted. Another
  // tab's view of storage may show adopted chunks for a moment after their removal (storage and locks reach
  // it by separate channels); the held lock tells it their tab is not gone. Resolves once held (or not).
  const releases: (() => void)[] = []
  const hold = (id: string) =>
    new Promise<void>((held) => {
      if (!locks) return held()
      locks
        .request(tabLock + id, { ifAvailable: true }, (lock) => {
          held()
          return lock ? new Promise<void>((release) => releases.push(release)) : undefined
        })
        .catch(() => held())
    })

  const beat = (force?: boolean) => {
    if (locks || suspended || closed) return
    if (own.size === 0) {
      if (lastBeat) store.remove(`h.${tab}`)
      lastBeat = 0
    } else if (force || now() - lastBeat > 30_000) {
      lastBeat = now()
      store.set(`h.${tab}`, String(lastBeat + LEASE_MS))
    }
  }

  const liveTabs = async (): Promise<Set<string>> => {
    const live = new Set([tab])
    if (locks) {
      const snapshot = await locks.query()
      for (const lock of [...(snapshot.held ?? []), ...(snapshot.pending ?? [])])
        if (lock.name?.startsWith(tabLock)) live.add(lock.name.slice(tabLock.length))
    } else {
      for (const key of store.keys())
        if (key.startsWith('h.') && Number(store.get(key)) > now()) live.add(key.slice(2))
    }
    return live
  }

  // runs while this tab alone may adopt: under the claim lock or the storage lease
  const adopt = (live: Set<string>): [QueueEntry[], Set<string>] => {
    const orphans: [string, string][] = []
    const gone = new Set<string>()
    used = 0
    for (const key of store.keys()) {
      const value = key.startsWith('q.') ? store.get(key) : null
      if (value === null) continue
      const owner = key.split('.')[1] ?? ''
      if (live.has(owner)) used += value.length
      else {
        orphans.push([key, value])
        gone.add(owner)
      }
    }
    const events: AnalyticsEvent[] = []
    for (const [, value] of orphans) events.push(...parseEvents(value))
    events.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.seq - b.seq))
    const serialize = createEventSerializer()
    const restored = events.map((event): QueueEntry => {
      const e: QueueEntry = { id: event.message_id, json: '', bytes: 0, event }
      serialize(e)
      e.event = undefined
      return e
    })
    // stored again under this tab before the dead tab's keys go: a crash in between duplicates, never loses
    queue.write(restored)
    for (const [key] of orphans) store.remove(key)
    return [restored, gone]
  }

  const forgetChunk = (chunk: Chunk) => {
    used -= chunk.size
    store.remove(chunk.key)
    own.delete(chunk)
    stale.delete(chunk)
  }

  const rewrite = () => {
    rewriteQueued = false
    for (const chunk of stale) {
      const rest = chunk.entries.filter((e) => !e.done)
      if (rest.length > 0) {
        const value = chunkJson(rest)
        used -= chunk.size
        if (store.set(chunk.key, value)) {
          chunk.entries = rest
          chunk.size = value.length
          used += chunk.size
          continue
        }
        used += chunk.size
        for (const e of rest) e.chunk = undefined
      }
      forgetChunk(chunk)
    }
    stale.clear()
    beat()
  }

  const queue: PersistentQueue = {
    write(entries) {
      if (closed || !store.durable || now() < blockedUntil) return false
      let i = 0
      let complete = true
      while (i < entries.length) {
        const part: QueueEntry[] = []
        // a context counts once per run of events sharing it (an overestimate when runs alternate)
        let last: string | undefined
        const room = Math.min(CHUNK_CHARS, maxBytes - used)
        let size = 4
        for (; i < entries.length; i++) {
          const e = entries[i]!
          if (e.done || e.chunk) continue
          // not serialized yet: the next write takes it
          if (!e.json) {
            complete = false
            continue
          }
          const length =
            e.head === undefined
              ? e.json.length
              : e.head.length + 7 + (e.context === last ? 0 : e.context!.length + 1)
          if (size + length > room) break
          part.push(e)
          size += length
          last = e.context
        }
        // an event larger than a chunk still gets one of its own, within the bound
        if (part.length === 0 && i < entries.length && entries[i]!.json.length + 2 <= maxBytes - used)
          part.push(entries[i++]!)
        if (part.length === 0) return complete && i >= entries.length
        const key = `q.${tab}.${(serial++).toString(36)}`
        const value = chunkJson(part)
        if (!store.set(key, value)) {
          // quota exceeded: drop the in-memory copy the store kept, and let storage rest a while
          store.remove(key)
          blockedUntil = now() + 10_000
          return false
        }
        const chunk: Chunk = { key, entries: part, size: value.length }
        for (const e of part) e.chunk = chunk
        own.add(chunk)
        used += chunk.size
        beat()
      }
      return complete
    },
    settle(entries) {
      for (const e of entries) if (e.chunk) stale.add(e.chunk)
      // chunks left empty go at once, freeing room for what waits to be stored; chunks left partly done
      // are rewritten once per task, however many of their events settle in it
      for (const chunk of stale) if (chunk.entries.every((x) => x.done)) forgetChunk(chunk)
      if (stale.size > 0 && !rewriteQueued) {
        rewriteQueued = true
        queueMicrotask(rewrite)
      }
      blockedUntil = 0
      beat()
    },
    touch: () => beat(),
    claim(restore) {
      if (closed || !store.durable) return false
      if (claiming) return true
      claiming = true
      const run = async () => {
        try {
          const [restored, gone] = adopt(await liveTabs())
          // before the claim lock goes to the next tab
          await Promise.all([...gone].map(hold))
          if (restored.length > 0) restore(restored)
        } finally {
          claiming = false
        }
      }
      try {
        if (locks) {
          locks.request(`${prefix}claim`, run).catch(() => {
            claiming = false
          })
          return true
        }
        const lease = store.get('claim')
        const [holder, since] = (lease ?? '').split('.')
        if (lease && holder !== tab && now() - Number(since) < 2_000) {
          // another tab is adopting; what it leaves (or its lease, if it died meanwhile) is looked at after
          claiming = false
          timers.set(() => queue.claim(restore), 2_100)
          return true
        }
        const mine = `${tab}.${now()}`
        store.set('claim', mine)
        // another tab writing the lease in the same instant wins or loses here, never both
        timers.set(() => {
          if (closed || store.get('claim') !== mine) {
            claiming = false
            return
          }
          run()
            .catch(() => {})
            .finally(() => store.remove('claim'))
        }, 50)
      } catch {
        claiming = false
      }
      return true
    },
    suspend() {
      // the page may not come back: what was settled leaves storage now
      rewrite()
      suspended = true
      for (const release of releases.splice(0)) release()
      if (lastBeat) store.remove(`h.${tab}`)
      lastBeat = 0
      if (store.get('claim')?.startsWith(`${tab}.`)) store.remove('claim')
    },
    resume() {
      if (closed) return
      suspended = false
      void hold(tab)
      beat(true)
    },
    close() {
      queue.suspend()
      closed = true
    },
  }
  void hold(tab)
  return queue
}

function lockManager(): LockManager | undefined {
  try {
    const locks = (globalThis as { navigator?: Navigator }).navigator?.locks
    return typeof locks?.request === 'function' && typeof locks.query === 'function' ? locks : undefined
  } catch {
    return undefined
  }
}

function parseEvents(value: string): AnalyticsEvent[] {
  try {
    const parsed: unknown = JSON.parse(value)
    if (!Array.isArray(parsed)) return []
    // the contexts the chunk's events refer to by index, when it has any
    const contexts: unknown[] = Array.isArray(parsed[0]) ? parsed.shift() : []
    return parsed.filter((e): e is AnalyticsEvent => {
      if (typeof e !== 'object' || e === null) return false
      if (typeof e.context === 'number') {
        e.context = contexts[e.context]
        if (typeof e.context !== 'object' || e.context === null) return false
      }
      return typeof e.message_id === 'string' && typeof e.event_name === 'string'
    })
  } catch {
    return []
  }
}
