import { consoleTransport } from '../delivery/consoleTransport.js'
import { type BatchOptions, createDelivery } from '../delivery/createDelivery.js'
import type { PersistenceOptions } from '../delivery/createPersistentQueue.js'
import type { RetryOptions } from '../delivery/retryPolicy.js'
import type { Delivery, MetricPoint, Transport } from '../delivery/types.js'
import type { Experiments } from '../experiments/createExperiments.js'
import { browserStorage, createSafeStore, type SafeStore, type StorageLike } from '../lib/storage.js'
import { uuid } from '../lib/uuid.js'
import { warnOnce } from '../lib/warn.js'
import type { Metrics } from '../metrics/createMetrics.js'
import { createContextCollector, LIBRARY } from './context.js'
import { createStages } from './createStages.js'
import { createIdentity, type Identity } from './identity.js'
import { type ClientLimits, resolveLimits, toJsonSafe } from './jsonSafe.js'
import type { NamingMode } from './naming.js'
import type { PrivacyOptions } from './privacy.js'
import type { SamplingOptions } from './sampling.js'
import type { StandardSchemaV1 } from './standardSchema.js'
import type {
  AnalyticsEvent,
  Consent,
  DropReason,
  EventContext,
  JsonValue,
  Ledger,
  OutcomeListener,
  PageContext,
  PipelineOutcome,
  Properties,
  Stage,
} from './types.js'

/** A map from event name to the Standard Schema validator of its properties. */
export type EventSchemas = Record<string, StandardSchemaV1>

/** The properties `track(name, …)` accepts: the schema's input type for known events, anything otherwise. */
export type PropertiesOf<TEvents extends EventSchemas, TName extends string> = string extends keyof TEvents
  ? Properties
  : TName extends keyof TEvents
    ? StandardSchemaV1.InferInput<TEvents[TName]>
    : Properties

/** What `track(name, …)` takes after the name: the properties are required when the schema requires any. */
export type TrackArgs<TEvents extends EventSchemas, TName extends string> =
  Record<never, never> extends PropertiesOf<TEvents, TName>
    ? [properties?: PropertiesOf<TEvents, TName>, options?: TrackOptions]
    : [properties: PropertiesOf<TEvents, TName>, options?: TrackOptions]

/** Event names known to the catalogue, with editor completion, while still accepting other strings. */
export type EventName<TEvents extends EventSchemas> = (keyof TEvents & string) | (string & {})

/** A function `(event) => event | null` run after the built-in stages; `null` drops the event. */
export type Middleware = (event: AnalyticsEvent) => AnalyticsEvent | null | undefined

/** Per-call options of `track`. */
export interface TrackOptions {
  /** Overrides the event time (ISO-8601 or Date). */
  timestamp?: string | Date
  /** Merged into the event's context. */
  context?: Partial<EventContext>
}

