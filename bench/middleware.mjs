#!/usr/bin/env node
// npm run bench:middleware: what the request-metrics middleware costs per request, as a ratio to the
// same handler without it, measured in one run with the rounds interleaved (bare, measured, bare, …)
// so that load from elsewhere on the machine hits both alike. Writes bench/middleware-results.md.
//
//   1. fetch handler, in process: `withRequestMetrics(handler)` against `handler`, per call
//   2. node:http over real HTTP: `expressRequestMetrics` around a plain handler, server in a child process
//   3. Express over real HTTP: an app with the middleware against the same app without it
//
//   node bench/middleware.mjs [--quick]
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { bundleForNode } from '../scripts/bundleForNode.mjs'

const BENCH_DIR = import.meta.dirname
const ROOT = join(BENCH_DIR, '..')
const OUT = join(BENCH_DIR, '.out')
const quick = process.argv.includes('--quick')
const ROUNDS = quick ? 3 : 21
const CALLS = quick ? 20_000 : 30_000
const HTTP_REQUESTS = 3_000
const CONCURRENCY = 16
const PORT = Number(process.env.BENCH_PORT ?? 18801)

async function bundle() {
  mkdirSync(OUT, { recursive: true })
  const file = join(OUT, 'middleware-server.mjs')
  await bundleForNode(join(ROOT, 'src/server.ts'), file, { production: true })
  return import(file)
}

// the delivery runs as configured, into a transport that answers at once: its cost is part of the measure
const nullTransport = { name: 'null', send: async () => ({ ok: true, status: 200 }) }

const median = (values) => {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

async function fetchHandlerRounds(kit) {
  const analytics = kit.createServerAnalytics({ transport: nullTransport })
  const bare = async (req) => new Response(`order ${new URL(req.url).pathname.slice(8)}`)
  const measured = kit.withRequestMetrics(analytics, '/orders/[id]', bare)
  // CPU time of this process, which other load on the machine disturbs less than wall time
  const run = async (fn) => {
    const start = process.cpuUsage()
    for (let i = 0; i < CALLS; i++) await fn(new Request(`http://shop.test/orders/${i}`))
    const used = process.cpuUsage(start)
    return ((used.user + used.system) * 1_000) / CALLS
  }
  await run(bare)
  await run(measured)
  const pairs = []
  for (let r = 0; r < ROUNDS; r++) pairs.push([await run(bare), await run(measured)])
  await analytics.shutdown()
  return pairs
}

// one child per server kind; the parent sends requests and times each round
function startServer(kind, mode, port) {
  const child = spawn(process.execPath, [import.meta.filename, '--serve', kind, mode, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve(child))
    child.once('exit', (code) => reject(new Error(`server ${kind}/${mode} exited with ${code}`)))
  })
}

const cpuOf = (port) =>
  new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/__cpu' }, (res) => {
      let text = ''
      res.on('data', (c) => {
        text += c
      })
      res.on('end', () => {
        const { user, system } = JSON.parse(text)
        resolve(user + system)
      })
    })
      .on('error', reject)
      .end()
  })

/** Sends `count` requests; returns [wall ns per request, server CPU ns per request]. */
async function load(port, count) {
  const cpuBefore = await cpuOf(port)
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  let next = 0
  const one = () =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `/orders/${next}`, agent }, (res) => {
        res.resume()
        res.on('end', resolve)
      })
      req.on('error', reject)
      req.end()
    })
  const worker = async () => {
    while (next < count) {
      next++
      await one()
    }
  }
  const start = process.hrtime.bigint()
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const ns = Number(process.hrtime.bigint() - start) / count
  agent.destroy()
  const cpu = (((await cpuOf(port)) - cpuBefore) * 1_000) / count
  return [ns, cpu]
}

async function httpRounds(kind, baseline = 'bare') {
  const bare = await startServer(kind, baseline, PORT)
  const measured = await startServer(kind, 'measured', PORT + 1)
  try {
    await load(PORT, 500)
    await load(PORT + 1, 500)
    const wall = []
    const cpu = []
    for (let r = 0; r < ROUNDS; r++) {
      const [bareWall, bareCpu] = await load(PORT, HTTP_REQUESTS)
      const [measuredWall, measuredCpu] = await load(PORT + 1, HTTP_REQUESTS)
      wall.push([bareWall, measuredWall])
      cpu.push([bareCpu, measuredCpu])
    }
    return { wall, cpu }
  } finally {
    bare.kill()
    measured.kill()
  }
}

