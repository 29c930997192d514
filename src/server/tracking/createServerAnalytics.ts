/// <reference types="node" />
import { LIBRARY } from '../../core/context.js'
import type {
  EventName,
  EventSchemas,
  Middleware,
  PropertiesOf,
  TrackOptions,
} from '../../core/createAnalytics.js'
import { createStages } from '../../core/createStages.js'
import { type ClientLimits, resolveLimits, toJsonSafe } from '../../core/jsonSafe.js'
import type { NamingMode } from '../../core/naming.js'
import type { PrivacyOptions } from '../../core/privacy.js'
import type { SamplingOptions } from '../../core/sampling.js'
import type {
  AnalyticsEvent,
  DropReason,
  EventContext,
  Ledger,
  OutcomeListener,
  PipelineOutcome,
  Properties,
  Stage,
} from '../../core/types.js'
import { type BatchOptions, createDelivery } from '../../delivery/createDelivery.js'
import { fetchTransport } from '../../delivery/fetchTransport.js'
import type { RetryOptions } from '../../delivery/retryPolicy.js'
import type { Timers, Transport } from '../../delivery/types.js'
import { assignVariation, controlOf, experimentUnit } from '../../experiments/assignVariation.js'
import type { Assignment, ExperimentDefinition } from '../../experiments/defineExperiment.js'
import { sha256 } from '../../lib/sha256.js'
import { uuid } from '../../lib/uuid.js'
import { warnOnce } from '../../lib/warn.js'
import {
  createMetrics,
  type Metrics,
  type MetricsOptions,
  type MetricTags,
} from '../../metrics/createMetrics.js'
import { metricsAlone } from '../../metrics/withMetrics.js'
import { collectorTransport, type InProcessCollector } from './collectorTransport.js'
import { timed } from './timed.js'

/**
 * Whom a server-side event is about. There is no "current user" on a server: every call says it, with
 * the user id, the browser's anonymous id (from `readIdentity(request)`), or both; the session id joins
 * the event to the browser session it happened in.
 */
export type ServerIdentity =
  | {
      /** The signed-in user's id. */
      userId: string
      /** The browser's anonymous id, when the request carries it. */
      anonymousId?: string | undefined
      /** The browser's session, when the request carries it; empty otherwise. */
      sessionId?: string | undefined
    }
  | {
      /** The user's id, when signed in. */
      userId?: string | null | undefined
      /** The browser's anonymous id, from `readIdentity(request)`. */
      anonymousId: string
      /** The browser's session, when the request carries it; empty otherwise. */
      sessionId?: string | undefined
    }

/** The properties argument of the server `track`: required when the event's schema requires any. */
export type ServerProperties<TEvents extends EventSchemas, TName extends string> =
  | PropertiesOf<TEvents, TName>
  | (Record<never, never> extends PropertiesOf<TEvents, TName> ? undefined : never)

