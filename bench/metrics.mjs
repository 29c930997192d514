#!/usr/bin/env node
// Metrics against events: what 100,000 `metrics.increment` calls cost next to tracking 100,000 events,
// and how many data points reach the wire. Builds the current src/ with esbuild (minified,
// NODE_ENV=production) and measures each case in a fresh Node process (so no case pays for another's
// garbage), rounds interleaved, median of several rounds.
//
//   node bench/metrics.mjs            prints a Markdown report
//   node bench/metrics.mjs --quick    fewer rounds
// `npm run bench` imports `run()` and puts the Markdown into bench/RESULTS.md.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildKit } from './lib/buildKit.mjs'

const N = 100_000

const OUTFILE = join(import.meta.dirname, '.out', 'metrics-kit.mjs')

/** In a child process: one warm-up run of the case, then the measured one. */
async function child(name) {
  const kit = await import(pathToFileURL(OUTFILE).href)
  await measure(kit, CASES[name])
  return measure(kit, CASES[name])
}

const inChild = (name) =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', name], {
      encoding: 'utf8',
    }),
  )

/** A transport that answers at once and counts what it was given. */
function countingTransport() {
  const seen = { requests: 0, events: 0, points: 0, bytes: 0 }
  return {
    seen,
    transport: {
      name: 'counting',
      async send(batch, body) {
        seen.requests++
        seen.events += batch.events.length
        seen.points += batch.metrics?.length ?? 0
        seen.bytes += (body ?? JSON.stringify(batch)).length
        return { ok: true, status: 200 }
      },
    },
  }
}

const cpuNs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) * 1_000
}

/**
 * Runs `calls` on a fresh client and measures the synchronous loop (what the caller pays) and the CPU
 * until everything is acknowledged (flush included).
 */
async function measure(kit, calls) {
  const { transport, seen } = countingTransport()
  const analytics = kit.createAnalytics({
    transport,
    storage: false,
    naming: 'off',
    maxQueueEvents: N,
    metrics: kit.withMetrics({ health: false }),
  })
  globalThis.gc?.()
  const cpu0 = cpuNs()
  const t0 = process.hrtime.bigint()
  calls(analytics)
  const syncNs = Number(process.hrtime.bigint() - t0)
  await analytics.flush()
  const busyNs = cpuNs() - cpu0
  await analytics.shutdown()
  return { syncNs, busyNs, ...seen }
}

const CASES = {
  track: (a) => {
    for (let i = 0; i < N; i++) a.track('button_clicked', { label: 'add_to_cart' })
  },
  increment: (a) => {
    for (let i = 0; i < N; i++) a.metrics.increment('cart.adds.count')
  },
  incrementTagged: (a) => {
    const tags = [{ page: '/home' }, { page: '/cart' }, { page: '/product' }, { page: '/checkout' }]
    for (let i = 0; i < N; i++) a.metrics.increment('cart.adds.count', 1, tags[i & 3])
  },
  histogram: (a) => {
    for (let i = 0; i < N; i++) a.metrics.histogram('api.latency.ms', i % 3_000)
  },
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[s.length >> 1]
}

/** Measures every case, interleaved, and returns the medians and a Markdown report. */
export async function run({ quick = false } = {}) {
  await buildKit(OUTFILE)
  const kit = await import(`${pathToFileURL(OUTFILE).href}?t=${Date.now()}`)
  const rounds = quick ? 3 : 7
  const samples = Object.fromEntries(Object.keys(CASES).map((k) => [k, []]))
  for (let r = 0; r < rounds; r++) for (const name of Object.keys(CASES)) samples[name].push(inChild(name))
  const result = {}
  for (const [name, runs] of Object.entries(samples)) {
    result[name] = {
      syncNsPerCall: median(runs.map((x) => x.syncNs)) / N,
      busyNsPerCall: median(runs.map((x) => x.busyNs)) / N,
      requests: runs[0].requests,
      events: runs[0].events,
      points: runs[0].points,
      bytes: runs[0].bytes,
    }
  }
  // the number of points does not grow with the number of calls
  const pointsFor = {}
  for (const n of [1_000, 10_000, 100_000]) {
    const { seen, transport } = countingTransport()
    const a = kit.createAnalytics({ transport, storage: false, metrics: kit.withMetrics({ health: false }) })
    for (let i = 0; i < n; i++) a.metrics.increment('cart.adds.count')
    await a.shutdown()
    pointsFor[n] = seen.points
  }
  return { ...result, pointsFor, rounds, markdown: render(result, pointsFor, rounds) }
}

function render(r, pointsFor, rounds) {
  const t = r.track
  const ns = (x) => Math.round(x).toLocaleString('en-US')
  const x = (a, b) => `${(a / b).toFixed(3)}×`
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`
  const row = (label, c) =>
    `| ${label} | ${ns(c.syncNsPerCall)} | ${x(c.syncNsPerCall, t.syncNsPerCall)} | ${ns(c.busyNsPerCall)} | ${x(c.busyNsPerCall, t.busyNsPerCall)} | ${c.requests} | ${(c.events + c.points).toLocaleString('en-US')} | ${kb(c.bytes)} |`
  return [
    `100,000 calls on a fresh client, median of ${rounds} fresh processes per case (esbuild production build of src/,`,
    'transport answering at once). "sync" is what the calling code pays for the loop; "busy" is CPU until',
    'everything is acknowledged. Ratios are against `track()` measured in the same run.',
    '',
    '| 100,000 × | sync ns/call | vs track | busy ns/call | vs track | requests | data items sent | bytes sent |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row("`track('button_clicked', …)`", t),
    row("`metrics.increment('cart.adds.count')`", r.increment),
    row('`metrics.increment(…, 1, { page })`, 4 tag sets', r.incrementTagged),
    row("`metrics.histogram('api.latency.ms', v)`", r.histogram),
    '',
    `Data points sent for 1,000 / 10,000 / 100,000 increments of one counter: ${pointsFor[1_000]} / ${pointsFor[10_000]} / ${pointsFor[100_000]}.`,
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--child')
  if (at > 0) {
    console.log(JSON.stringify(await child(process.argv[at + 1])))
    process.exit(0)
  }
  const result = await run({ quick: process.argv.includes('--quick') })
  console.log(result.markdown)
}