/** Options of `createAnalytics`. Everything is optional; the defaults are production-ready. */
export interface AnalyticsOptions<TEvents extends EventSchemas = EventSchemas> {
  /** Sent in every batch body (never as a header, so page-exit requests stay CORS-simple). */
  writeKey?: string
  /**
   * Where batches go, e.g. `fetchTransport({ url })`. Without one, batches are printed to the console in
   * development and discarded in production.
   */
  transport?: Transport
  /** Event catalogue: names mapped to Standard Schema validators of their properties. */
  events?: TEvents
  /** What to do with names missing from `events` (default `'allow'`; ignored when no catalogue is given). */
  unknownEvents?: 'allow' | 'warn' | 'drop'
  /** What to do with events that fail validation (default `'drop'`). */
  invalidEvents?: 'drop' | 'send'
  /** Event naming rule enforcement (default `'warn'`). */
  naming?: NamingMode
  /** Sampling rates, by user or by session (default: keep everything). */
  sampling?: SamplingOptions
  /** PII redaction and hashing (on by default; `false` turns the stage off). */
  privacy?: PrivacyOptions | false
  /** Initial consent (default `'granted'`). While not granted, nothing is written to storage. */
  consent?: Consent
  /** Treat Global Privacy Control or Do Not Track as denied consent (default false). */
  respectDoNotTrack?: boolean
  /** Events held in memory while consent is pending (default 1,000; the oldest are dropped beyond it). */
  maxHeldEvents?: number
  /** Functions run in order after the built-in stages; each may change the event or return null to drop it. */
  middleware?: Middleware[]
  /** Properties added to every event (call-site properties win). */
  defaults?: Properties
  /** Fields added to, or overriding, the collected context. */
  context?: Partial<EventContext>
  /** Inactivity after which a new session starts (default 30 minutes). */
  sessionTimeoutMs?: number
  /** Where ids, sessions and the unsent queue are kept (default localStorage; `false` for memory only). */
  storage?: StorageLike | false
  /** Prefix of every storage key the kit writes (default `ik:`). */
  storagePrefix?: string
  /** Ids handed over from the server, so server and client agree on the unit. */
  anonymousId?: string
  /** The signed-in user's id, when it is known before the first event (as if `identify` had been called). */
  userId?: string | null
  /** Limits applied to property values (see docs/client.md, "Property values"). */
  limits?: Partial<ClientLimits>
  /** When a batch is cut and sent (at most 100 events, 500,000 bytes, or 5,000 ms after its first event). */
  batch?: BatchOptions
  /** How failed sends are retried: attempts (10), backoff base (1 s) and cap (60 s), ad-blocker back-off. */
  retry?: RetryOptions
  /** The unsent queue kept in storage across reloads, at most `maxBytes` (default 1 MB); `false` keeps it in memory. */
  persistence?: PersistenceOptions | false
  /** Hand what is queued to the browser with `sendBeacon` when the page is hidden or left (default true). */
  pageExit?: boolean
  /** Events kept in memory before the oldest are dropped (default 10,000). */
  maxQueueEvents?: number
  /** The clock, injectable for tests. */
  now?: () => number
  /**
   * A/B experiments, opt-in: `withExperiments({ overrides })` gives the client `analytics.experiments`. The
   * React experiment hooks install them on first use without it.
   */
  experiments?: AnalyticsPlugin<Experiments>
  /**
   * Counters, gauges, histograms and timers, opt-in: `withMetrics({ intervalMs })` gives the client
   * `analytics.metrics`. The React metrics hooks install them on first use without it.
   */
  metrics?: AnalyticsPlugin<Metrics>
}

/**
 * An opt-in module of the client, like `withMetrics()` or `withExperiments()`: called once with the client
 * it is given to, it returns the API the client then carries under the option's name.
 */
export type AnalyticsPlugin<TApi> = (client: Analytics) => TApi

/** What the plugins given to `createAnalytics` add to the client: each API exactly when its option was given. */
export type InstalledPlugins<TMetrics, TExperiments> = ([TMetrics] extends [AnalyticsPlugin<infer M>]
  ? {
      /** The client's metrics, from the `metrics` option. */
      readonly metrics: M
    }
  : unknown) &
  ([TExperiments] extends [AnalyticsPlugin<infer X>]
    ? {
        /** The client's experiments, from the `experiments` option. */
        readonly experiments: X
      }
    : unknown)

/** The client returned by `createAnalytics`. Every method is safe to call unbound and never throws. */
export interface Analytics<TEvents extends EventSchemas = EventSchemas> {
  /** Records an event. Synchronous, returns nothing, never throws. */
  track<TName extends EventName<TEvents>>(name: TName, ...args: TrackArgs<TEvents, TName>): void
  /** Tracks `page_viewed` with the page's path, url, title and referrer. */
  page(properties?: Properties): void
  /** Sets the user id for later events and tracks `user_identified` with privacy-filtered traits. */
  identify(userId: string, traits?: Properties): void
  /** Logout: forgets the user, starts a new anonymous id and session. */
  reset(): void
  /**
   * Records the user's decision. `granted` releases the held events into the pipeline and lets the kit
   * write to storage; `denied` drops them as `consent_denied`, as it does every later event, and writes
   * nothing. Other values are ignored.
   */
  setConsent(consent: 'granted' | 'denied'): void
  /** Sends everything queued; resolves once the queue is empty or waiting to retry. */
  flush(): Promise<void>
  /** Flushes and stops; later calls are dropped as `client_closed`. */
  shutdown(): Promise<void>
  /** Listens to every pipeline outcome; returns the unsubscribe function. */
  subscribe(listener: OutcomeListener): () => void
  /** A snapshot of identity, consent, the ledger and the queue, taken now. */
  getState(): AnalyticsState
  /** @internal Used by the React bindings, experiments and metrics. */
  readonly internals: AnalyticsInternals
}

