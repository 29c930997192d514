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
  /** Returns false when the value could only be kept in memory (quota, privacy mode, no storage). */
  set(key: string, value: string): boolean
  remove(key: string): void
  /** Keys (without the prefix) currently stored under the prefix. */
  keys(): string[]
  /** True while values reach the durable backend. */
  readonly durable: boolean
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
  const memory = new Map<string, string>()
  let durable = backend !== undefined
  const store: SafeStore = {
    get durable() {
      return durable
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
    set(key, value) {
      if (durable && backend) {
        try {
          backend.setItem(prefix + key, value)
          memory.delete(key)
          return true
        } catch {
          // quota exceeded or storage revoked: keep working from memory from now on for this key
        }
      }
      memory.set(key, value)
      return false
    },
    remove(key) {
      memory.delete(key)
      if (!backend) return
      try {
        backend.removeItem(prefix + key)
      } catch {
        durable = false
      }
    },
    keys() {
      const out = new Set<string>(memory.keys())
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
      return [...out]
    },
  }
  return store
}