/** Options of `createServerAnalytics`. Give one destination: `collector`, `url` or `transport`. */
export interface ServerAnalyticsOptions<TEvents extends EventSchemas = EventSchemas> {
  /** A collector in the same process (`createCollector(...)`): batches go through its ingest path into its store. */
  collector?: InProcessCollector
  /** A collector's batch URL, e.g. `https://collect.example.com/api/analytics/batch`. */
  url?: string
  /** Headers sent with every request to `url` (e.g. `authorization`). */
  headers?: Record<string, string>
  /** Any other transport (`memoryTransport()` in tests, `segmentTransport(...)`). */
  transport?: Transport
  /** Sent in every batch body. */
  writeKey?: string
  /** Event catalogue: names mapped to Standard Schema validators of their properties. */
  events?: TEvents
  /** What to do with names missing from `events` (default `'allow'`). */
  unknownEvents?: 'allow' | 'warn' | 'drop'
  /** What to do with events that fail validation (default `'drop'`). */
  invalidEvents?: 'drop' | 'send'
  /** Event naming rule enforcement (default `'warn'`). */
  naming?: NamingMode
  /** Sampling rates, by user or by session, decided exactly as in the browser. */
  sampling?: SamplingOptions
  /** PII redaction and hashing (on by default; `false` turns the stage off). */
  privacy?: PrivacyOptions | false
  /** Functions run in order after the built-in stages; each may change the event or return null to drop it. */
  middleware?: Middleware[]
  /** Properties added to every event (call-site properties win). */
  defaults?: Properties
  /** Fields added to every event's context (`service`, `region`, `version`…). */
  context?: Partial<EventContext>
  /** Limits applied to property values, as in the browser. */
  limits?: Partial<ClientLimits>
  /** When a batch is cut and sent (at most 100 events, 500,000 bytes, or 1,000 ms after its first event). */
  batch?: BatchOptions
  /** How failed sends are retried (network errors are retried with backoff, never parked for minutes). */
  retry?: RetryOptions
  /** Events kept in memory while the collector is unreachable; beyond it the oldest are dropped (default 10,000). */
  maxQueueEvents?: number
  /** Counters, gauges, histograms and timers (`analytics.metrics`), sent with the event batches. */
  metrics?: MetricsOptions
  /**
   * Experiments whose assignment rides in the context of every event of a unit in them (as in the
   * browser), so a server-side conversion is attributed to the variation the browser showed.
   */
  experiments?: readonly ExperimentDefinition[]
  /** Longest wait of `shutdown()` for a collector that keeps failing (default 10,000 ms). */
  shutdownTimeoutMs?: number
  /** The clock, injectable for tests. */
  now?: () => number
}

/** Experiment assignment on the server: the same hashing as the browser, so both show one variation. */
export interface ServerExperiments {
  /** The variation `identity` sees; pass the request `url` to honour `?<key>=<index>` overrides. */
  assign<TVariation extends string>(
    experiment: ExperimentDefinition<TVariation>,
    identity: ServerIdentity,
    options?: { url?: string },
  ): Assignment<TVariation>
  /**
   * Tracks `experiment_exposed` for a server-only experiment (an API answer, an email), once per unit,
   * variation and session while this process runs. For a variation rendered into a page, let the browser
   * expose it: it knows whether it was seen. Returns whether an event was tracked.
   */
  expose(experiment: ExperimentDefinition, identity: ServerIdentity): boolean
}

/** The server-side client returned by `createServerAnalytics`. Every method is safe unbound and never throws. */
export interface ServerAnalytics<TEvents extends EventSchemas = EventSchemas> {
  /** Records an event for `identity`. Synchronous, returns nothing, never throws; without identity it is dropped. */
  track<TName extends EventName<TEvents>>(
    name: TName,
    properties: ServerProperties<TEvents, TName>,
    identity: ServerIdentity,
    options?: TrackOptions,
  ): void
  /** Tracks `user_identified` for a user id and the anonymous id it was known by, linking the two. */
  identify(identity: ServerIdentity & { userId: string }, traits?: Properties): void
  /** Counters, gauges, histograms and timers, sent with the event batches. */
  readonly metrics: Metrics
  /**
   * Runs `fn` and records its duration into the histogram `name` with `outcome` (see `timed`); returns
   * what `fn` returns and rethrows what it throws.
   */
  timed<T>(name: string, fn: () => T, tags?: MetricTags): T
  /** Experiment assignment for a given identity, with exposures tracked. */
  readonly experiments: ServerExperiments
  /** Sends everything queued; resolves once the queue is empty or waiting to retry. */
  flush(): Promise<void>
  /**
   * Flushes, retrying for up to `shutdownTimeoutMs`, then stops. What still could not be delivered is
   * counted as dropped (`client_closed`), never lost silently. Call it on SIGTERM and at the end of a
   * serverless invocation.
   */
  shutdown(): Promise<void>
  /** Listens to every pipeline outcome; returns the unsubscribe function. */
  subscribe(listener: OutcomeListener): () => void
  /** A snapshot of the ledger and the queue. */
  getState(): {
    /** What happened to every event so far: `tracked = delivered + dropped + pending`. */
    ledger: Ledger
    /** Events in the delivery queue (in flight included). */
    queueSize: number
  }
}

