import type { AnalyticsEvent, DropReason, PipelineOutcome } from '../core/types.js'

/** One aggregated metric data point, as it travels in a batch (docs/metrics.md, "On the wire"). */
export interface MetricPoint {
  /** Unique per point and kept through retries, so a collector can deduplicate points like events. */
  id?: string
  /** The metric's name, dot-separated (`api.latency.ms`). */
  name: string
  /** Which kind of metric: counters add up, gauges keep the last value, histograms keep a distribution. */
  type: 'counter' | 'gauge' | 'histogram'
  /** The tag set this point aggregates, e.g. `{ endpoint: '/orders/:id', status_class: '2xx' }`. */
  tags: Record<string, string>
  /** ISO-8601 start and end of the aggregation interval. */
  start: string
  /** ISO-8601 end of the aggregation interval. */
  end: string
  /** Counter: the summed value. Gauge: the last value. */
  value?: number
  /** Histogram: how many values were recorded. */
  count?: number
  /** Histogram: the sum of the values. */
  sum?: number
  /** Histogram: the smallest value. */
  min?: number
  /** Histogram: the largest value. */
  max?: number
  /** Histogram: the buckets' upper bounds (inclusive), strictly increasing. */
  bounds?: number[]
  /** Histogram: values per bucket; one more than `bounds`, the last counting values above every bound. */
  buckets?: number[]
}

/** The body of one request to the collector. */
export interface Batch {
  /** The client's `writeKey`, when it has one. */
  write_key?: string
  /** When the batch left the client, so the collector can correct clock skew. */
  sent_at: string
  /** The events, oldest first. */
  events: AnalyticsEvent[]
  /** Metric points of the intervals closed since the last acknowledged batch, when there are any. */
  metrics?: MetricPoint[]
}

/** What a transport learned from one attempt. */
export interface SendResult {
  /** True when the collector acknowledged the batch (2xx). */
  ok: boolean
  /** HTTP status, absent for network errors. */
  status?: number
  /** Parsed `Retry-After`, in milliseconds from now. */
  retryAfterMs?: number
  /** Network or runtime error message. */
  error?: string
  /** Bytes that went on the wire (after compression), when the transport knows them. */
  bytes?: number
}

/** Sends batches somewhere. Transports never throw: failures come back as a `SendResult`. */
export interface Transport {
  /** Reported as `via` in `sent` outcomes, e.g. `fetch`, `beacon`, `memory`. */
  readonly name: string
  /** The endpoint, when there is one, so instrumentation (e.g. of `fetch`) can leave the kit's own requests out. */
  readonly url?: string
  /** Largest body the transport can carry, in bytes; batches are cut below it (e.g. 60 KB for beacons). */
  readonly maxBatchBytes?: number
  /**
   * Bodies of at most this many bytes (UTF-8, before compression) are sent as requests that outlive the
   * page (`fetch` with `keepalive`): one still on its way when the page goes is not handed over again, and
   * at a page hide (not an unload) what is queued goes through `send`, whose answer the page can still read.
   */
  readonly keepalive?: number
  /**
   * Sends one batch. `body` is the batch already serialized in the wire format, for transports that
   * send it as is; transports with their own format (Segment) read `batch` instead.
   */
  send(batch: Batch, body?: string): Promise<SendResult>
  /**
   * Hands a batch to the browser to send while the page is going away (sendBeacon or keepalive fetch).
   * Returns false when the browser refused it. Optional: transports without it are flushed normally.
   */
  sendOnExit?(batch: Batch, body?: string): boolean
}

/** How the delivery layer reports back to the client; every outcome feeds the ledger. */
export interface DeliveryHooks {
  report(outcome: PipelineOutcome): void
  drop(events: AnalyticsEvent[], reason: DropReason, detail?: string): void
  /** Metric points to send with the next batch. */
  collectMetrics?(): MetricPoint[]
  /** Called when the page is hidden or left, before what is queued is handed to the browser. */
  exit?(): void
}

/** Timer functions, injectable so tests can drive time (defaults: the global `setTimeout`/`clearTimeout`). */
export interface Timers {
  /** Calls `callback` after `ms` milliseconds; returns an id for `clear`. */
  set(callback: () => void, ms: number): unknown
  /** Cancels a timer `set` returned. */
  clear(id: unknown): void
}

/** The queue behind the client. */
export interface Delivery {
  enqueue(event: AnalyticsEvent): void
  /** Sends everything queued now; resolves when the queue is empty or waiting to retry. */
  flush(): Promise<void>
  /** Flushes, then stops timers and listeners; what is still unsent stays persisted for the next load. */
  shutdown(): Promise<void>
  /** Events queued and not yet acknowledged. */
  size(): number
}
