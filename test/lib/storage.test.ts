import { describe, expect, it } from 'vitest'
import { createSafeStore, type StorageLike } from '../../src/lib/storage.js'
import { captureWarnings } from '../support/captureWarnings.js'
import { memoryStorage } from '../support/memoryStorage.js'

describe('createSafeStore', () => {
  it('keeps every key under its prefix and never touches the host app’s keys', () => {
    const backend = memoryStorage()
    backend.setItem('app:token', 'secret')
    const store = createSafeStore('ik:', backend)
    store.set('anon', 'a1')
    expect(backend.data.get('ik:anon')).toBe('a1')
    expect(store.keys()).toEqual(['anon'])
    store.remove('anon')
    expect([...backend.data.keys()]).toEqual(['app:token'])
  })

  it('falls back to memory when the backend throws on write (quota, privacy mode), without throwing', () => {
    // the warning this test provokes is asserted, not printed
    captureWarnings(/storage refused a write; keeping this value in memory/)
    const backend = memoryStorage()
    backend.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError')
    }
    const store = createSafeStore('ik:', backend)
    expect(store.set('anon', 'a1')).toBe(false)
    expect(store.get('anon')).toBe('a1')
    expect(store.keys()).toContain('anon')
  })

  it('reads nothing and throws nothing when every storage call throws', () => {
    const broken: StorageLike = {
      getItem() {
        throw new Error('SecurityError')
      },
      setItem() {
        throw new Error('SecurityError')
      },
      removeItem() {
        throw new Error('SecurityError')
      },
      key() {
        throw new Error('SecurityError')
      },
      length: 3,
    }
    const store = createSafeStore('ik:', broken)
    expect(store.get('anon')).toBeNull()
    store.set('anon', 'x')
    expect(store.get('anon')).toBe('x')
    expect(() => store.remove('anon')).not.toThrow()
    expect(() => store.keys()).not.toThrow()
  })

  it('while held, keeps writes and removals in memory, then applies them when released', () => {
    const backend = memoryStorage()
    backend.setItem('ik:user', 'old_user')
    const store = createSafeStore('ik:', backend)
    store.hold(true)
    expect(store.durable).toBe(false)
    store.set('anon', 'a1')
    store.remove('user')
    expect(store.get('anon')).toBe('a1')
    expect(store.get('user')).toBeNull()
    expect(store.keys()).toEqual(['anon'])
    expect(backend.data.has('ik:anon')).toBe(false)
    expect(backend.data.get('ik:user')).toBe('old_user')
    store.hold(false)
    expect(backend.data.get('ik:anon')).toBe('a1')
    expect(backend.data.has('ik:user')).toBe(false)
    expect(store.durable).toBe(true)
  })
})
