import type { Analytics } from '../core/createAnalytics.js'
import type { Identity } from '../core/identity.js'
import type { SafeStore } from '../lib/storage.js'
import { warnOnce } from '../lib/warn.js'
import { assignVariation, controlOf, experimentUnit } from './assignVariation.js'
import type { Assignment, ExperimentDefinition } from './defineExperiment.js'
import { checkExperiment } from './defineExperiment.js'

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

// what is stored under `exposures`: the last 100 exposures of one session
interface Seen {
  /** Session id of the exposures. */
  s?: string
  /** When the record was last written. */
  t: number
  /** `key:index:unit` of each exposure. */
  k: string[]
}

/** Creates `analytics.experiments`; called by `wit/** Creates `analytics.experiments`; called by `withExperiments`. */
export function createExperiments(host: ExperimentsHost, options: ExperimentsOptions = {}): Experiments {
  const { identity, store } = host
  const overrides: Record<string, number | string> = { ...options.overrides }
  const cache = new Map<string, { def: ExperimentDefinition; stamp: string; a: Assignment }>()
  const listeners = new Set<() => void>()
  let snapshot: ExperimentsSnapshot | undefined
  let queued = false
  let started = false
  // `userId\nanonymousId` the assignments were made for
  let ids = ''
  // experiment key → variation name of the hashed assignments; rebuilt after a change
  let active: Record<string, string> | undefined
  let lastSession: string | undefined

  const notify = () => {
    for (const listener of listeners)
      try {
        listener()
      } catch (error) {
        if (process.env.NODE_ENV !== 'production')
          warnOnce('experiments-listener', 'an experiments listener threw.', error)
      }
  }

  // a login or logout changes the unit: assign every known experiment again
  const follow = () => {
    const now = `${identity.userId()}\n${identity.anonymousId()}`
    if (now !== ids) {
      ids = now
      for (const { def } of [...cache.values()]) assign(def)
    }
  }

  const start = () => {
    if (started) return
    started = true
    follow()
    const { internals } = host.client()
    internals.addContextProvider(() => {
      follow()
      if (!active) {
        active = {}
        for (const [key, { a }] of cache) if (a.reason === 'hashed') active[key] = a.variation
      }
      // a copy per event, so middleware changing one event's context cannot change another's
      for (const _ in active) return { experiments: { ...active } }
    })
    internals.observe((outcome) => {
      if (outcome.type === 'tracked' && outcome.event.session_id) {
        lastSession = outcome.event.session_id
        follow()
      }
    })
  }

  const assign = <TVariation extends string>(
    def: ExperimentDefinition<TVariation>,
  ): Assignment<TVariation> => {
    try {
      start()
      const key = def.key
      if (typeof key !== 'string' || !key) return controlOf(def, 'invalid')
      const url =
        options.urlOverrides === false
          ? ''
          : (options.url ?? (globalThis as { location?: { href?: string } }).location?.href ?? '')
      const unitId = experimentUnit(def, { userId: identity.userId(), anonymousId: identity.anonymousId() })
      const stamp = `${unitId}\n${overrides[key]}\n${url}`
      const cached = cache.get(key)
      if (cached?.def === def && cached.stamp === stamp) return cached.a as Assignment<TVariation>
      if (process.env.NODE_ENV !== 'production') {
        const problem = checkExperiment(def)
        if (problem) warnOnce(`experiment:${key}`, problem)
      }
      let a = assignVariation(def, unitId, { override: overrides[key], url })
      // an unchanged assignment keeps its object, so readers do not re-render
      if (cached && JSON.stringify(cached.a) === JSON.stringify(a)) a = cached.a
      else {
        // assignments change while rendering, so readers hear of it after the render, not during it
        snapshot = active = undefined
        if (!queued) {
          queued = true
          queueMicrotask(() => {
            queued = false
            notify()
          })
        }
      }
      cache.set(key, { def, stamp, a })
      return a as Assignment<TVariation>
    } catch (error) {
      if (process.env.NODE_ENV !== 'production')
        warnOnce('assign', 'an experiment could not be assigned; the control is shown.', error)
      return controlOf(def, 'invalid')
    }
  }

  return {
    assign,
    expose(target) {
      try {
        const a = 'variations' in target ? assign(target) : target
        if (!a.inExperiment || a.reason !== 'hashed' || a.unitId === undefined) return false
        start()
        const id = `${a.key}:${a.index}:${a.unitId}`
        const t = host.client().internals.now()
        // read storage every time: another tab of the same session may have exposed the unit already
        let seen: Seen | undefined
        try {
          seen = JSON.parse(store.get('exposures')!)
        } catch {}
        const k = Array.isArray(seen?.k) ? seen.k : []
        // the session this exposure would belong to, as the identity keeps it (shared by tabs, kept over reloads)
        const session = identity.peek(t)
        if (session !== undefined && seen?.s === session && k.includes(id)) return false
        host.client().track('experiment_exposed', {
          experiment_key: a.key,
          variation_name: a.variation,
          variation_index: a.index,
        })
        store.set(
          'exposures',
          JSON.stringify({ s: lastSession, t, k: [...(seen?.s === lastSession ? k : []), id].slice(-100) }),
        )
        return true
      } catch (error) {
        if (process.env.NODE_ENV !== 'production')
          warnOnce('expose', 'an exposure could not be tracked.', error)
        return false
      }
    },
    override(key, variation) {
      if (typeof key !== 'string') return
      if (variation == null) delete overrides[key]
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
