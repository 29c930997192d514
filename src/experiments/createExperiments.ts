import type { Analytics } from '../core/createAnalytics.js'
import type { Identity } from '../core/identity.js'
import type { SafeStore } from '../lib/storage.js'
import { warnOnce } from '../lib/warn.js'
import { assignVariation, controlOf, experimentUnit } from './assignVariation.js'
import type { Assignment, ExperimentDefinition } from './defineExperiment.js'
import { checkExperiment } from './defineExperiment.js'

const SEEN_KEY = 'exposures'
const MAX_SEEN = 100

/** Options of `withExperiments`. */
export interface ExperimentsOptions {
  /** Variations forced from the start (QA, previews): experiment key → variation index or name. */
  overrides?: Record<string, number | string>
  /** Honour `?<key>=<index>` in the page URL (default true). */
  urlOverrides?: boolean
  /** The URL URL overrides are read from (default `location.href`); pass the request URL on the server. */
  url?: string
}

/** What `experiments.getSnapshot()` returns; a new object whenever something in it changed. */
export interface ExperimentsSnapshot {
  /** The latest assignment of every experiment assigned so far, by key. */
  readonly assignments: Readonly<Record<string, Assignment>>
  /** Programmatic overrides, by key. */
  readonly overrides: Readonly<Record<string, number | string>>
}

/** `analytics.experiments`: assignment, exposure and QA overrides. Never throws. */
export interface Experiments {
  /**
   * The variation this client's unit sees. Deterministic, synchronous, side-effect free apart from
   * adding in-experiment assignments to the context of later events. The same object is returned
   * while nothing that decides it changed, so it can be used as a React external-store snapshot.
   */
  assign<TVariation extends string>(experiment: ExperimentDefinition<TVariation>): Assignment<TVariation>
  /**
   * Tracks `experiment_exposed` (`experiment_key`, `variation_name`, `variation_index`) unless this
   * unit already saw this variation in this session, including before a reload. Units not hashed
   * into the experiment (excluded, inactive, or forced by an override) are never exposed.
   * Returns whether an event was tracked.
   */
  expose(experiment: ExperimentDefinition | Assignment): boolean
  /** Forces a variation (index or name) for QA, or removes the override with `null`. */
  override(key: string, variation: number | string | null): void
  /** Listens to changes of overrides and assignments (e.g. after `identify`). */
  subscribe(listener: () => void): () => void
  /** Overrides and assignments as they are now; the same object until one of them changes (for `useSyncExternalStore`). */
  getSnapshot(): ExperimentsSnapshot
}

/** What the experiments need from the client that owns them. */
export interface ExperimentsHost {
  /** The owning client, read lazily because the experiments are created with it. */
  client: () => Pick<Analytics, 'track' | 'subscribe' | 'internals'>
  identity: Pick<Identity, 'userId' | 'anonymousId' | 'peek'>
  /** Where exposures are remembered across reloads. */
  store: SafeStore
}

interface Seen {
  /** Session id of the exposures. */
  s?: string
  /** When the record was last written. */
  t: number
  /** `key:index:unit` of each exposure. */
  k: string[]
}

