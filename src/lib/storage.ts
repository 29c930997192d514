import { warnOnce } from './warn.js'

/** The subset of the Web Storage API the kit uses; pass your own to store elsewhere. */
export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
  readonly length?: number
  key?(index: number): string | null
}

/** A key-value store confined to one prefix that never throws and falls back to memory on any failure. */
export interface SafeStore {
  get(key: string): string | null
  /** Returns false when the value could only be kept in memory (quota, privacy mode, no storage, held). */
  set(key: string, value: string): boolean
  remove(key: string): void
  /** Keys (without the prefix) currently stored under the prefix. */
  keys(): string[]
  /** True while values reach the durable backend. */
  readonly durable: boolean
  /**
   * While held, writes stay in memory (reads still see them); releasing copies them to the backend.
   * Used to keep identifiers out of storage until consent is granted.
   */
  hold(held: boolean): void
  /**
   * Calls `listener` when another tab changes one of this store's keys (the `storage` event).
   * Returns the unsubscribe function; a no-op outside browsers or with a custom backend.
   */
  watch(listener: (key: string, value: string | null) => void): () => void
}

/** Finds `localStorage` without touching it at import time; returns undefined where it is missing or blocked. */
export function browserStorage(): StorageLike | undefined {
  try {
    const s = (globalThis as { localStorage?: StorageLike }).localStorage
    if (!s) return undefined
    // Safari private mode and disabled cookies expose a storage that throws on use
    const probe = '__ik_probe__'
    s.setItem(probe, probe)
    s.removeItem(probe)
    return s
  } catch {
    return undefined
  }
}

/**
 * Wraps a storage backend so that every key carries `prefix` and every failure degrades to memory.
 * The memory copy is authoritative once a write has failed, so readers never see stale values.
 */
export function createSafeStore(prefix: string, backend: StorageLike | undefined): SafeStore {
  // null marks a key removed while held, so the backend's older value does not show through
  const memory = new Map<string, string | null>()
  let durable = backend !== undefined
  let held = false
  const write = (key: string, value: string): boolean => {
    if (durable && backend && !held) {
      try {
        backend.setItem(prefix + key, value)
        memory.delete(key)
        return true
      } catch (error) {
        // quota exceeded or storage revoked: this key lives in memory from now on
        if (process.env.NODE_ENV !== 'production')
          warnOnce('storage', 'storage refused a write; keeping this value in memory.', error)
      }
    }
    memory.set(key, value)
    return false
  }
  const store: SafeStore = {
    get durable() {
      return durable && !held
    },
    get(key) {
      if (memory.has(key)) return memory.get(key) ?? null
      if (!durable || !backend) return null
      try {
        return backend.getItem(prefix + key)
      } catch {
        return null
      }
    },
    set: write,
    remove(key) {
      if (held) return void memory.set(key, null)
      memory.delete(key)
      if (!backend) return
      try {
        backend.removeItem(prefix + key)
      } catch {
        durable = false
      }
    },
    keys() {
      const out = new Set<string>()
      if (backend && durable && typeof backend.key === 'function') {
        try {
          const n = backend.length ?? 0
          for (let i = 0; i < n; i++) {
            const k = backend.key(i)
            if (k?.startsWith(prefix)) out.add(k.slice(prefix.length))
          }
        } catch {
          // enumeration is best effort
        }
      }
      for (const [key, value] of memory) value === null ? out.delete(key) : out.add(key)
      return [...out]
    },
    hold(next) {
      if (held === next) return
      held = next
      if (held) return
      for (const [key, value] of [...memory]) {
        if (value !== null) write(key, value)
        else {
          memory.delete(key)
          store.remove(key)
        }
      }
    },
    watch(listener) {
      const g = globalThis as {
        addEventListener?: typeof addEventListener
        removeEventListener?: typeof removeEventListener
      }
      if (!backend || typeof g.addEventListener !== 'function') return () => {}
      const onStorage = (e: Event) => {
        const { key, newValue, storageArea } = e as StorageEvent
        if (storageArea !== backend || !key?.startsWith(prefix)) return
        try {
          listener(key.slice(prefix.length), newValue)
        } catch {
          // a listener failure must not surface in the host page
        }
      }
      g.addEventListener('storage', onStorage)
      return () => g.removeEventListener?.('storage', onStorage)
    },
  }
  return store
}