const MAX_EXPOSURES = 10_000

/**
 * Creates a server-side client: the browser client's pipeline (naming, catalogue validation, sampling,
 * privacy, JSON safety, middleware) with identity per call, delivered with the same batching, retry and
 * `message_id` deduplication, into an in-process collector or to a collector URL, from a bounded
 * in-memory queue.
 *
 * @example
 * const analytics = createServerAnalytics({ url: 'https://collect.example.com/api/analytics/batch' })
 * analytics.track('purchase_completed', { order_value: 149.99 }, { userId: req.user.id })
 * process.once('SIGTERM', () => void analytics.shutdown().then(() => process.exit(0)))
 */
export function createServerAnalytics<const TEvents extends EventSchemas = EventSchemas>(
  options: ServerAnalyticsOptions<TEvents> = {},
): ServerAnalytics<TEvents> {
  const now = options.now ?? (() => Date.now())
  const transport = pickTransport(options)
  const limits = resolveLimits(options.limits)
  const experiments = options.experiments ?? []
  const baseContext: EventContext = { library: LIBRARY, platform: 'node', ...options.context }
  const listeners = new Set<OutcomeListener>()
  const ledger: Ledger = { tracked: 0, restored: 0, delivered: 0, pending: 0, dropped: {}, droppedTotal: 0 }
  // queued and not yet settled, so that shutdown can count what it gives up on
  const pending = new Map<string, string>()
  const validating = new Set<Promise<void>>()
  const exposed = new Set<string>()
  let closed = false
  let closing: Promise<void> | undefined

  const emit = (outcome: PipelineOutcome) => {
    switch (outcome.type) {
      case 'tracked':
        ledger.tracked++
        break
      case 'queued':
        pending.set(outcome.event.message_id, outcome.event.event_name)
        break
      case 'sent':
        ledger.delivered += outcome.message_ids.length
        for (const id of outcome.message_ids) pending.delete(id)
        break
      case 'dropped':
        ledger.dropped[outcome.reason] = (ledger.dropped[outcome.reason] ?? 0) + 1
        ledger.droppedTotal++
        if (outcome.message_id) pending.delete(outcome.message_id)
    }
    ledger.pending = ledger.tracked - ledger.delivered - ledger.droppedTotal
    for (const listener of listeners) {
      try {
        listener(outcome)
      } catch (error) {
        if (process.env.NODE_ENV !== 'production')
          warnOnce('listener-threw', 'a subscribe() listener threw; the event was not affected.', error)
      }
    }
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

  const reject = (name: unknown, reason: DropReason, detail: string) => {
    if (process.env.NODE_ENV !== 'production')
      warnOnce(`server-reject:${reason}:${detail}`, `an event was dropped (${reason}): ${detail}`)
    const event_name = typeof name === 'string' ? name : `(${typeof name})`
    ledger.tracked++
    emit({ type: 'dropped', reason, stage: 'build', event_name, detail })
  }

  // unref'd: a pending retry or batch timer must not keep a finished process alive; shutdown() waits instead
  const timers: Timers = {
    set: (callback, ms) => {
      const id = setTimeout(callback, ms)
      id.unref?.()
      return id
    },
    clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  }
  const delivery = createDelivery(
    {
      transport,
      writeKey: options.writeKey,
      batch: { ...options.batch, intervalMs: options.batch?.intervalMs ?? 1_000 },
      maxQueueEvents: options.maxQueueEvents,
      // an unreachable collector is not an ad blocker: keep backing off rather than parking for minutes
      retry: { blockedAfter: Number.POSITIVE_INFINITY, ...options.retry },
      pageExit: false,
      now,
      timers,
    },
    {
      report: emit,
      drop: (events, reason, detail) => {
        for (const e of events) drop(e, reason, 'delivery', detail)
      },
      collectMetrics: () => metricsLayer.collect(),
    },
  )

  const metricsLayer = createMetrics(options.metrics ?? {}, {
    naming: options.naming ?? 'warn',
    now,
    consent: () => 'granted',
    queueSize: () => delivery.size(),
    flush: () => client.flush(),
    ...metricsAlone(transport, options.writeKey, now),
  })
  listeners.add(metricsLayer.observe)

  const idsOf = (identity: ServerIdentity | undefined) => {
    if (!identity || typeof identity !== 'object') return undefined
    const { userId, anonymousId, sessionId } = identity
    const user = typeof userId === 'string' && userId ? userId : null
    const anon = typeof anonymousId === 'string' && anonymousId ? anonymousId : ''
    if (!user && !anon) return undefined
    return { userId: user, anonymousId: anon, sessionId: typeof sessionId === 'string' ? sessionId : '' }
  }

  const assignmentsOf = (ids: { userId: string | null; anonymousId: string }) => {
    const active: Record<string, string> = {}
    let any = false
    for (const def of experiments) {
      const a = assignVariation(def, experimentUnit(def, ids))
      if (a.reason === 'hashed') {
        active[a.key] = a.variation
        any = true
      }
    }
    return any ? active : undefined
  }

  // the browser's stages after consent; on the server the bundle's size does not matter, so hashing
  // works without choosing a function
  const runStages = createStages(
    { ...options, privacy: options.privacy && { hash: sha256, ...options.privacy } },
    limits.maxEventBytes,
    {
      stop: drop,
      pass(out, redacted, hashed, sampled, truncated) {
        emit({ type: 'queued', event: out, redacted, hashed, sampled, truncated })
        delivery.enqueue(out)
      },
    },
  )

  const track = (
    name: string,
    properties: unknown,
    identity: ServerIdentity,
    trackOptions?: TrackOptions,
  ) => {
    if (closed) return reject(name, 'client_closed', 'track() was called after shutdown()')
    if (typeof name !== 'string' || !name)
      return reject(name, 'invalid', 'the event name must be a non-empty string')
    if (properties != null && (typeof properties !== 'object' || Array.isArray(properties)))
      return reject(name, 'invalid', `the properties of "${name}" must be an object`)
    const ids = idsOf(identity)
    if (!ids)
      return reject(
        name,
        'no_identity',
        `track("${name}") on the server needs an identity as its third argument: { userId } or { anonymousId } (readIdentity(request) gives the browser's).`,
      )
    let event: AnalyticsEvent
    const cut: string[] = []
    try {
      const ts = trackOptions?.timestamp
      let time = ts === undefined ? now() : new Date(ts).getTime()
      if (Number.isNaN(time)) {
        if (process.env.NODE_ENV !== 'production')
          warnOnce('timestamp', `"${name}": invalid timestamp option ${String(ts)}; using the current time.`)
        time = now()
      }
      let props = toJsonSafe((properties as Properties | undefined) ?? {}, limits, cut)
      if (options.defaults) {
        const base = toJsonSafe(options.defaults, limits, cut)
        props = Object.hasOwn(props, '__proto__') ? { ...base, ...props } : Object.assign(base, props)
      }
      const assigned = experiments.length ? assignmentsOf(ids) : undefined
      event = {
        event_name: name,
        message_id: uuid(),
        timestamp: new Date(time).toISOString(),
        user_id: ids.userId,
        anonymous_id: ids.anonymousId,
        session_id: ids.sessionId,
        // the browser's per-session counter cannot be continued here; 0 marks a server event
        seq: 0,
        properties: props,
        context: Object.assign(
          {},
          baseContext,
          assigned && { experiments: assigned },
          toJsonSafe(trackOptions?.context ?? {}, limits),
        ) as EventContext,
      }
    } catch (error) {
      return reject(name, 'internal_error', String(error))
    }
    if (process.env.NODE_ENV !== 'production' && cut.length)
      warnOnce(`cut:${name}`, `"${name}": values were cut to fit the property limits: ${cut.join(', ')}`)
    emit({ type: 'tracked', event })
    try {
      const running = runStages(event, cut.length ? cut : undefined)
      if (running) {
        const settled: Promise<void> = running
          .catch((error) => drop(event, 'internal_error', 'build', String(error)))
          .finally(() => validating.delete(settled))
        validating.add(settled)
      }
    } catch (error) {
      drop(event, 'internal_error', 'build', String(error))
    }
  }

  const flush = async () => {
    try {
      while (validating.size) await Promise.all(validating)
      await metricsLayer.flush(() => delivery.flush())
    } catch (error) {
      if (process.env.NODE_ENV !== 'production') warnOnce('server-flush', 'flush() failed.', error)
    }
  }

  const client: ServerAnalytics<TEvents> = {
    track: track as ServerAnalytics<TEvents>['track'],
    identify(identity, traits) {
      if (!identity || typeof identity.userId !== 'string' || !identity.userId) {
        if (process.env.NODE_ENV !== 'production')
          warnOnce('server-identify', 'identify() needs { userId } (and the anonymous id it was known by).')
        return
      }
      track('user_identified', traits ?? {}, identity)
    },
    metrics: metricsLayer.api,
    timed: (name, fn, tags) => timed(client, name, fn, tags),
    experiments: {
      assign(experiment, identity, assignOptions) {
        try {
          const ids = idsOf(identity)
          const unit = ids && experimentUnit(experiment, ids)
          return assignVariation(experiment, unit, { url: assignOptions?.url ?? '' }) as Assignment<
            (typeof experiment.variations)[number]
          >
        } catch (error) {
          if (process.env.NODE_ENV !== 'production')
            warnOnce('server-assign', 'an experiment could not be assigned; the control is shown.', error)
          return controlOf(experiment, 'invalid')
        }
      },
      expose(experiment, identity) {
        const a = client.experiments.assign(experiment, identity)
        if (!a.inExperiment || a.reason !== 'hashed' || a.unitId === undefined) return false
        const ids = idsOf(identity)!
        const key = `${a.key}:${a.index}:${a.unitId}:${ids.sessionId}`
        if (exposed.has(key)) return false
        if (exposed.size >= MAX_EXPOSURES) exposed.delete(exposed.values().next().value!)
        exposed.add(key)
        track(
          'experiment_exposed',
          { experiment_key: a.key, variation_name: a.variation, variation_index: a.index },
          identity,
        )
        return true
      },
    },
    flush,
    shutdown() {
      closing ??= (async () => {
        const deadline = Date.now() + (options.shutdownTimeoutMs ?? 10_000)
        await flush()
        // a failing collector is retried on the delivery's backoff until the deadline
        while (delivery.size() > 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(50, deadline - Date.now())))
          await flush()
        }
        closed = true
        metricsLayer.close()
        try {
          await delivery.shutdown()
        } catch {
          // reported through the ledger
        }
        if (pending.size > 0 && process.env.NODE_ENV !== 'production')
          warnOnce(
            'server-shutdown',
            `shutdown(): ${pending.size} events could not be delivered before the timeout and were dropped.`,
          )
        for (const [message_id, event_name] of [...pending])
          emit({ type: 'dropped', reason: 'client_closed', stage: 'delivery', event_name, message_id })
      })()
      return closing
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    getState: () => ({
      ledger: { ...ledger, dropped: { ...ledger.dropped } },
      queueSize: delivery.size(),
    }),
  }
  return client
}

function pickTransport(options: ServerAnalyticsOptions<EventSchemas>): Transport {
  if (options.transport) return options.transport
  if (options.collector) return collectorTransport(options.collector)
  if (options.url)
    return fetchTransport({ url: options.url, ...(options.headers && { headers: options.headers }) })
  throw new Error(
    '[instrumentkit] createServerAnalytics() needs a destination: { collector } (in process), { url } (a collector URL) or { transport }.',
  )
}