/** A snapshot of identity, consent and the ledger. */
export interface AnalyticsState {
  /** The browser's anonymous id. */
  anonymousId: string
  /** The id given to `identify`, or null. */
  userId: string | null
  /** The current session, undefined before the first event. */
  sessionId: string | undefined
  /** The current consent. */
  consent: Consent
  /** What happened to every event so far: `tracked = delivered + dropped + pending`. */
  ledger: Ledger
  /** Events in the delivery queue (in flight included). */
  queueSize: number
}

/** Hooks for the kit's own modules; not part of the stable API. */
export interface AnalyticsInternals {
  /** Adds fields to the context of every later event. */
  addContextProvider(provider: () => Partial<EventContext> | undefined): () => void
  /**
   * Listens to every pipeline outcome like `subscribe`, but without asking for outcomes during the call
   * that caused them: `track()` then runs most of its pipeline at the end of the task.
   */
  observe(listener: OutcomeListener): () => void
  /** Adds a source of metric points sent with each batch. */
  addMetricsSource(source: () => MetricPoint[]): () => void
  /** Lets a plugin take part in the client's life: see `ClientHooks`. */
  addHooks(hooks: ClientHooks): void
  /** URLs the kit sends to itself (transport, metric exporters), so that instrumentation leaves them alone. */
  endpoints(): string[]
  /** The client's clock (the `now` option, or `Date.now`). */
  now(): number
  /** The current consent, read without building a state snapshot. */
  consent(): Consent
  /** The options the client was created with. */
  readonly options: AnalyticsOptions
  /** The client's storage, under its prefix, held until consent is granted. */
  readonly store: SafeStore
  /** The anonymous id, user id and session. */
  readonly identity: Identity
}

/** A plugin's part in the client's life. */
export interface ClientHooks {
  /** Wraps every later `flush()`: must call `deliver` (the delivery's flush) and settle after it. */
  flush?(deliver: () => Promise<void>): Promise<void>
  /** Called by `shutdown()` after its last flush. */
  close?(): void
  /** URLs the plugin sends to, added to `endpoints()`. */
  endpoints?(): string[]
}

/**
 * Creates an analytics client.
 *
 * @example
 * const analytics = createAnalytics({ transport: fetchTransport({ url: '/api/analytics/batch' }) })
 * analytics.track('checkout_completed', { order_value: 149.99 })
 */
export function createAnalytics<
  const TEvents extends EventSchemas = EventSchemas,
  TMetrics extends AnalyticsPlugin<Metrics> | undefined = undefined,
  TExperiments extends AnalyticsPlugin<Experiments> | undefined = undefined,
