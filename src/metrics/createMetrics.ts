import { checkMetricName, type NamingMode } from '../core/naming.js'
import type { Consent, PipelineOutcome } from '../core/types.js'
import type { MetricPoint, SendResult } from '../delivery/types.js'
import { uuid } from '../lib/uuid.js'
import { warnOnce } from '../lib/warn.js'
import { bucketIndex, DEFAULT_BOUNDS, validBounds } from './histogramBounds.js'
import { createKitHealth } from './kitHealth.js'

/** Tags of a metric point. `undefined` and `null` values are left out; numbers and booleans become strings. */
export type MetricTags = Record<string, string | number | boolean | null | undefined>

/** A running timer from `startTimer`. */
export interface MetricTimer {
  /**
   * Stops the timer, records the elapsed milliseconds as a histogram (with the start tags merged with
   * `tags`) and returns them. Later calls record nothing and return the same duration.
   */
  end(tags?: MetricTags): number
}

/** Why a metric value was not recorded or a point was not sent. */
export type MetricDropReason =
  | 'invalid_name'
  | 'naming'
  | 'invalid_value'
  | 'type_conflict'
  | 'too_many_metrics'
  | 'consent_denied'
  | 'client_closed'
  | 'backlog_full'
  | 'rejected'
  | 'internal_error'

/** Counters of what the metrics layer had to drop or fold. */
export interface MetricsStats {
  /** Values (or, for `backlog_full` and `rejected`, aggregated points) dropped, by reason. */
  dropped: Partial<Record<MetricDropReason, number>>
  /** Values folded into a metric's `{ overflow: 'true' }` series because it had too many tag sets. */
  overflowed: number
  /** Aggregated points waiting to be sent with the next batch. */
  pending: number
}

/** The metrics API of a client, `analytics.metrics`. Every method is safe to call unbound and never throws. */
export interface Metrics {
  /** Adds `value` (default 1, never negative) to a counter. */
  increment(name: string, value?: number, tags?: MetricTags): void
  /** Sets a gauge; the last value of each interval is sent. */
  gauge(name: string, value: number, tags?: MetricTags): void
  /** Records a value (not negative) into a histogram with count, sum, min, max and bucket counts. */
  histogram(name: string, value: number, tags?: MetricTags): void
  /** Starts a timer whose `end()` records elapsed milliseconds into the histogram `name`. */
  startTimer(name: string, tags?: MetricTags): MetricTimer
  /**
   * Sets the bucket bounds of one histogram (strictly increasing finite numbers) from the next interval
   * on, unless the `histogramBounds` option already sets them.
   */
  setHistogramBounds(name: string, bounds: readonly number[]): void
  /** Calls `listener` with the points of every aggregation interval when it closes. Returns the unsubscribe. */
  subscribe(listener: (points: MetricPoint[]) => void): () => void
  /** The aggregates of the interval still open, as points; for live displays. */
  peek(): MetricPoint[]
  /** Counts of dropped, overflowed and pending values, for health displays. */
  stats(): MetricsStats
}

/** Sends aggregated points somewhere other than the event batches, e.g. `otlpMetricsExporter`. */
export interface MetricsExporter {
  /** Names the exporter in development warnings, e.g. `otlp`. */
  readonly name: string
  /** Where it sends; requests to it are never instrumented by `instrumentFetch`. */
  readonly url?: string
  /** Sends points; never throws, failures come back as a `SendResult` and are retried later. */
  export(points: MetricPoint[]): Promise<SendResult>
  /** Best-effort send while the page goes away (keepalive); returns false when refused. */
  exportOnExit?(points: MetricPoint[]): boolean
}

