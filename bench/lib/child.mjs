// One measurement of one SDK in a fresh process, so that JIT state, caches and heap of one run never
// leak into another. Usage: node --expose-gc bench/lib/child.mjs <task> <page-script> [n]
// Prints one line `RESULT <json>`.
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import { bodyBytes, createPage, decodeBody, describeBody, eventName, eventsIn } from './env.mjs'

const [task, script, nArg] = process.argv.slice(2)
const EVENT = 'product_viewed'

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

  /** Time to mount n tracked buttons and n plain ones (interleaved rounds), and re-renders per event. */
  async mount() {
    if (!bench.hasReact) return { skipped: true }
    const n = Number(nArg ?? 1_000)
    const warmUp = 5
    const rounds = 20
    const plain = []
    const tracked = []
    for (let round = 0; round < warmUp + rounds; round++) {
      const order = round % 2 === 0 ? ['plain', 'tracked'] : ['tracked', 'plain']
      for (const kind of order) {
        // React runs the passive effects of a commit (and of the unmount) in a later task; letting them
        // run here keeps one mount's leftovers out of the next one's time
        await sleep(5)
        globalThis.gc()
        const ms = bench.mount(kind, n)
        if (round >= warmUp) (kind === 'plain' ? plain : tracked).push(ms)
      }
    }
    const clicks = 100
    const renders = await bench.rerenders(clicks)
    return { plainMs: plain, trackedMs: tracked, rerendersPerEvent: renders / clicks }
  },
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
