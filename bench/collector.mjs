#!/usr/bin/env node
// npm run bench:collector: events/s ingested over HTTP into DuckDB with dedup, at the collector's
// defaults, against a bare node:http server that only parses the same JSON (the ceiling), in one run;
// then p50/p99 latency at a fixed offered load, and the server's peak memory. Writes bench/COLLECTOR.md.
//
//   node bench/collector.mjs           full run (about a minute)
//   node bench/collector.mjs --quick   shorter phases, written to bench/.out/COLLECTOR.quick.md
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { bundleForNode } from '../scripts/bundleForNode.mjs'

const ROOT = join(import.meta.dirname, '..')
const OUT = join(ROOT, '.tmp', 'bench-collector')
const quick = process.argv.includes('--quick')
// --profile: the servers write V8 CPU profiles to .tmp/bench-collector/profiles
const profile = process.argv.includes('--profile')
const SECONDS = quick ? 3 : 8
const LATENCY_SECONDS = quick ? 4 : 15
const BATCH = 100
const CONCURRENCY = 32
const OFFERED = 5_000
const log = (...args) => console.error('[bench:collector]', ...args)

rmSync(OUT, { recursive: true, force: true })
mkdirSync(OUT, { recursive: true })
await bundleForNode(join(import.meta.dirname, 'collector', 'server.ts'), join(OUT, 'server.mjs'))

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
let serial = 0
// a batch as the browser client sends it: 100 events of one visitor, each with its own message_id
function batchBody() {
  const now = Date.now()
  const anon = `anon-${serial}`
  const events = []
  for (let i = 0; i < BATCH; i++) {
    serial++
    events.push(
      `{"event_name":"product_viewed","message_id":"${process.pid}-${serial}-${now}","timestamp":"${new Date(now - i).toISOString()}","user_id":null,"anonymous_id":"${anon}","session_id":"sess-${anon}","seq":${i},"properties":{"product_id":"sku_${serial % 500}","price":19.99,"currency":"USD","list":"search results"},"context":{"platform":"web","user_agent":"${UA}","page":{"path":"/products/${serial % 500}","url":"https://shop.example/products/${serial % 500}","title":"Product"},"locale":"en-US","timezone":"Europe/Berlin","screen_resolution":"1920x1080","library":{"name":"instrumentkit","version":"0.1.0"}}}`,
    )
  }
  return `{"sent_at":"${new Date(now).toISOString()}","events":[${events.join(',')}]}`
}

function startServer(mode) {
  const args = [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${join(OUT, 'profiles')}`] : []),
    join(OUT, 'server.mjs'),
    mode,
  ]
  if (mode === 'collector') args.push(join(OUT, `events-${Date.now()}.duckdb`))
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk
      const port = /ready (\d+)/.exec(output)?.[1]
      if (port && !child.port) {
        child.port = Number(port)
        resolve({
          port: child.port,
          stop: () =>
            new Promise((done) => {
              child.on('exit', () => done(Number(/peak_rss (\d+)/.exec(output)?.[1] ?? 0)))
              child.kill('SIGTERM')
            }),
        })
      }
    })
    child.on('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)))
  })
}

function send(agent, port, body) {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path: '/api/analytics/batch',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = ''
        res.on('data', (c) => {
          text += c
        })
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}: ${text}`))
          resolve({ accepted: JSON.parse(text).accepted, ms: performance.now() - started })
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

// closed loop: CONCURRENCY senders post batches back to back for SECONDS (after a one-second warm-up)
async function throughput(port) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const bodies = Array.from({ length: 400 }, batchBody)
  let next = 0
  const take = () => bodies[next++ % bodies.length].replaceAll('"message_id":"', `"message_id":"r${next}-`)
  const warmUntil = performance.now() + 1_000
  const until = warmUntil + SECONDS * 1_000
  let accepted = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const { accepted: n } = await send(agent, port, take())
        if (performance.now() > warmUntil) accepted += n
      }
    }),
  )
  agent.destroy()
  return accepted / SECONDS
}

