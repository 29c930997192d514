// One measurement of one SDK in a fresh process, so that JIT state, caches and heap of one run never
// leak into another. Usage: node --expose-gc bench/lib/child.mjs <task> <page-script> [n]
// Prints one line `RESULT <json>`. (The mount task: node bench/lib/child.mjs mount <page-script> [n] [rounds] [suite,…].)
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { PerformanceObserver, performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import { bodyBytes, createPage, decodeBody, describeBody, eventName, eventsIn } from './env.mjs'

const [task, script, nArg, roundsArg, suitesArg] = process.argv.slice(2)
const EVENT = 'product_viewed'

/**
 * Node flags of the mount task: a young generation (two semi-spaces of 64 MiB) larger than what one
 * mount of 1,000 elements allocates in jsdom (12-18 MB), so that a scavenge never lands inside one
 * mount but not the next; and V8 without helper threads, so that the process's CPU time is the main
 * thread's (no concurrent compilation or marking counted into a mount). The task re-runs itself with
 * them when started without.
 */
const MOUNT_FLAGS = [
  '--expose-gc',
  '--min-semi-space-size=64',
  '--max-semi-space-size=64',
  '--single-threaded',
]
if (task === 'mount' && !MOUNT_FLAGS.every((f) => process.execArgv.includes(f))) {
  const again = spawnSync(process.execPath, [...MOUNT_FLAGS, ...process.argv.slice(1)], { stdio: 'inherit' })
  process.exit(again.status ?? 1)
}

const { window, network } = createPage()
window.eval(readFileSync(script, 'utf8'))
const bench = window.__bench
if (!bench) throw new Error(`${script} did not install window.__bench`)

// bytes of the strings held in localStorage: V8 stores a string with one byte per character, or two
// when any character is beyond Latin-1 (the page title's dash makes serialized events such strings)
const stringBytes = (text) => (/[\u0100-\uffff]/.test(text) ? 2 : 1) * text.length
const storageChars = () => {
  const storage = window.localStorage
  let bytes = 0
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)
    bytes += stringBytes(key) + stringBytes(storage.getItem(key) ?? '')
  }
  return bytes
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const cpuMicros = () => {
  const { user, system } = process.cpuUsage()
  return user + system
}
const gc = () => {
  globalThis.gc()
  globalThis.gc()
}

// Counts the measured events that have reached a request body; decoding is timed so it can be
// subtracted from the CPU charged to the SDK.
let decoded = 0
let delivered = 0
let decodeMicros = 0
const countDelivered = () => {
  const c0 = cpuMicros()
  for (; decoded < network.requests.length; decoded++) {
    const req = network.requests[decoded]
    if (req.pending) break
    let events = []
    try {
      events = eventsIn(decodeBody(req))
    } catch {}
    req.measured = events.filter((e) => eventName(e) === EVENT).length
    delivered += req.measured
  }
  decodeMicros += cpuMicros() - c0
  return delivered
}
const waitDelivered = async (target, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs
  while (countDelivered() < target) {
    if (Date.now() > deadline) throw new Error(`only ${delivered} of ${target} events reached a request`)
    await sleep(5)
  }
}
const warmUp = async (n) => {
  bench.burst(n, 0)
  await bench.flush()
  await waitDelivered(n)
}

