import type { SafeStore } from '../lib/storage.js'
import { uuid } from '../lib/uuid.js'

/** Who and which session events belong to. */
export interface Identity {
  anonymousId(): string
  userId(): string | null
  setUserId(id: string | null): void
  /** Counts one event in the current session at `now`, starting a new session after the inactivity timeout. */
  touch(now: number): { sessionId: string; isNew: boolean; seq: number }
  /** The session an event at `now` would belong to, or undefined when it would start a new one; counts nothing. */
  peek(now: number): string | undefined
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

const parseSession = (raw: string | null): SessionState | undefined => {
  try {
    const s = JSON.parse(raw!) as SessionState
    return typeof s.id === 'string' && s.last >= 0 && s.seq >= 0 ? s : undefined
  } catch {}
}

/**
 * Keeps the anonymous id, user id and session in `store`, so they survive reloads and are shared by
 * the tabs of one browser (each tab follows the others' changes through the `storage` event). Session
 * activity is written at most once every five seconds and on `persist()`, rather than on every event:
 * reading and rewriting storage per call is what makes other SDKs' `track` slow.
 */
export function createIdentity(
  store: SafeStore,
  options: { sessionTimeoutMs?: number; anonymousId?: string; userId?: string | null },
): Identity {
  const timeout = options.sessionTimeoutMs ?? 1_800_000
  let anonymousId = store.get('anon')
  let userId: string | null = null
  let session: SessionState | undefined
  let writtenAt = Number.NEGATIVE_INFINITY

  const setAnonymousId = (id: string) => {
    anonymousId = id
    store.set('anon', id)
  }
  const write = (s: SessionState) => {
    store.set('session', JSON.stringify(s))
    writtenAt = s.last
  }

  const identity: Identity = {
    anonymousId: () => anonymousId!,
    userId: () => userId,
    setUserId(id) {
      userId = id
      id === null ? store.remove('user') : store.set('user', id)
    },
    touch(now) {
      let isNew = false
      if (!session || now - session.last > timeout) {
        // another tab may have kept the shared session alive, so look before starting a new one
        session = parseSession(store.get('session'))
        if (!session || now - session.last > timeout) {
          session = { id: `sess_${uuid().replace(/-/g, '').slice(0, 20)}`, last: now, seq: 0 }
          isNew = true
        }
      }
      session.last = now
      session.seq++
      if (isNew || now - writtenAt >= 5_000) write(session)
      return { sessionId: session.id, isNew, seq: session.seq }
    },
    peek(now) {
      const s = session && now - session.last <= timeout ? session : parseSession(store.get('session'))
      return s && now - s.last <= timeout ? s.id : undefined
    },
    reset() {
      setAnonymousId(uuid())
      identity.setUserId(null)
      store.remove('session')
      session = undefined
    },
    persist() {
      if (session) write(session)
    },
    close: store.watch((key, value) => {
      if (key === 'anon' && value) anonymousId = value
      if (key === 'user') userId = value
      if (key === 'session') {
        const other = parseSession(value)
        if (other && session?.id === other.id) {
          // the same session in another tab: never count backwards
          session.seq = Math.max(session.seq, other.seq)
          session.last = Math.max(session.last, other.last)
        } else if (!other || !session || other.last >= session.last) session = other
      }
    }),
  }
  if (options.anonymousId || !anonymousId) setAnonymousId(options.anonymousId || uuid())
  if (options.userId === undefined) userId = store.get('user')
  else identity.setUserId(options.userId)
  return identity
}