// open loop: batches leave at a fixed rate whatever the answers, so a slow answer cannot slow the load
async function latency(port) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const perSecond = OFFERED / BATCH
  const total = perSecond * LATENCY_SECONDS
  const bodies = Array.from({ length: total }, batchBody)
  const times = []
  const started = performance.now()
  const pending = []
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond
    const wait = due - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    pending.push(send(agent, port, bodies[i]).then((r) => times.push(r.ms)))
  }
  await Promise.all(pending)
  agent.destroy()
  times.sort((a, b) => a - b)
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))]
  return { p50: at(0.5), p99: at(0.99), max: times.at(-1), requests: times.length }
}

const results = {}
for (const mode of ['bare', 'collector']) {
  log(`${mode}: throughput for ${SECONDS} s`)
  const server = await startServer(mode)
  const eventsPerSecond = await throughput(server.port)
  log(`${mode}: latency at ${OFFERED} events/s for ${LATENCY_SECONDS} s`)
  const lat = await latency(server.port)
  const peakRss = await server.stop()
  results[mode] = { eventsPerSecond, ...lat, peakRss }
  log(mode, JSON.stringify(results[mode]))
}

const { bare, collector } = results
const f = (n) => Math.round(n).toLocaleString('en-US')
const ms = (n) => n.toFixed(1)
const mb = (n) => (n / 1024 / 1024).toFixed(0)
const report = `# Collector benchmark

\`npm run bench:collector\`, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores
(${cpus()[0]?.model.trim()}), load average ${loadavg()[0].toFixed(1)} at the end. The load generator
runs on the same two cores as the server. Batches of ${BATCH} realistic browser events (about 600 bytes
each), every \`message_id\` new, over keep-alive HTTP on 127.0.0.1.

- **collector**: \`createCollector({ store: duckdbStore({ path }) })\` at its defaults, behind
  \`toNodeHandler\` on \`node:http\`: body limits, per-event checks, user-agent enrichment, the dedup
  window, and a 200 only once the rows are written to the DuckDB file (group commit, Appender;
  DuckDB's checkpoints run beside the writes, every 50,000 rows).
- **bare**: a \`node:http\` server that only reads and \`JSON.parse\`s the same bodies: the ceiling.

| | bare (ceiling) | collector | collector / bare |
| --- | --- | --- | --- |
| events/s, ${CONCURRENCY} concurrent senders, ${SECONDS} s | ${f(bare.eventsPerSecond)} | ${f(collector.eventsPerSecond)} | ${(collector.eventsPerSecond / bare.eventsPerSecond).toFixed(2)} |
| p50 latency at ${f(OFFERED)} events/s (ms) | ${ms(bare.p50)} | ${ms(collector.p50)} | ${(collector.p50 / bare.p50).toFixed(1)} |
| p99 latency at ${f(OFFERED)} events/s (ms) | ${ms(bare.p99)} | ${ms(collector.p99)} | ${(collector.p99 / bare.p99).toFixed(1)} |
| max latency at ${f(OFFERED)} events/s (ms) | ${ms(bare.max)} | ${ms(collector.max)} | |
| server peak RSS (MB) | ${mb(bare.peakRss)} | ${mb(collector.peakRss)} | |

Targets: at least 50,000 events/s on two cores — **${collector.eventsPerSecond >= 50_000 ? 'met' : 'missed'}**
(${f(collector.eventsPerSecond)}); p99 under 50 ms at 5,000 events/s — **${collector.p99 < 50 ? 'met' : 'missed'}**
(${ms(collector.p99)} ms).
`
const file = quick ? join(ROOT, 'bench', '.out', 'COLLECTOR.quick.md') : join(ROOT, 'bench', 'COLLECTOR.md')
mkdirSync(join(ROOT, 'bench', '.out'), { recursive: true })
writeFileSync(file, report)
console.log(report)
log(`written to ${file}`)