const tasks = {
  /**
   * What the click handler pays: one burst of n calls right after init, per call, in wall time; and
   * the process's CPU time over the burst, which adds the garbage collector's helper threads but not
   * time spent descheduled when the machine is shared.
   */
  async sync() {
    const n = Number(nArg ?? 10_000)
    const c0 = cpuMicros()
    const ms = bench.burst(n, 0)
    const cpu = cpuMicros() - c0
    return { nsPerCall: (ms * 1e6) / n, cpuNsPerCall: (cpu * 1e3) / n }
  },

  /** CPU per event from the call until the event is inside a request body (after a warm-up). */
  async busy() {
    const n = Number(nArg ?? 1_000)
    await warmUp(100)
    const t0 = performance.now()
    const c0 = cpuMicros()
    decodeMicros = 0
    bench.burst(n, 100)
    await bench.flush()
    await waitDelivered(100 + n)
    const cpu = cpuMicros() - c0 - decodeMicros
    return { cpuNsPerEvent: (cpu * 1e3) / n, wallMs: performance.now() - t0 }
  },

  /**
   * CPU per event when events trickle in one per task (a click here, a scroll there) until they are
   * inside a request body, after a warm-up: what an SDK pays per event when nothing is batched in time.
   */
  async trickle() {
    const n = Number(nArg ?? 200)
    await warmUp(100)
    const c0 = cpuMicros()
    decodeMicros = 0
    for (let i = 0; i < n; i++) {
      bench.burst(1, 100 + i)
      await sleep(0)
    }
    await bench.flush()
    await waitDelivered(100 + n)
    const cpu = cpuMicros() - c0 - decodeMicros
    return { cpuNsPerEvent: (cpu * 1e3) / n }
  },

  /**
   * Heap retained per event while the network does not answer (events queued or in flight), and
   * apart from it what the SDK keeps in localStorage.
   */
  async heap() {
    const n = Number(nArg ?? 1_000)
    await warmUp(100)
    await sleep(100)
    network.mode = 'hang'
    gc()
    const h0 = process.memoryUsage().heapUsed
    const s0 = storageChars()
    bench.burst(n, 100)
    await sleep(100)
    gc()
    const h1 = process.memoryUsage().heapUsed
    // jsdom keeps localStorage in the JS heap, a browser does not: that part is reported apart
    const stored = storageChars() - s0
    return { heapBytesPerEvent: (h1 - h0 - stored) / n, storageBytesPerEvent: stored / n }
  },

  /** Requests and bytes for 100 events, after a warm-up whose requests are not counted. */
  async wire() {
    const n = Number(nArg ?? 100)
    await warmUp(10)
    await sleep(300)
    countDelivered()
    const start = network.requests.length
    bench.burst(n, 1_000)
    await bench.flush()
    await waitDelivered(10 + n)
    await sleep(300)
    countDelivered()
    const carrying = network.requests.slice(start).filter((r) => r.measured > 0)
    let bytes = 0
    let gzipped = 0
    for (const req of carrying) {
      const raw = bodyBytes(req.body)
      bytes += raw.length
      gzipped += gzipSync(JSON.stringify(decodeBody(req))).length
    }
    const other = carrying.reduce((sum, r) => sum + eventsIn(decodeBody(r)).length - r.measured, 0)
    return {
      requests: carrying.length,
      bytesPerEvent: bytes / n,
      gzipBytesPerEvent: gzipped / n,
      format: carrying[0] ? describeBody(carrying[0]) : 'none',
      via: [...new Set(carrying.map((r) => r.via))].join('+'),
      otherEvents: other,
      sample: carrying[0] ? eventsIn(decodeBody(carrying[0]))[0] : undefined,
    }
  },

  /**
   * Mount cost of the SDK's tracked components against the plain elements they render, per suite
   * (`button` for every SDK with React bindings, `link` and `form` for ours). Each round mounts, per
   * suite, n `plain` elements, n `control` elements (the plain ones again, through the same path) and
   * the SDK's provider with n `tracked` components, in an order that rotates through all six
   * permutations, so no kind keeps the same place (36 rounds: each order six times, twice per suite
   * position). Every mount starts after the passive effects of the
   * last one ran and a scavenge emptied the young generation; the young generation is large enough
   * (MOUNT_FLAGS) that no collection lands inside a mount, which the result checks. What a mount
   * allocates is measured apart: the garbage it leaves is the collection work it costs later.
   * Returns, per suite and kind, the wall and CPU milliseconds and heap bytes of each round, in round
   * order, so that each round's kinds form a pair.
   */
  async mount() {
    if (!bench.hasReact) return { skipped: true }
    const n = Number(nArg ?? 1_000)
    const rounds = Number(roundsArg ?? 36)
    const warmUp = 6
    const kinds = ['plain', 'control', 'tracked']
    const orders = permutations(kinds)
    const suites = suitesArg ? suitesArg.split(',') : bench.mountSuites
    const gcs = []
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcs.push([e.startTime, e.startTime + e.duration])
    })
    observer.observe({ entryTypes: ['gc'] })
    const measure = (run) => {
      const h0 = process.memoryUsage().heapUsed
      const c0 = cpuMicros()
      const t0 = performance.now()
      run()
      const t1 = performance.now()
      const cpu = cpuMicros() - c0
      const bytes = process.memoryUsage().heapUsed - h0
      return { ms: t1 - t0, cpuMs: cpu / 1000, bytes, window: [t0, t1] }
    }
    const out = {}
    for (const suite of suites) out[suite] = { ms: {}, cpuMs: {}, bytes: {}, gc: {} }
    for (const suite of suites)
      for (const kind of kinds) {
        out[suite].ms[kind] = []
        out[suite].cpuMs[kind] = []
        out[suite].bytes[kind] = []
        out[suite].gc[kind] = []
      }
    // one full collection before the rounds only: a mount right after a full collection runs 3 to 6
    // times slower than the next ones (measured here), whichever kind it is
    globalThis.gc()
    for (let round = 0; round < warmUp + rounds; round++) {
      // the suite order moves on only after all six kind orders, so that whichever suite comes before,
      // each kind is as often the first mount after the switch (which runs slower) as the others
      const shift = Math.floor(round / orders.length)
      for (let s = 0; s < suites.length; s++) {
        const suite = suites[(shift + s) % suites.length]
        for (const kind of orders[round % orders.length]) {
          // React runs the passive effects of an unmount in a later task: let them run before the next
          await sleep(5)
          globalThis.gc({ type: 'minor' })
          const m = bench.mount(suite, kind, n, measure)
          if (round < warmUp) continue
          out[suite].ms[kind].push(m.ms)
          out[suite].cpuMs[kind].push(m.cpuMs)
          out[suite].bytes[kind].push(m.bytes)
          out[suite].gc[kind].push(m.window)
        }
      }
    }
    await sleep(10)
    observer.disconnect()
    // whether a collection ran inside each timed mount (the report leaves such rounds out)
    for (const suite of suites)
      for (const kind of kinds)
        out[suite].gc[kind] = out[suite].gc[kind].map(([t0, t1]) =>
          gcs.some(([g0, g1]) => g0 < t1 && g1 > t0),
        )
    const clicks = 100
    const renders = await bench.rerenders(clicks)
    return { n, rounds, suites: out, rerendersPerEvent: renders / clicks }
  },
}

function permutations(items) {
  if (items.length <= 1) return [items]
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  )
}

try {
  await bench.init()
  const result = await tasks[task]()
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
  process.exit(0)
} catch (error) {
  process.stdout.write(`RESULT ${JSON.stringify({ error: String(error?.stack ?? error) })}\n`)
  process.exit(0)
}
