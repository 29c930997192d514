import type { AnalyticsEvent, DropReason } from '../core/types.js'
import type { SafeStore } from '../lib/storage.js'
import { createPersistentQueue, type PersistenceOptions, type QueueEntry } from './createPersistentQueue.js'
import { createEventSerializer, encodeBatch, utf8Length } from './encodeBatch.js'
import { onPageExit } from './onPageExit.js'
import { backoffDelay, isRetryableStatus, type RetryOptions } from './retryPolicy.js'
import type { Batch, Delivery, DeliveryHooks, MetricPoint, SendResult, Timers, Transport } from './types.js'

/** When a batch is cut and sent: whichever limit is reached first. */
export interface BatchOptions {
  /** Events per batch (default 100). */
  maxEvents?: number
  /** Bytes of events per batch (default 500,000; lower when the transport says so). */
  maxBytes?: number
  /** Milliseconds an event may wait before a partial batch is sent (default 5,000 in the browser, 1,000 on the server). */
  intervalMs?: number
}

/** Batching, retry, persistence and page-exit settings of the delivery queue. */
export interface DeliveryOptions {
  /** Sends each batch (and, on page exit, what is queued) to the collector. */
  transport: Transport
  /** Put on every batch as `write_key`; the collector refuses batches whose key it does not know. */
  writeKey?: string
  /** When a batch is cut. The clients' `batch` option has this type, so it is passed on as it is. */
  batch?: BatchOptions
  /** Events kept before the oldest are dropped as `queue_full` (default 10,000). */
  maxQueueEvents?: number
  /** Backoff and attempts for batches the collector answers with 408, 429, 5xx or not at all. */
  retry?: RetryOptions
  /** Where the unsent queue survives reloads; omit to keep it in memory only. */
  persistence?: PersistenceOptions & {
    /** The client's storage. */
    store: SafeStore
    /** The start of every key the queue writes there. */
    prefix: string
  }
  /** Hand what is queued to the browser (beacons) when the page is hidden or left (default true). */
  pageExit?: boolean
  /** The clock, in epoch milliseconds (default `Date.now`); injectable so tests can drive time. */
  now?: () => number
  /** Timer functions (default the global `setTimeout`/`clearTimeout`); injectable for tests. */
  timers?: Timers
}

// what one page exit hands to the browser, under the 64 KB it allows in flight for keepalive requests
const EXIT_BUDGET = 60_000
// events serialized and stored per task (about 1–2 ms in a browser)
const INTAKE_SLICE = 500

const toEvent = (e: QueueEntry): AnalyticsEvent => e.event ?? JSON.parse(e.json)

/**
 * The queue behind the client (docs/delivery.md): it serializes and stores events off the `track`
 * call path, cuts batches by count, bytes and time, keeps one request in flight, retries with
 * backoff, splits on 413, pauses while offline, adopts what earlier pages left unsent, and hands
 * everything queued to the browser when the page is hidden or left. Every event ends in exactly one
 * `sent` or `drop` report, which keeps the client's ledger balanced.
 */
