import { listen } from './listen.js'
import { warnOnce } from './warn.js'

/** The subset of the Web Storage API the kit uses; pass your own to store elsewhere. */
export interface StorageLike {
  /** The value under `key`, or null. */
  getItem(key: string): string | null
  /** Stores `value` under `key`; may throw (quota, privacy mode), which the kit catches. */
  setItem(key: string, value: string): void
  /** Removes `key`. */
  removeItem(key: string): void
  /** How many keys there are; with `key`, lets the kit find what earlier pages left under its prefix. */
  readonly length?: number
  /** The name of the `index`th key. */
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
    // Safari private mode and disabled cookies expose a storage that throws on use
    s?.setItem('__ik', '')
    s?.removeItem('__ik')
    return s
  } catch {}
}

/**
 * Wraps a storage backend so that every key carries `prefix` and every failure degrades to memory.
 * The memory copy is authoritative once a write has failed, so readers never see stale values.
 */
export function createSafeStore(prefix: string, backend: StorageLike | undefined): SafeStore {
  // null marks a key removed while held, so the backend's older value does not show through
  const memory = new Map<string, string | null>()
  let durable = !!backend
  let held = false
  const store: SafeStore = {
    get durable() {
      return durable && !held
    },
    get(key) {
      try {
        return memory.has(key) ? memory.get(key)! : durable ? backend!.getItem(prefix + key) : null
      } catch {
        return null
      }
    },
    set(key, value) {
      if (store.durable)
        try {
          backend!.setItem(prefix + key, value)
          memory.delete(key)
          return true
        } catch (error) {
          // quota exceeded or storage revoked: this key lives in memory from now on
          if (process.env.NODE_ENV !== 'production')
            warnOnce('storage', 'storage refused a write; keeping this value in memory.', error)
        }
      memory.set(key, value)
      return false
    },
    remove(key) {
      if (held) return void memory.set(key, null)
      memory.delete(key)
      try {
        backend?.removeItem(prefix + key)
      } catch {
        durable = false
      }
    },
    keys() {
      const out = new Set<string>()
      try {
        for (let i = 0, n = (durable && backend!.length) || 0; i < n; i++) {
          const k = backend!.key!(i)
          if (k?.startsWith(prefix)) out.add(k.slice(prefix.length))
        }
      } catch {
        // enumeration is best effort
      }
      for (const [key, value] of memory) value === null ? out.delete(key) : out.add(key)
      return [...out]
    },
    hold(next) {
      if (held === next) return
      held = next
      if (!held)
        for (const [key, value] of [...memory]) {
          memory.delete(key)
          value === null ? store.remove(key) : store.set(key, value)
        }
    },
    watch: (listener) =>
      backend
        ? listen(globalThis, 'storage', (e) => {
            const { key, newValue, storageArea } = e as StorageEvent
            // a listener failure must not surface in the host page
            if (storageArea === backend && key?.startsWith(prefix))
              try {
                listener(key.slice(prefix.length), newValue)
              } catch {}
          })
        : () => {},
  }
  return store
}
