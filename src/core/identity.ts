import type { SafeStore } from '../lib/storage.js'
import { uuid } from '../lib/uuid.js'

/** Who and which session events belong to. */
export interface Identity {
  anonymousId(): string
  userId(): string | null
  setUserId(id: string | null): void
  /** The current session at `now`, starting a new one after the inactivity timeout. */
  touch(now: number): { sessionId: string; isNew: boolean; seq: number }
  /** Forgets the user and starts a new anonymous id; the next event starts a new session (logout). */
  reset(): void
  /** Writes pending session state to storage; called on page hide and shutdown. */
  persist(): void
}

interface SessionState {
  id: string
  last: number
  seq: number
}

const newSessionId = () => `sess_${uuid().replace(/-/g, '').slice(0, 20)}`

/**
 * Keeps the anonymous id, user id and session in `store`, so they survive reloads and are shared by
 * the tabs of one browser. Session activity is written at most once per `writeEveryMs` rather than
 * on every event: reading and rewriting storage per call is what makes other SDKs' `track` slow.
 */
export function createIdentity(
  store: SafeStore,
  options: { sessionTimeoutMs: number; writeEveryMs?: number; anonymousId?: string; userId?: string | null },
): Identity {
  const writeEveryMs = options.writeEveryMs ?? 5_000
  let anonymousId = options.anonymousId ?? store.get('anon') ?? ''
  if (!anonymousId) {
    anonymousId = uuid()
    store.set('anon', anonymousId)
  } else if (options.anonymousId) store.set('anon', anonymousId)
  let userId: string | null = options.userId !== undefined ? options.userId : store.get('user')
  let session: SessionState | undefined
  let writtenAt = 0

  const readSession = (): SessionState | undefined => {
    try {
      const raw = store.get('session')
      if (!raw) return undefined
      const s = JSON.parse(raw) as SessionState
      return typeof s.id === 'string' && typeof s.last === 'number' && typeof s.seq === 'number'
        ? s
        : undefined
    } catch {
      return undefined
    }
  }
  const write = (s: SessionState) => {
    store.set('session', JSON.stringify(s))
    writtenAt = s.last
  }

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
        const stored = readSession()
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
  }
}