/** Options of `withMetrics`. */
export interface MetricsOptions {
  /** Length of an aggregation interval in milliseconds (default 10,000). */
  intervalMs?: number
  /** Default histogram bucket bounds (default the OpenTelemetry ones, `DEFAULT_BOUNDS`). */
  bounds?: readonly number[]
  /** Bucket bounds per histogram name, e.g. `{ 'checkout.cart.items': [1, 2, 5, 10] }`. */
  histogramBounds?: Record<string, readonly number[]>
  /** Tag sets kept per metric and interval; further ones are folded into `{ overflow: 'true' }` (default 100). */
  maxSeriesPerMetric?: number
  /** Distinct metric names per interval (default 200); values of further names are dropped. */
  maxMetrics?: number
  /** Aggregated points kept while they cannot be sent; the oldest are dropped beyond it (default 2,000). */
  maxBacklogPoints?: number
  /** Send points in the event batches (default true). */
  sendWithEvents?: boolean
  /** Also send every interval's points to these exporters. */
  exporters?: MetricsExporter[]
  /** Record the kit's own health as `kit.*` metrics (default true). */
  health?: boolean
}

/** What the metrics layer needs from its client. */
export interface MetricsEnvironment {
  naming: NamingMode
  /** Wall clock, for interval start and end. */
  now(): number
  /** Monotonic clock in milliseconds, for timers (default `performance.now`, else `now`). */
  clock?: () => number
  consent(): Consent
  queueSize(): number
  /** Asks the client to send what is queued (called when an interval closes with points to send). */
  flush(): Promise<unknown>
  /** Sends a batch of points alone, for when the delivery had no events to carry them. */
  send?: (points: MetricPoint[]) => Promise<SendResult>
  /** The same while the page goes away (beacon); false when refused. */
  sendOnExit?: (points: MetricPoint[]) => boolean
}

/** The metrics layer as the client sees it. */
export interface MetricsController {
  readonly api: Metrics
  /** The delivery's `collectMetrics` hook: points to put in the batch being cut. */
  collect(): MetricPoint[]
  /** Outcome listener: acknowledges points once a batch is sent, and feeds the health metrics. */
  observe(outcome: PipelineOutcome): void
  /**
   * Closes the open interval, runs `deliver` (the delivery's flush, which collects points with its
   * batches), then sends points it did not take alone, and sends to the exporters.
   */
  flush(deliver: () => Promise<void>): Promise<void>
  /** Stops timers and listeners; later values are dropped as `client_closed`. */
  close(): void
  /** URLs of the exporters. */
  endpoints(): string[]
}

type Kind = MetricPoint['type']

interface Series {
  tags: Record<string, string>
  value: number
  count: number
  sum: number
  min: number
  max: number
  buckets?: number[]
}

interface Aggregate {
  type: Kind
  bounds: readonly number[]
  series: Map<string, Series>
}

interface Outbox {
  points: MetricPoint[]
  /** Points handed to a request that is not yet acknowledged. */
  handed: Set<MetricPoint>
  busy?: boolean
  /** Wall-clock time before which the receiver asked not to be called again (Retry-After). */
  notBefore?: number
}

const OVERFLOW_KEY = '\u0000overflow'
const MAX_TAGS = 20
const MAX_TAG_LENGTH = 200

/**
 * Creates the metrics layer of a client: aggregation per name and tag set per interval, delivery with
 * the event batches (acknowledged, so a failed batch's points go out with the next one) and to exporters.
 * Used by `withMetrics`; applications use `analytics.metrics`.
 */