/** Creates `analytics.experiments`; called by `withExperiments`. */
export function createExperiments(host: ExperimentsHost, options: ExperimentsOptions = {}): Experiments {
  const { identity, store } = host
  const overrides: Record<string, number | string> = { ...options.overrides }
  const cache = new Map<string, { def: ExperimentDefinition; stamp: string; a: Assignment }>()
  const listeners = new Set<() => void>()
  let snapshot: ExperimentsSnapshot | undefined
  let queued = false
  let started = false
  let userId: string | null = null
  let anonymousId = ''
  // experiment key → variation name of the hashed assignments; rebuilt after a change
  let active: Record<string, string> | undefined
  let lastSession: string | undefined

  const now = () => host.client().internals.now()
  const idsChanged = () => identity.userId() !== userId || identity.anonymousId() !== anonymousId

  const notify = () => {
    for (const listener of listeners) {
      try {
        listener()
      } catch (error) {
        if (process.env.NODE_ENV !== 'production')
          warnOnce('experiments-listener', 'an experiments listener threw.', error)
      }
    }
  }
  // assignments change while rendering, so readers hear of it after the render, not during it
  const changed = () => {
    snapshot = undefined
    active = undefined
    if (queued) return
    queued = true
    queueMicrotask(() => {
      queued = false
      notify()
    })
  }

  const refresh = () => {
    userId = identity.userId()
    anonymousId = identity.anonymousId()
    for (const { def } of [...cache.values()]) assign(def)
  }

  const start = () => {
    if (started) return
    started = true
    userId = identity.userId()
    anonymousId = identity.anonymousId()
    const client = host.client()
    client.internals.addContextProvider(() => {
      if (idsChanged()) refresh()
      if (!active) {
        active = {}
        for (const [key, { a }] of cache) if (a.reason === 'hashed') active[key] = a.variation
      }
      // a copy per event, so middleware changing one event's context cannot change another's
      for (const _ in active) return { experiments: { ...active } }
      return undefined
    })
    client.internals.observe((outcome) => {
      if (outcome.type !== 'tracked' || !outcome.event.session_id) return
      lastSession = outcome.event.session_id
      if (idsChanged()) refresh()
    })
  }

  const unitOf = (def: ExperimentDefinition) =>
    experimentUnit(def, { userId: identity.userId(), anonymousId: identity.anonymousId() })

  const pageUrl = (): string => {
    if (options.urlOverrides === false) return ''
    return options.url ?? (globalThis as { location?: { href?: string } }).location?.href ?? ''
  }

  const assign = <TVariation extends string>(
    def: ExperimentDefinition<TVariation>,
  ): Assignment<TVariation> => {
    try {
      start()
      const key = def.key
      const url = pageUrl()
      const unitId = unitOf(def)
      const stamp = `${unitId}\n${overrides[key]}\n${url}`
      const cached = cache.get(key)
      if (cached && cached.def === def && cached.stamp === stamp) return cached.a as Assignment<TVariation>
      if (process.env.NODE_ENV !== 'production') {
        const problem = checkExperiment(def)
        if (problem) warnOnce(`experiment:${key}`, problem)
      }
      const next = assignVariation(def, unitId, { override: overrides[key], url })
      const prev = cached?.a
      const same =
        prev &&
        prev.index === next.index &&
        prev.variation === next.variation &&
        prev.reason === next.reason &&
        prev.unitId === next.unitId
      const a = same ? prev : next
      if (typeof key !== 'string' || !key) return controlOf(def, 'invalid')
      cache.set(key, { def, stamp, a })
      if (!same) changed()
      return a as Assignment<TVariation>
    } catch (error) {
      if (process.env.NODE_ENV !== 'production')
        warnOnce('assign', 'an experiment could not be assigned; the control is shown.', error)
      return controlOf(def, 'invalid')
    }
  }

  const readSeen = (): Seen | undefined => {
    try {
      const raw = store.get(SEEN_KEY)
      const seen = raw ? (JSON.parse(raw) as Seen) : undefined
      return seen && typeof seen.t === 'number' && Array.isArray(seen.k) ? seen : undefined
    } catch {
      return undefined
    }
  }

  const expose = (target: ExperimentDefinition | Assignment): boolean => {
    try {
      const a = 'variations' in target ? assign(target) : target
      if (!a.inExperiment || a.reason !== 'hashed' || a.unitId === undefined) return false
      start()
      const id = `${a.key}:${a.index}:${a.unitId}`
      const at = now()
      // read storage every time: another tab of the same session may have exposed the unit already
      const seen = readSeen()
      // the session this exposure would belong to, as the identity keeps it (shared by tabs, kept over reloads)
      const session = identity.peek(at)
      if (seen && session !== undefined && seen.s === session && seen.k.includes(id)) return false
      host.client().track('experiment_exposed', {
        experiment_key: a.key,
        variation_name: a.variation,
        variation_index: a.index,
      })
      const keys = seen && seen.s === lastSession ? seen.k : []
      const next: Seen = { t: at, k: [...keys, id].slice(-MAX_SEEN) }
      if (lastSession !== undefined) next.s = lastSession
      store.set(SEEN_KEY, JSON.stringify(next))
      return true
    } catch (error) {
      if (process.env.NODE_ENV !== 'production')
        warnOnce('expose', 'an exposure could not be tracked.', error)
      return false
    }
  }

  return {
    assign,
    expose,
    override(key, variation) {
      if (typeof key !== 'string') return
      if (variation === null || variation === undefined) delete overrides[key]
      else if (typeof variation === 'number' || typeof variation === 'string') overrides[key] = variation
      else {
        if (process.env.NODE_ENV !== 'production')
          warnOnce('override', 'override() takes a variation index, a variation name or null.')
        return
      }
      snapshot = undefined
      const def = cache.get(key)?.def
      if (def) assign(def)
      notify()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    getSnapshot() {
      if (!snapshot) {
        const assignments: Record<string, Assignment> = {}
        for (const [key, { a }] of cache) assignments[key] = a
        snapshot = { assignments, overrides: { ...overrides } }
      }
      return snapshot
    },
  }
}
