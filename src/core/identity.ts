import type { SafeStore } from '../lib/storage.js'
import { uuid } from '../lib/uuid.js'

/** Who and which session events belong to. */
export interface Identity {
  anonymousId(): string
  userId(): string | null
  setUserId(id: string | null): void
  /** Counts one event in the current session at `now`, starting a new session after the inactivity timeout. */
  touch(now: number): { sessionId: string; isNew: boolean; seq: number }
  /** Forgets the user and starts a new anonymous id; the next event starts a new session (logout). */
  reset(): void
  /** Writes the session's activity to storage; called on page hide and shutdown. */
  persist(): void
  /** Stops following changes made by other tabs. */
  close(): void
}

interface SessionState {
  id: string
  last: number
  seq: number
}

const newSessionId = () => `sess_${uuid().replace(/-/g, '').slice(0, 20)}`

const parseSession = (raw: string | null): SessionState | undefined => {
  try {
    const s = JSON.parse(raw ?? 'null') as SessionState | null
    return typeof s?.id === 'string' && typeof s.last === 'number' && typeof s.seq === 'number'
      ? s
      : undefined
  } catch {
    return undefined
  }
}

/**
 * Keeps the anonymous id, user id and session in `store`, so they survive reloads and are shared by
 * the tabs of one browser (each tab follows the others' changes through the `storage` event). Session
 * activity is written at most once per `writeEveryMs` and on `persist()`, rather than on every event:
 * reading and rewriting storage per call is what makes other SDKs' `track` slow.
 */
export function createIdentity(
  store: SafeStore,
  options: { sessionTimeoutMs: number; writeEveryMs?: number; anonymousId?: string; userId?: string | null },
): Identity {
  const writeEveryMs = options.writeEveryMs ?? 5_000
  let anonymousId = options.anonymousId || store.get('anon') || ''
  if (!anonymousId) {
    anonymousId = uuid()
    store.set('anon', anonymousId)
  } else if (options.anonymousId) store.set('anon', anonymousId)
  let userId: string | null = options.userId !== undefined ? options.userId : store.get('user')
  if (options.userId !== undefined)
    options.userId === null ? store.remove('user') : store.set('user', options.userId)
  let session: SessionState | undefined
  let writtenAt = Number.NEGATIVE_INFINITY

  const write = (s: SessionState) => {
    store.set('session', JSON.stringify(s))
    writtenAt = s.last
  }

  const unwatch = store.watch((key, value) => {
    if (key === 'anon' && value) anonymousId = value
    else if (key === 'user') userId = value
    else if (key === 'session') {
      const other = parseSession(value)
      if (!other) session = undefined
      else if (session?.id === other.id) {
        // the same session in another tab: never count backwards
        session.seq = Math.max(session.seq, other.seq)
        session.last = Math.max(session.last, other.last)
      } else if (!session || other.last >= session.last) session = other
    }
  })

  return {
    anonymousId: () => anonymousId,
    userId: () => userId,
    setUserId(id) {
      userId = id
      if (id === null) store.remove('user')
      else store.set('user', id)
    },
    touch(now) {
      let isNew = false
      if (!session || now - session.last > options.sessionTimeoutMs) {
        // another tab may have kept the shared session alive, so look before starting a new one
        const stored = parseSession(store.get('session'))
        if (stored && now - stored.last <= options.sessionTimeoutMs) session = stored
        else {
          session = { id: newSessionId(), last: now, seq: 0 }
          isNew = true
        }
      }
      session.last = now
      session.seq += 1
      if (isNew || now - writtenAt >= writeEveryMs) write(session)
      return { sessionId: session.id, isNew, seq: session.seq }
    },
    reset() {
      anonymousId = uuid()
      store.set('anon', anonymousId)
      userId = null
      store.remove('user')
      store.remove('session')
      session = undefined
    },
    persist() {
      if (session) write(session)
    },
    close: unwatch,
  }
}