export function createMetrics(options: MetricsOptions, env: MetricsEnvironment): MetricsController {
  const intervalMs = options.intervalMs ?? 10_000
  const defaultBounds = validBounds(options.bounds) ? options.bounds : DEFAULT_BOUNDS
  const boundsByName = new Map<string, readonly number[]>()
  // names are few and repeat, so each is checked once
  const goodNames = new Set<string>()
  const maxSeries = options.maxSeriesPerMetric ?? 100
  const maxMetrics = options.maxMetrics ?? 200
  const maxBacklog = options.maxBacklogPoints ?? 2_000
  const exporters = options.exporters ?? []
  const batchOutbox: Outbox | undefined =
    options.sendWithEvents === false ? undefined : { points: [], handed: new Set() }
  const exportOutboxes = exporters.map((): Outbox => ({ points: [], handed: new Set() }))
  const listeners = new Set<(points: MetricPoint[]) => void>()
  const dropped: Partial<Record<MetricDropReason, number>> = {}
  let overflowed = 0
  let open = new Map<string, Aggregate>()
  let openedAt: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let closed = false
  let reporting = false
  let removeExitListeners: (() => void) | undefined
  const healthOn = options.health !== false
  const perf = (globalThis as { performance?: { now(): number } }).performance
  const clock = env.clock ?? (perf && typeof perf.now === 'function' ? () => perf.now() : env.now)

  const iso = (ms: number) => new Date(ms).toISOString()

  const drop = (reason: MetricDropReason, count = 1) => {
    // a health counter that cannot be recorded is not itself a dropped value of the app's
    if (reporting) return
    dropped[reason] = (dropped[reason] ?? 0) + count
    if (healthOn) {
      reporting = true
      try {
        record('counter', 'kit.metrics_dropped.count', count, { reason })
      } finally {
        reporting = false
      }
    }
  }

  const boundsFor = (name: string) => {
    const configured = options.histogramBounds?.[name]
    if (validBounds(configured)) return configured
    if (process.env.NODE_ENV !== 'production' && configured !== undefined)
      warnOnce(`bounds:${name}`, `histogram bounds of "${name}" must be strictly increasing finite numbers.`)
    return boundsByName.get(name) ?? defaultBounds
  }

  const schedule = () => {
    if (timer !== undefined || closed) return
    timer = setTimeout(tick, intervalMs)
    // in Node an open aggregation interval must not keep a finished process alive; shutdown() flushes it
    ;(timer as { unref?: () => void }).unref?.()
  }

  const tick = () => {
    timer = undefined
    closeWindow()
    if (closed) return
    // the kit's own health points wait for the next batch rather than cause a request of their own
    const wantsBatch = batchOutbox?.points.some(
      (p) => !batchOutbox.handed.has(p) && !p.name.startsWith('kit.'),
    )
    void (wantsBatch ? env.flush() : exportAll()).catch(() => {})
  }

  const seriesKey = (tags: MetricTags | undefined): string => {
    if (tags === undefined || tags === null) return ''
    if (typeof tags !== 'object') {
      if (process.env.NODE_ENV !== 'production')
        warnOnce('metric-tags', 'metric tags must be an object of strings, numbers or booleans.')
      return ''
    }
    const keys = Object.keys(tags)
    if (keys.length === 0) return ''
    if (keys.length > 1) keys.sort()
    let key = ''
    let n = 0
    for (const k of keys) {
      const v = tags[k]
      if (v === undefined || v === null) continue
      const t = typeof v
      if (t !== 'string' && t !== 'number' && t !== 'boolean') {
        if (process.env.NODE_ENV !== 'production')
          warnOnce(
            `metric-tag:${k}`,
            `metric tag "${k}" must be a string, number or boolean; it was left out.`,
          )
        continue
      }
      if (++n > MAX_TAGS) break
      key += `${k}\u0000${String(v).slice(0, MAX_TAG_LENGTH)}\u0001`
    }
    return key
  }

  const tagsOf = (key: string): Record<string, string> => {
    const tags: Record<string, string> = {}
    for (const pair of key.split('\u0001')) {
      if (!pair) continue
      const at = pair.indexOf('\u0000')
      tags[pair.slice(0, at)] = pair.slice(at + 1)
    }
    return tags
  }

  function record(type: Kind, name: string, value: number, tags: MetricTags | undefined) {
    if (closed) return drop('client_closed')
    if (typeof name !== 'string' || name === '') {
      if (process.env.NODE_ENV !== 'production')
        warnOnce(
          `metric-name:${String(name)}`,
          `a metric name must be a non-empty string; got ${String(name)}.`,
        )
      return drop('invalid_name')
    }
    if (env.naming !== 'off' && !goodNames.has(name)) {
      const problem = checkMetricName(name)
      if (!problem && goodNames.size < 1_000) goodNames.add(name)
      if (problem) {
        if (process.env.NODE_ENV !== 'production')
          warnOnce(`metric-naming:${name}`, env.naming === 'strict' ? `${problem}; it was dropped.` : problem)
        if (env.naming === 'strict') return drop('naming')
      }
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || (type !== 'gauge' && value < 0)) {
      if (process.env.NODE_ENV !== 'production')
        warnOnce(
          `metric-value:${name}`,
          `"${name}" needs a finite number${type === 'gauge' ? '' : ' that is not negative'}; got ${String(value)}.`,
        )
      return drop('invalid_value')
    }
    if (env.consent() === 'denied') return drop('consent_denied')
    let agg = open.get(name)
    if (!agg) {
      if (open.size >= maxMetrics) {
        if (process.env.NODE_ENV !== 'production')
          warnOnce(
            'metric-names',
            `more than ${maxMetrics} metric names in one interval; "${name}" was dropped.`,
          )
        return drop('too_many_metrics')
      }
      agg = { type, bounds: boundsFor(name), series: new Map() }
      open.set(name, agg)
      if (openedAt === undefined) {
        openedAt = env.now()
        schedule()
      }
    } else if (agg.type !== type) {
      if (process.env.NODE_ENV !== 'production')
        warnOnce(`metric-type:${name}`, `"${name}" is a ${agg.type}; it cannot also be a ${type}.`)
      return drop('type_conflict')
    }
    let key = seriesKey(tags)
    let s = agg.series.get(key)
    if (!s) {
      if (agg.series.size >= maxSeries) {
        key = OVERFLOW_KEY
        s = agg.series.get(key)
        overflowed++
        if (process.env.NODE_ENV !== 'production')
          warnOnce(
            `metric-overflow:${name}`,
            `"${name}" has more than ${maxSeries} tag sets in one interval; further ones are folded into { overflow: 'true' }.`,
          )
        if (healthOn && !reporting) {
          reporting = true
          try {
            record('counter', 'kit.metrics_overflow.count', 1, undefined)
          } finally {
            reporting = false
          }
        }
      }
      if (!s) {
        s = {
          tags: key === OVERFLOW_KEY ? { overflow: 'true' } : tagsOf(key),
          value: 0,
          count: 0,
          sum: 0,
          min: Number.POSITIVE_INFINITY,
          max: Number.NEGATIVE_INFINITY,
        }
        if (type === 'histogram') s.buckets = new Array<number>(agg.bounds.length + 1).fill(0)
        agg.series.set(key, s)
      }
    }
    s.count++
    if (type === 'gauge') s.value = value
    else if (type === 'counter') s.value += value
    else {
      s.sum += value
      if (value < s.min) s.min = value
      if (value > s.max) s.max = value
      s.buckets![bucketIndex(agg.bounds, value)]!++
    }
  }

  const toPoints = (aggregates: Map<string, Aggregate>, start: number, end: number, ids: boolean) => {
    const points: MetricPoint[] = []
    for (const [name, agg] of aggregates) {
      for (const s of agg.series.values()) {
        const point: MetricPoint = {
          name,
          type: agg.type,
          tags: { ...s.tags },
          start: iso(start),
          end: iso(end),
        }
        if (ids) point.id = uuid()
        if (agg.type === 'histogram') {
          point.count = s.count
          point.sum = s.sum
          point.min = s.min
          point.max = s.max
          point.bounds = [...agg.bounds]
          point.buckets = [...s.buckets!]
        } else point.value = s.value
        points.push(point)
      }
    }
    return points
  }

  const push = (box: Outbox, points: MetricPoint[]) => {
    box.points.push(...points)
    const excess = box.points.length - maxBacklog
    if (excess > 0) {
      for (const p of box.points.splice(0, excess)) box.handed.delete(p)
      if (process.env.NODE_ENV !== 'production')
        warnOnce(
          'metric-backlog',
          `more than ${maxBacklog} metric points could not be sent; the oldest were dropped.`,
        )
      drop('backlog_full', excess)
    }
  }

  const closeWindow = () => {
    if (openedAt === undefined) return
    const points = toPoints(open, openedAt, env.now(), true)
    open = new Map()
    openedAt = undefined
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    for (const listener of listeners) {
      try {
        listener(points)
      } catch (error) {
        if (process.env.NODE_ENV !== 'production')
          warnOnce('metrics-listener', 'a metrics.subscribe() listener threw.', error)
      }
    }
    if (batchOutbox) push(batchOutbox, points)
    for (const box of exportOutboxes) push(box, points)
  }

  const hidden = () =>
    (globalThis as { document?: { visibilityState?: string } }).document?.visibilityState === 'hidden'

  const exportOne = async (i: number) => {
    const box = exportOutboxes[i]!
    const exporter = exporters[i]!
    if (box.busy || box.points.length === 0 || env.consent() !== 'granted') return
    if (box.notBefore !== undefined && env.now() < box.notBefore) return
    box.busy = true
    try {
      await sendFrom(box, exporter.name, (points) => exporter.export(points))
    } catch (error) {
      if (process.env.NODE_ENV !== 'production')
        warnOnce(`exporter:${exporter.name}`, `the ${exporter.name} exporter threw.`, error)
    } finally {
      box.busy = false
    }
  }

  /** Sends what `box` holds, removing it once acknowledged; on failure it stays for the next attempt. */
  const sendFrom = async (box: Outbox, to: string, send: (points: MetricPoint[]) => Promise<SendResult>) => {
    const points = box.points.slice()
    const result = await send(points)
    box.notBefore = result.retryAfterMs === undefined ? undefined : env.now() + result.retryAfterMs
    const rejected = !result.ok && isRejection(result.status)
    // the backlog may be trimmed while the request is out, so sent points are removed by identity
    if (result.ok || rejected) remove(box, new Set(points))
    if (rejected) {
      if (process.env.NODE_ENV !== 'production')
        warnOnce(`metric-rejected:${to}`, `${to} rejected metric points with HTTP ${result.status}.`)
      drop('rejected', points.length)
    }
    if (!result.ok && !rejected) schedule()
  }

  const remove = (box: Outbox, gone: Set<MetricPoint>) => {
    box.points = box.points.filter((p) => !gone.has(p))
    if (gone === box.handed) box.handed = new Set()
    else for (const p of gone) box.handed.delete(p)
  }

  /** Points the delivery did not take (it had no events to send) go alone. */
  const sendAlone = async () => {
    const box = batchOutbox
    if (!box || !env.send || box.busy || box.handed.size > 0 || box.points.length === 0) return
    if (env.consent() !== 'granted') return
    if (box.notBefore !== undefined && env.now() < box.notBefore) return
    box.busy = true
    try {
      await sendFrom(box, 'the collector', env.send)
    } finally {
      box.busy = false
    }
  }

  const exportAll = () => Promise.all(exporters.map((_, i) => exportOne(i))).then(() => {})

  const exitSend = (
    box: Outbox,
    points: MetricPoint[],
    send: ((points: MetricPoint[]) => boolean) | undefined,
  ) => {
    if (box.busy || points.length === 0 || !send) return
    try {
      // handed to the browser, which may deliver it after the page is gone: never sent twice
      if (send(points)) remove(box, new Set(points))
    } catch {
      // refused: the points wait for the next send
    }
  }

  const onExit = () => {
    closeWindow()
    if (env.consent() !== 'granted') return
    exporters.forEach((exporter, i) => {
      const box = exportOutboxes[i]!
      exitSend(box, box.points, exporter.exportOnExit?.bind(exporter))
    })
    // points the delivery's own page-exit send did not take
    if (batchOutbox)
      exitSend(
        batchOutbox,
        batchOutbox.points.filter((p) => !batchOutbox.handed.has(p)),
        env.sendOnExit,
      )
  }

  const target = globalThis as {
    addEventListener?: typeof addEventListener
    removeEventListener?: typeof removeEventListener
  }
  if (
    (exporters.length > 0 || env.sendOnExit) &&
    typeof target.addEventListener === 'function' &&
    typeof document !== 'undefined'
  ) {
    // after every listener of the same visibilitychange (web-vitals reports then, the delivery sends then)
    const onVisibility = () => {
      if (hidden()) setTimeout(onExit, 0)
    }
    document.addEventListener('visibilitychange', onVisibility)
    target.addEventListener('pagehide', onExit)
    removeExitListeners = () => {
      document.removeEventListener('visibilitychange', onVisibility)
      target.removeEventListener?.('pagehide', onExit)
    }
  }

  // no rest parameters on the hot path: an increment must cost far less than a track
  const safeRecord = (type: Kind, name: string, value: number, tags: MetricTags | undefined) => {
    try {
      record(type, name, value, tags)
    } catch (error) {
      if (process.env.NODE_ENV !== 'production')
        warnOnce(`metric-error:${String(error)}`, 'a metric could not be recorded.', error)
      drop('internal_error')
    }
  }

  const api: Metrics = {
    increment: (name, value = 1, tags) => safeRecord('counter', name, value, tags),
    gauge: (name, value, tags) => safeRecord('gauge', name, value, tags),
    histogram: (name, value, tags) => safeRecord('histogram', name, value, tags),
    startTimer(name, tags) {
      let startedAt = 0
      try {
        startedAt = clock()
      } catch {
        // a broken clock gives zero durations rather than an exception in the app
      }
      let elapsed: number | undefined
      return {
        end(endTags) {
          if (elapsed !== undefined) return elapsed
          try {
            elapsed = Math.max(0, clock() - startedAt)
          } catch {
            elapsed = 0
          }
          api.histogram(name, elapsed, endTags ? { ...tags, ...endTags } : tags)
          return elapsed
        },
      }
    },
    setHistogramBounds(name, bounds) {
      if (!validBounds(bounds)) {
        if (process.env.NODE_ENV !== 'production')
          warnOnce(
            `bounds:${name}`,
            `histogram bounds of "${name}" must be strictly increasing finite numbers.`,
          )
        return
      }
      if (boundsByName.size < 1_000) boundsByName.set(name, [...bounds])
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    peek: () => (openedAt === undefined ? [] : toPoints(open, openedAt, env.now(), false)),
    stats: () => ({ dropped: { ...dropped }, overflowed, pending: batchOutbox?.points.length ?? 0 }),
  }

  const health = healthOn ? createKitHealth(api, env) : undefined

  return {
    api,
    collect() {
      if (!batchOutbox) return []
      const exiting = hidden()
      // at page exit, or when timers were throttled in a background tab, the open interval goes too
      if (openedAt !== undefined && (exiting || env.now() - openedAt >= intervalMs)) closeWindow()
      if (env.consent() !== 'granted') return []
      const points = batchOutbox.points.slice()
      // a hidden page's batch is handed to the browser and never acknowledged: its points go at most once
      if (exiting) remove(batchOutbox, new Set(points))
      else batchOutbox.handed = new Set(points)
      return points
    },
    observe(outcome) {
      const box = batchOutbox
      if (box && box.handed.size > 0) {
        if (outcome.type === 'sent') remove(box, box.handed)
        else if (outcome.type === 'failed' && outcome.retry_in_ms === undefined) {
          // a collector that refuses the batch would refuse its points again; otherwise they go next time
          if (isRejection(outcome.status)) {
            const n = box.handed.size
            remove(box, box.handed)
            drop('rejected', n)
          } else box.handed.clear()
        }
      }
      health?.(outcome)
    },
    async flush(deliver) {
      closeWindow()
      await Promise.all([exportAll(), deliver().then(sendAlone)])
    },
    close() {
      closeWindow()
      closed = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      removeExitListeners?.()
    },
    endpoints: () => exporters.flatMap((e) => (e.url ? [e.url] : [])),
  }
}

function isRejection(status: number | undefined): boolean {
  return (
    status !== undefined &&
    status >= 400 &&
    status < 500 &&
    status !== 408 &&
    status !== 429 &&
    status !== 413
  )
}