>(
  options: AnalyticsOptions<TEvents> & {
    /** Metrics, opt-in: `withMetrics()` gives the client `analytics.metrics`. */
    metrics?: TMetrics
    /** Experiments, opt-in: `withExperiments()` gives the client `analytics.experiments`. */
    experiments?: TExperiments
  } = {},
): Analytics<TEvents> & InstalledPlugins<TMetrics, TExperiments> {
  // read Date.now at each call, so fake clocks installed after the client was made still apply
  const now = options.now ?? (() => Date.now())
  const limits = resolveLimits(options.limits)
  const prefix = options.storagePrefix ?? 'ik:'
  const store = createSafeStore(
    prefix,
    options.storage === false ? undefined : (options.storage ?? browserStorage()),
  )
  const g = globalThis as {
    navigator?: { globalPrivacyControl?: boolean; doNotTrack?: string | null }
    doNotTrack?: string
    location?: Location
    document?: Document
  }
  let consent: Consent =
    options.respectDoNotTrack &&
    (g.navigator?.globalPrivacyControl || g.navigator?.doNotTrack === '1' || g.doNotTrack === '1')
      ? 'denied'
      : (options.consent ?? 'granted')
  // no identifier reaches storage before consent is granted
  if (consent !== 'granted') store.hold(true)
  const identity = createIdentity(store, options)
  const contexts = createContextCollector(options.context, store)
  const middleware = options.middleware ?? []
  const listeners = new Set<OutcomeListener>()
  // the kit's own listeners, which need not see an outcome during the call that caused it
  const observers = new Set<OutcomeListener>()
  const contextProviders = new Set<() => Partial<EventContext> | undefined>()
  const metricsSources = new Set<() => MetricPoint[]>()
  const plugins: ClientHooks[] = []
  const ledger: Ledger = { tracked: 0, restored: 0, delivered: 0, pending: 0, dropped: {}, droppedTotal: 0 }
  const held: Entry[] = []
  // calls captured by track() whose pipeline runs at the end of the task (or at once, when observed)
  const calls: Call[] = []
  let draining = false
  let drainQueued = false
  // where tracked events are that are neither queued for delivery nor held: between the stages of the
  // pipeline, and behind an asynchronous validator
  let passing = 0
  let awaiting = 0
  let lastTime = Number.NaN
  let lastTimestamp = ''
  let closed = false
  let sessionId: string | undefined
  // events waiting behind an asynchronous validator, so that order is kept
  let asyncTail: Promise<void> | undefined

  const emit = (outcome: PipelineOutcome) => {
    switch (outcome.type) {
      case 'tracked':
        ledger.tracked++
        break
      case 'restored':
        ledger.tracked += outcome.events.length
        ledger.restored += outcome.events.length
        break
      case 'sent':
        ledger.delivered += outcome.message_ids.length
        break
      case 'dropped':
        ledger.dropped[outcome.reason] = (ledger.dropped[outcome.reason] ?? 0) + 1
        ledger.droppedTotal++
    }
    for (const set of [listeners, observers])
      for (const listener of set) {
        try {
          listener(outcome)
        } catch (error) {
          if (process.env.NODE_ENV !== 'production')
            warnOnce('listener-threw', 'a subscribe() listener threw; the event was not affected.', error)
        }
      }
  }

  const tracked = (event: AnalyticsEvent) => {
    if (listeners.size || observers.size) emit({ type: 'tracked', event })
    else ledger.tracked++
  }

  const drop = (event: AnalyticsEvent, reason: DropReason, stage: Stage, detail?: string) =>
    emit({
      type: 'dropped',
      reason,
      stage,
      event,
      event_name: event.event_name,
      message_id: event.message_id,
      detail,
    })

  // a drop by one of the pipeline's own stages: the event leaves the pipeline
  const stop = (event: AnalyticsEvent, reason: DropReason, stage: Stage, detail?: string) => {
    passing--
    drop(event, reason, stage, detail)
  }

  const delivery: Delivery = createDelivery(
    {
      ...options,
      transport: options.transport ?? defaultTransport(),
      persistence:
        options.persistence === false || options.storage === false
          ? undefined
          : { ...options.persistence, store, prefix },
      now,
    },
    {
      report: emit,
      drop: (events, reason, detail) => {
        for (const e of events) drop(e, reason, 'delivery', detail)
      },
      collectMetrics: () => [...metricsSources].flatMap((source) => source()),
      exit: () => {
        // whatever was tracked in this task leaves with the page
        drain()
        // the session's activity is written lazily, so write it when the page may be going away
        identity.persist()
      },
    },
  )

  // the parts of an event that depend on the moment of the call: the rest is added when its pipeline runs
  const capture = (name: string, properties?: Properties, trackOptions?: TrackOptions): Call => {
    const at = now()
    const ts = trackOptions?.timestamp
    let time = ts === undefined ? at : new Date(ts).getTime()
    if (Number.isNaN(time)) {
      if (process.env.NODE_ENV !== 'production')
        warnOnce('timestamp', `"${name}": invalid timestamp option ${String(ts)}; using the current time.`)
      time = at
    }
    const cut: string[] = []
    // a copy made now: the caller may change its object as soon as track() returns
    const props = toJsonSafe(properties ?? {}, limits, cut)
    let provided: Partial<EventContext> | undefined
    for (const provider of contextProviders) provided = Object.assign(provided ?? {}, provider())
    const own = trackOptions?.context
    // the session of the moment
    let session = identity.touch(at)
    let started: Session | undefined
    if (session.isNew && name !== 'session_started') {
      // the session's first event is session_started itself, so it takes seq 1
      started = session
      session = identity.touch(at)
    }
    return {
      name,
      session,
      started,
      props,
      cut,
      at,
      time,
      page: contexts.page(),
      provided,
      own: own && typeof own === 'object' ? { ...own } : undefined,
    }
  }

  const build = (call: Call): Entry => {
    const { name, at, session, started } = call
    if (started) {
      const first = { ...call, name: 'session_started', props: {}, cut: [], time: at, own: undefined }
      const entry = build({ ...first, session: started, started: undefined })
      passing++
      tracked(entry.event)
      admit(entry)
    }
    sessionId = session.sessionId
    const shared = contexts.collect(sessionId, call.page)
    // events share the collected context until something is added, or middleware could change it
    const context =
      middleware.length || call.provided || call.own
        ? Object.assign({}, shared, call.provided, call.own)
        : shared
    // a burst of events shares a millisecond, and formatting a date costs more than the rest of track
    if (call.time !== lastTime) {
      lastTime = call.time
      lastTimestamp = new Date(call.time).toISOString()
    }
    const { cut } = call
    let props = call.props
    if (options.defaults) {
      const base = toJsonSafe(options.defaults, limits, cut)
      // Object.assign would turn an own "__proto__" key into a prototype change
      props = Object.hasOwn(props, '__proto__') ? { ...base, ...props } : Object.assign(base, props)
    }
    if (process.env.NODE_ENV !== 'production' && cut.length)
      warnOnce(`cut:${name}`, `"${name}": values were cut to fit the property limits: ${cut.join(', ')}`)
    return {
      event: {
        event_name: name,
        message_id: uuid(),
        timestamp: lastTimestamp,
        user_id: identity.userId(),
        anonymous_id: identity.anonymousId(),
        session_id: sessionId,
        seq: session.seq,
        properties: props,
        context,
      },
      cut: cut.length ? cut : undefined,
    }
  }

  // waits for an asynchronous validator; meanwhile the event counts as awaiting, not passing
  const wait = <T>(promise: Promise<T>, then: (value: T) => void | Promise<void>): Promise<void> => {
    passing--
    awaiting++
    const resume = () => {
      awaiting--
      passing++
    }
    return promise.then(
      (value) => {
        resume()
        return then(value)
      },
      (error) => {
        resume()
        throw error
      },
    )
  }

  // stages after consent; returns a promise only when an asynchronous validator is involved
  const runStages = createStages(options, limits.maxEventBytes, {
    stop,
    wait,
    pass(out, redacted, hashed, sampled, truncated) {
      // no outcome object is made when nobody listens: most pages never subscribe
      if (listeners.size || observers.size)
        emit({ type: 'queued', event: out, redacted, hashed, sampled, truncated })
      passing--
      delivery.enqueue(out)
    },
  })

  const fail = (event: AnalyticsEvent, error: unknown) => {
    if (process.env.NODE_ENV !== 'production')
      warnOnce('internal', 'an event failed inside the pipeline and was dropped.', error)
    stop(event, 'internal_error', 'build', describe(error))
  }

  // an entry counted as passing enters the stages from consent on
  const admit = (entry: Entry) => {
    const { event } = entry
    if (consent === 'denied') return stop(event, 'consent_denied', 'consent')
    if (consent === 'pending') {
      passing--
      held.push(entry)
      emit({ type: 'held', event, stage: 'consent' })
      if (held.length > (options.maxHeldEvents ?? 1_000))
        drop(held.shift()!.event, 'consent_overflow', 'consent')
      return
    }
    try {
      // behind an asynchronous validator, later events wait their turn so that order is kept
      const pending = asyncTail
        ? wait(asyncTail, () => runStages(event, entry.cut))
        : runStages(event, entry.cut)
      if (pending) {
        const tail: Promise<void> = pending
          .catch((error) => fail(event, error))
          .finally(() => {
            if (asyncTail === tail) asyncTail = undefined
          })
        asyncTail = tail
      }
    } catch (error) {
      fail(event, error)
    }
  }

  // runs the pipeline of every captured call, in order; a listener tracking meanwhile joins the end
  const drain = () => {
    drainQueued = false
    if (draining) return
    draining = true
    try {
      for (let i = 0; i < calls.length; i++) {
        const call = calls[i]!
        let entry: Entry
        try {
          entry = build(call)
        } catch (error) {
          reject(call.name, 'internal_error', describe(error))
          continue
        }
        passing++
        tracked(entry.event)
        admit(entry)
      }
    } finally {
      calls.length = 0
      draining = false
    }
  }

  // an event that cannot even be built still counts as tracked, so that the ledger balances
  const reject = (name: unknown, reason: DropReason, detail?: string) => {
    if (process.env.NODE_ENV !== 'production')
      warnOnce(`reject:${reason}:${detail}`, `an event was dropped (${reason}): ${detail}`)
    const event: AnalyticsEvent = {
      event_name: typeof name === 'string' ? name : `(${typeof name})`,
      message_id: '',
      timestamp: new Date(now()).toISOString(),
      user_id: null,
      anonymous_id: '',
      session_id: '',
      seq: 0,
      properties: {},
      context: { library: LIBRARY },
    }
    passing++
    emit({ type: 'tracked', event })
    passing--
    emit({ type: 'dropped', reason, stage: 'build', event_name: event.event_name, detail })
  }

  const track = (name: string, properties?: Properties, trackOptions?: TrackOptions) => {
    const unnamed = typeof name !== 'string' || !name
    if (
      closed ||
      unnamed ||
      (properties != null && (typeof properties !== 'object' || Array.isArray(properties)))
    ) {
      // outcomes keep the order of the calls
      drain()
      return reject(
        name,
        closed ? 'client_closed' : 'invalid',
        process.env.NODE_ENV !== 'production'
          ? closed
            ? 'track() was called after shutdown()'
            : unnamed
              ? 'the event name must be a non-empty string'
              : `the properties of "${name}" must be an object`
          : undefined,
      )
    }
    try {
      calls.push(capture(name, properties ?? undefined, trackOptions))
    } catch (error) {
      drain()
      return reject(name, 'internal_error', describe(error))
    }
    // a listener sees each outcome during the call that caused it; otherwise the rest of the pipeline
    // runs once the current task is done, and before anything reads or changes what it depends on
    if (listeners.size > 0 || draining) drain()
    else if (!drainQueued) {
      drainQueued = true
      // a promise reaction is the same microtask as queueMicrotask, without the wrapper some DOMs
      // (jsdom, where tests run) put around every call
      void Promise.resolve().then(drain)
    }
  }

  const adder =
    <T>(set: Set<T>) =>
    (item: T) => {
      set.add(item)
      return () => {
        set.delete(item)
      }
    }

  const client: Analytics<TEvents> = {
    track: track as Analytics<TEvents>['track'],
    page(properties) {
      const { location, document } = g
      track('page_viewed', {
        path: location?.pathname,
        url: location?.href,
        title: document?.title,
        referrer: document?.referrer,
        ...properties,
      })
    },
    identify(userId, traits) {
      if (typeof userId !== 'string' || !userId) {
        if (process.env.NODE_ENV !== 'production')
          warnOnce('identify', 'identify() needs a non-empty string user id; the call was ignored.')
        return
      }
      if (
        process.env.NODE_ENV !== 'production' &&
        userId.includes('@') &&
        !(options.privacy || undefined)?.hashUserId
      )
        warnOnce(
          'identify-email',
          'identify() got what looks like an email address; set privacy.hashUserId or use an opaque id.',
        )
      drain()
      identity.setUserId(userId)
      track('user_identified', traits)
    },
    reset() {
      drain()
      identity.reset()
      sessionId = undefined
    },
    setConsent(next) {
      if (next !== 'granted' && next !== 'denied') return
      drain()
      consent = next
      store.hold(next === 'denied')
      for (let entry = held.shift(); entry; entry = held.shift()) {
        passing++
        admit(entry)
      }
    },
    async flush() {
      try {
        drain()
        while (asyncTail) await asyncTail
        // plugins wrap the delivery's flush, each around the ones before it
        await plugins.reduce(
          (deliver, { flush }) => (flush ? () => flush(deliver) : deliver),
          () => delivery.flush(),
        )()
      } catch (error) {
        if (process.env.NODE_ENV !== 'production') warnOnce('flush', 'flush() failed.', error)
      }
    },
    async shutdown() {
      if (closed) return
      await client.flush()
      closed = true
      for (const plugin of plugins) plugin.close?.()
      identity.persist()
      identity.close()
      for (let entry = held.shift(); entry; entry = held.shift())
        drop(entry.event, 'client_closed', 'consent')
      try {
        await delivery.shutdown()
      } catch {
        // already reported through the ledger
      }
    },
    subscribe(listener) {
      // what was tracked before subscribing is not shown to the new listener
      drain()
      return adder(listeners)(listener)
    },
    getState() {
      drain()
      const queueSize = delivery.size()
      // counted where the events are, so that the ledger's balance is a real check
      const pending = held.length + awaiting + passing + queueSize
      return {
        anonymousId: identity.anonymousId(),
        userId: identity.userId(),
        sessionId,
        consent,
        ledger: { ...ledger, pending, dropped: { ...ledger.dropped } },
        queueSize,
      }
    },
    internals: {
      addContextProvider: adder(contextProviders),
      addMetricsSource: adder(metricsSources),
      observe: adder(observers),
      addHooks: (hooks) => void plugins.push(hooks),
      endpoints: () =>
        [options.transport?.url, ...plugins.flatMap((plugin) => plugin.endpoints?.() ?? [])].filter(
          (url): url is string => typeof url === 'string',
        ),
      now,
      consent: () => consent,
      options: options as AnalyticsOptions,
      store,
      identity,
    },
  }
  // typed by its own catalogue, the client is still the plain client the plugins take
  const plain = client as unknown as Analytics & { metrics?: Metrics; experiments?: Experiments }
  if (options.metrics) plain.metrics = options.metrics(plain)
  if (options.experiments) plain.experiments = options.experiments(plain)
  return client as Analytics<TEvents> & InstalledPlugins<TMetrics, TExperiments>
}