async function serve(kind, mode, port) {
  const kit = await bundle()
  const analytics = kit.createServerAnalytics({ transport: nullTransport })
  const { createServer } = await import('node:http')
  let server
  if (kind === 'express') {
    const { default: express } = await import('express')
    const app = express()
    if (mode === 'measured') app.use(kit.expressRequestMetrics(analytics))
    // Express charges for every layer: the baseline's no-op middleware leaves only what ours adds
    else if (mode === 'noop') app.use((_req, _res, next) => next())
    app.get('/orders/:id', (req, res) => {
      res.end(`order ${req.params.id}`)
    })
    server = createServer((req, res) => req.url !== '/__cpu' && app(req, res))
  } else {
    const handler = (req, res) => res.end(`order ${req.url.slice(8)}`)
    const middleware = kit.expressRequestMetrics(analytics, { route: () => '/orders/:id' })
    const serve = mode === 'measured' ? (req, res) => middleware(req, res, () => handler(req, res)) : handler
    server = createServer((req, res) => req.url !== '/__cpu' && serve(req, res))
  }
  // the server's own CPU time, read around each round: less disturbed by the machine's other load than wall time
  server.prependListener('request', (req, res) => {
    if (req.url === '/__cpu') res.end(JSON.stringify(process.cpuUsage()))
  })
  server.keepAliveTimeout = 60_000
  server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'))
}

function row(label, pairs) {
  const ratios = pairs.map(([bare, measured]) => measured / bare)
  const bare = median(pairs.map((p) => p[0]))
  const measured = median(pairs.map((p) => p[1]))
  const ratio = median(ratios)
  return {
    label,
    text: `| ${label} | ${(bare / 1000).toFixed(2)} µs | ${(measured / 1000).toFixed(2)} µs | ${((measured - bare) / 1000).toFixed(2)} µs | **${ratio.toFixed(3)}×** (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}) |`,
    ratio,
  }
}

async function main() {
  const started = Date.now()
  const loadStart = loadavg()[0]
  const kit = await bundle()
  console.error('[bench:middleware] fetch handler, in process')
  const fetchPairs = await fetchHandlerRounds(kit)
  console.error('[bench:middleware] node:http over HTTP')
  const nodePairs = await httpRounds('node')
  console.error('[bench:middleware] Express over HTTP')
  const expressPairs = await httpRounds('express')
  console.error('[bench:middleware] Express over HTTP, against a no-op middleware')
  const noopPairs = await httpRounds('express', 'noop')
  const http = `${HTTP_REQUESTS.toLocaleString('en')} requests a round, ${CONCURRENCY} connections`
  const rows = [
    row(
      `fetch handler (withRequestMetrics), ${CALLS.toLocaleString('en')} calls a round, in process: CPU time`,
      fetchPairs,
    ),
    row(`node:http (expressRequestMetrics), ${http}: server CPU time`, nodePairs.cpu),
    row('node:http, the same rounds: wall time at the client', nodePairs.wall),
    row(`Express 5 app (expressRequestMetrics), ${http}: server CPU time`, expressPairs.cpu),
    row('Express 5 app, the same rounds: wall time at the client', expressPairs.wall),
    row(
      'Express 5 app: ours against a no-op middleware (what Express charges any layer is out): server CPU time',
      noopPairs.cpu,
    ),
  ]
  const md = `# Request-metrics middleware: overhead per request

Produced by \`npm run bench:middleware\` (bench/middleware.mjs) on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'CPU'} × ${cpus().length}, 1-minute load average ${loadStart.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end; ${Math.round((Date.now() - started) / 1000)} s${quick ? ' (--quick)' : ''}.

Each row times the same handler with and without the middleware, in ${ROUNDS} interleaved rounds
(bare, measured, bare, …) after a warm-up; times are medians of the rounds, the ratio is the median of
the per-round ratios, with their range. Over HTTP the servers run in child processes; each round is
measured twice: the server process's own CPU time per request (user + system, read before and after the
round), which other load on the machine disturbs least, and the wall time per request at the client
(${CONCURRENCY} keep-alive connections), which includes the client, the loopback network and Node's
HTTP stack. The metrics are aggregated as in production, and delivered to a transport that answers at once.

| handler | bare per request | with middleware | difference | ratio (range) |
| --- | --- | --- | --- | --- |
${rows.map((r) => r.text).join('\n')}
`
  writeFileSync(join(BENCH_DIR, quick ? '.out/middleware-results.quick.md' : 'middleware-results.md'), md)
  console.log(md)
}

if (process.argv[2] === '--serve') await serve(process.argv[3], process.argv[4], Number(process.argv[5]))
else await main()