export function createDelivery(options: DeliveryOptions, hooks: DeliveryHooks): Delivery {
  const { transport, writeKey } = options
  const maxQueue = Math.max(1, options.maxQueueEvents ?? 10_000)
  const cut = options.batch
  const maxEvents = Math.max(1, Math.min(cut?.maxEvents ?? 100, maxQueue))
  const maxBytes = Math.min(cut?.maxBytes ?? 500_000, transport.maxBatchBytes ?? Infinity)
  const interval = cut?.intervalMs ?? 5_000
  const retry = options.retry ?? {}
  const now = options.now ?? Date.now
  const timers: Timers = options.timers ?? {
    set: (callback, ms) => setTimeout(callback, ms),
    clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  }
  const store =
    options.persistence &&
    createPersistentQueue(options.persistence.store, { ...options.persistence, now, timers })
  const g = globalThis as {
    navigator?: Navigator
    addEventListener?: typeof addEventListener
    removeEventListener?: typeof removeEventListener
  }

  let queue: QueueEntry[] = []
  // entries a full queue dropped stay in place, marked done, until a compaction: a drop is then O(1)
  let dead = 0
  // where the search for the next oldest entry to drop starts
  let cursor = 0
  const live = () => queue.length - dead
  const compact = () => {
    if (dead === 0) return
    queue = queue.filter((e) => !e.done)
    dead = 0
    cursor = 0
  }
  let fresh: QueueEntry[] = []
  let queuedBytes = 0
  let inFlight = 0
  // entries in requests that outlive the page (keepalive), with their bytes: never handed over again at exit
  const kept = new Set<QueueEntry>()
  let keptBytes = 0
  // some queued events did not fit in storage (byte bound or quota): try again as space frees up
  let unstored = false
  let intakeQueued = false
  let running: Promise<void> | undefined
  let forced = false
  let flushTimer: unknown
  let retryTimer: unknown
  let waitingForNetwork = false
  let attempts = 0
  let httpFailures = 0
  let networkFailures = 0
  let metrics: MetricPoint[] | undefined
  let closed = false
  let claimed = false
  // batch sizes to use next, after a 413 split the head batch in halves
  const split: number[] = []

  const offline = () => g.navigator?.onLine === false

  const collectMetrics = (): MetricPoint[] | undefined => {
    try {
      const points = hooks.collectMetrics?.()
      return points?.length ? points : undefined
    } catch {
      return undefined
    }
  }

  // acknowledged or dropped: out of the byte count and out of storage
  const forget = (entries: QueueEntry[]) => {
    for (const e of entries) {
      e.done = true
      queuedBytes -= e.bytes
    }
    store?.settle(entries)
  }

  // an entry travels in a keepalive request until its answer comes (or never, when the page is gone)
  const keep = (entries: QueueEntry[], bytes: number, on: boolean) => {
    for (const e of entries) on ? kept.add(e) : kept.delete(e)
    keptBytes += on ? bytes : -bytes
  }

  const finish = (entries: QueueEntry[]) => {
    const n = entries.length
    if (n === 0) return
    forget(entries)
    if (queue[0] === entries[0] && queue[n - 1] === entries[n - 1]) {
      queue.splice(0, n)
      cursor = Math.max(0, cursor - n)
    } else {
      queue = queue.filter((e) => !e.done)
      dead = 0
      cursor = 0
    }
    if (store && unstored) unstored = !store.write(queue)
  }

  const drop = (entries: QueueEntry[], reason: DropReason, detail?: string) => {
    finish(entries)
    if (entries.length > 0) hooks.drop(entries.map(toEvent), reason, detail)
  }

  const trim = () => {
    if (live() <= maxQueue) return
    // the oldest events that are not in the request in flight, marked rather than spliced out
    const victims: QueueEntry[] = []
    if (cursor < inFlight) cursor = inFlight
    while (live() - victims.length > maxQueue && cursor < queue.length) {
      const e = queue[cursor++]!
      // what is on its way in a keepalive request may have arrived: its answer settles it
      if (!e.done && !kept.has(e)) victims.push(e)
    }
    dead += victims.length
    forget(victims)
    // compacting once the dead are as many as the living keeps a drop O(1) amortised
    if (dead > 256 && dead * 2 > queue.length) compact()
    hooks.drop(victims.map(toEvent), 'queue_full')
  }

  // the batch, its body and the body's UTF-8 length, summed from the entries rather than measured by
  // encoding the whole body once more
  const wrap = (entries: QueueEntry[], points?: MetricPoint[]): [Batch, string, number] => {
    let events: AnalyticsEvent[] | undefined
    const batch: Batch = {
      sent_at: new Date(now()).toISOString(),
      // objects again only for the transports that read them; fetchTransport sends the body as is
      get events() {
        events ??= entries.map(toEvent)
        return events
      },
    }
    if (writeKey !== undefined) batch.write_key = writeKey
    if (points) batch.metrics = points
    let bytes = utf8Length(encodeBatch(batch, [])) + entries.length - 1
    for (const e of entries) bytes += e.bytes
    return [
      batch,
      encodeBatch(
        batch,
        entries.map((e) => e.json),
      ),
      bytes,
    ]
  }

  const serialize = createEventSerializer()

  // serialization and storage run after the track calls return, in slices so that a burst of thousands
  // of events does not turn into one long task; sending and page exit take everything at once
  const intake = (all?: boolean) => {
    intakeQueued = false
    if (fresh.length === 0) return
    const batch = all ? fresh : fresh.slice(0, INTAKE_SLICE)
    fresh = all ? [] : fresh.slice(batch.length)
    if (fresh.length > 0) {
      intakeQueued = true
      timers.set(() => intake(), 0)
    }
    const broken: QueueEntry[] = []
    const huge: QueueEntry[] = []
    for (const e of batch) {
      if (e.done) continue
      try {
        serialize(e)
        e.event = undefined
      } catch {
        broken.push(e)
        continue
      }
      queuedBytes += e.bytes
      if (e.bytes > maxBytes) huge.push(e)
    }
    // a drop's detail is for development builds only
    drop(broken, 'internal_error', process.env.NODE_ENV !== 'production' ? 'not serializable' : undefined)
    drop(huge, 'too_large', process.env.NODE_ENV !== 'production' ? `over ${maxBytes} bytes` : undefined)
    if (store && !store.write(batch)) unstored = true
    if (live() - inFlight >= maxEvents || queuedBytes >= maxBytes) void pump()
  }

  // sends what is queued now, whatever the batch thresholds say
  const kick = () => {
    forced = true
    return pump()
  }

  const schedule = () => {
    if (flushTimer !== undefined || closed) return
    flushTimer = timers.set(() => {
      flushTimer = undefined
      void kick()
    }, interval)
  }

  const later = (ms: number, network: boolean) => {
    waitingForNetwork = network
    retryTimer = timers.set(() => {
      retryTimer = undefined
      void kick()
    }, ms)
  }

  const resetFailures = () => {
    attempts = 0
    httpFailures = 0
    networkFailures = 0
    metrics = undefined
  }

  // sends one batch; true when the loop should go on with the next one
  const step = async (): Promise<boolean> => {
    // a batch is the head of the queue, without the entries a full queue dropped
    compact()
    // serialized entries are the head of the queue (intake goes in order): more is needed only once they are sent
    if (queue[0] && !queue[0].json) intake(true)
    if (retryTimer !== undefined) return false
    if (offline()) {
      waitingForNetwork = true
      return false
    }
    if (!forced && split.length === 0 && queue.length < maxEvents && queuedBytes < maxBytes) {
      if (queue.length > 0) schedule()
      return false
    }
    // while the collector cannot be reached, each attempt is a probe carrying the oldest event alone
    const probing = networkFailures >= (retry.blockedAfter ?? 3)
    const limit = probing ? 1 : (split[0] ?? maxEvents)
    const entries: QueueEntry[] = []
    let bytes = 0
    for (const e of queue) {
      // already on its way in a request sent at page exit
      if (kept.has(e)) continue
      if (!e.json || entries.length >= limit || (entries.length > 0 && bytes + e.bytes > maxBytes)) break
      entries.push(e)
      bytes += e.bytes
    }
    // metric points ride with events; the metrics layer sends them alone when no events come
    if (entries.length === 0) return false
    if (!probing) metrics ??= collectMetrics()
    const [batch, body, size] = wrap(entries, probing ? undefined : metrics)
    const alive = size <= (transport.keepalive ?? -1)
    inFlight = entries.length
    attempts++
    store?.touch()
    if (alive) keep(entries, size, true)
    let result: SendResult
    try {
      result = await transport.send(batch, body)
    } catch (error) {
      result = { ok: false, error: String(error) }
    } finally {
      inFlight = 0
      if (alive) keep(entries, size, false)
    }
    return settle(entries, result, size)
  }

  const delivered = (all: QueueEntry[], result: SendResult, bytes: number) => {
    // a full queue may have dropped some while they were on their way: those are counted already
    const entries = all.filter((e) => !e.done)
    if (entries.length === 0) return
    // out of the queue before the report, so that a listener reading the ledger sees them delivered only
    finish(entries)
    hooks.report({
      type: 'sent',
      message_ids: entries.map((e) => e.id),
      status: result.status ?? 200,
      attempt: attempts || 1,
      bytes: result.bytes ?? bytes,
      via: transport.name,
    })
  }

  const settle = (entries: QueueEntry[], result: SendResult, bytes: number): boolean => {
    const { status, error } = result
    const failed = (retryInMs?: number) =>
      hooks.report({
        type: 'failed',
        message_ids: entries.map((e) => e.id),
        status,
        error,
        attempt: attempts,
        ...(retryInMs !== undefined && { retry_in_ms: retryInMs }),
      })
    if (result.ok) delivered(entries, result, bytes)
    else if (status === 413 && entries.length > 1) {
      // halve until the event the collector refuses is alone; the others go through
      failed(0)
      split.splice(0, 1, Math.ceil(entries.length / 2), Math.floor(entries.length / 2))
      attempts = 0
      return true
    } else if (status === 413) {
      failed()
      drop(entries, 'too_large', process.env.NODE_ENV !== 'production' ? 'HTTP 413' : undefined)
    } else if (status === undefined) {
      if (offline()) {
        // no retry is scheduled (the online event will come): the metrics layer takes its points back
        failed()
        metrics = undefined
        waitingForNetwork = true
        return false
      }
      networkFailures++
      // unreachable (down, blocked, a captive portal): probe at up to blockedIntervalMs, jittered in its
      // upper half, so that the collector's return is noticed within seconds and many tabs do not align
      const probe = retry.blockedIntervalMs ?? 10_000
      const wait =
        networkFailures >= (retry.blockedAfter ?? 3)
          ? Math.floor(probe / 2 + ((retry.random ?? Math.random)() * probe) / 2)
          : Math.min(backoffDelay(networkFailures, retry), probe)
      failed(wait)
      later(wait, true)
      return false
    } else if (isRetryableStatus(status) && ++httpFailures < (retry.maxAttempts ?? 10)) {
      const wait =
        result.retryAfterMs === undefined
          ? backoffDelay(httpFailures, retry)
          : Math.min(result.retryAfterMs, retry.maxRetryAfterMs ?? 3_600_000)
      failed(wait)
      later(wait, false)
      return false
    } else {
      failed()
      if (isRetryableStatus(status))
        drop(
          entries,
          'retries_exhausted',
          process.env.NODE_ENV !== 'production' ? `HTTP ${status}` : undefined,
        )
      else drop(entries, `http_${status}`, error)
    }
    split.shift()
    resetFailures()
    return true
  }

  const pump = (): Promise<void> => {
    running ??= (async () => {
      // let the caller finish assigning `running` before the first step
      await undefined
      try {
        while (!closed && (await step())) {}
      } catch {
        // a failing hook or transport must not surface as an unhandled rejection in the host page
      } finally {
        running = undefined
        forced = false
      }
    })()
    return running
  }

  const restore = (entries: QueueEntry[]) => {
    // adopted after shutdown: they stay stored under this (now released) tab for the next page
    if (closed) return
    queue.splice(inFlight, 0, ...entries)
    cursor = 0
    for (const e of entries) {
      queuedBytes += e.bytes
      if (!e.chunk) unstored = true
    }
    // reported once queued, so that the ledger counts them pending where they are
    hooks.report({ type: 'restored', events: entries.map(toEvent) })
    trim()
    void kick()
  }

  const exit = (unloading: boolean) => {
    try {
      hooks.exit?.()
      intake(true)
      // even without page-exit sending, a page going away lets other tabs adopt what it stored
      if (unloading) store?.suspend()
      if (options.pageExit === false) return
      if (!transport.sendOnExit) return void kick()
      const waiting = queue.filter((e) => !e.exited && !e.done && e.json && !kept.has(e))
      if (waiting.length === 0) return
      // requests still on their way share the browser's keepalive quota
      let budget = EXIT_BUDGET - keptBytes
      let part: QueueEntry[] = []
      // metric points are aggregates the collector cannot deduplicate: at exit they go at most once
      let points = collectMetrics()
      let size = points ? utf8Length(JSON.stringify(points)) : 0
      const hand = (): boolean => {
        const [batch, body, bytes] = wrap(part, points)
        if (bytes > budget) return false
        if (!unloading && bytes <= (transport.keepalive ?? -1)) {
          // only hidden, the page may well live on: a keepalive request whose answer it can still read,
          // so that what the collector acknowledged is neither sent again nor kept for the next page
          const sent = part
          keep(sent, bytes, true)
          transport
            .send(batch, body)
            .catch((error): SendResult => ({ ok: false, error: String(error) }))
            .then((result) => {
              keep(sent, bytes, false)
              if (result.ok) delivered(sent, result, bytes)
              else schedule()
            })
            .catch(() => {})
        } else if (transport.sendOnExit?.(batch, body)) for (const e of part) e.exited = true
        else return false
        budget -= bytes
        part = []
        points = undefined
        size = 0
        return true
      }
      for (const e of waiting) {
        // 1 KB of headroom for the envelope around the events
        if (part.length > 0 && size + e.bytes + 1 > budget - 1_024 && !hand()) return
        part.push(e)
        size += e.bytes + 1
      }
      hand()
    } catch {
      // whatever failed stays queued and stored for the next load
    }
  }

  // a retry waiting on the network is worth trying now: the page is back, or the browser is online
  const wake = (reset: boolean) => {
    store?.claim(restore)
    if (!waitingForNetwork) return
    if (retryTimer !== undefined) timers.clear(retryTimer)
    retryTimer = undefined
    waitingForNetwork = false
    if (reset) networkFailures = 0
    void kick()
  }

  const back = (restored: boolean) => {
    for (const e of queue) e.exited = false
    if (restored) store?.resume()
    wake(false)
  }
  const online = () => wake(true)

  const stopExit = onPageExit({ exit, back })
  g.addEventListener?.('online', online)
  // storage held until consent is granted cannot be read yet: the first event admitted tries again
  claimed = store?.claim(restore) ?? true

  const flush = async () => {
    intake(true)
    do await kick()
    while (
      !closed &&
      retryTimer === undefined &&
      !offline() &&
      // what is on its way in a request sent at page exit waits for that request's answer
      queue.some((e) => !e.done && !kept.has(e))
    )
  }

  return {
    enqueue(event: AnalyticsEvent) {
      if (closed) return hooks.drop([event], 'client_closed')
      const entry: QueueEntry = { event, id: event.message_id, json: '', bytes: 0 }
      queue.push(entry)
      fresh.push(entry)
      trim()
      if (!claimed) claimed = store?.claim(restore) ?? true
      if (!intakeQueued) {
        intakeQueued = true
        Promise.resolve()
          .then(() => intake())
          .catch(() => {})
      }
      schedule()
    },
    flush,
    async shutdown() {
      await flush()
      closed = true
      for (const id of [flushTimer, retryTimer]) if (id !== undefined) timers.clear(id)
      flushTimer = retryTimer = undefined
      stopExit()
      g.removeEventListener?.('online', online)
      store?.close()
    },
    size: live,
  }
}