// without a transport: readable batches in development, nothing at all in production
function defaultTransport(): Transport {
  return process.env.NODE_ENV !== 'production'
    ? consoleTransport()
    : { name: 'none', send: async () => ({ ok: true, status: 204 }) }
}

/** What `track()` captures at the call; the rest of the event is built when its pipeline runs. */
interface Call {
  name: string
  /** The properties, already copied and made JSON-safe. */
  props: Record<string, JsonValue>
  cut: string[]
  /** When track() was called. */
  at: number
  /** The event's session and seq, counted at the call. */
  session: Session
  /** The session this call started, for the session_started event that goes before it. */
  started: Session | undefined
  /** The event's time: `at`, or the timestamp option. */
  time: number
  page: PageContext | undefined
  /** What the context providers (active experiments) gave at the call. */
  provided: Partial<EventContext> | undefined
  /** The call's own context option. */
  own?: Partial<EventContext> | undefined
}

type Session = ReturnType<Identity['touch']>

/** An event on its way through the stages, with the property paths the JSON rules cut, when any. */
interface Entry {
  event: AnalyticsEvent
  cut?: string[] | undefined
}

// the detail of a drop caused by an error: development builds only, like every drop's detail
function describe(error: unknown): string | undefined {
  if (process.env.NODE_ENV !== 'production')
    try {
      return String(error)
    } catch {
      return 'an unprintable error'
    }
}
