#!/usr/bin/env node
// Tracking past a full queue: 100,000 track() calls on a client whose queue is already full, offline (so
// nothing leaves) with persistence on (localStorage), in a jsdom page. Every call then drops the oldest
// event. The cost per call is reported per block of 10,000 calls and for two queue bounds, 1,000 and the
// default 10,000: flat means a drop does not walk the queue or the stored copy of it.
//
//   node bench/fullQueue.mjs [--quick]      prints Markdown; `run({ quick })` returns it to bench/run.mjs
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildKit } from './lib/buildKit.mjs'
import { createPage } from './lib/env.mjs'

const OUTFILE = join(import.meta.dirname, '.out', 'fullqueue-kit.js')
const CALLS = 100_000
const BLOCK = 10_000
// calls per task: the queue's intake, storage and drops run between slices, as they would in a page
const SLICE = 1_000
const BOUNDS = [1_000, 10_000]

const cpuNs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) * 1_000
}

/** In a fresh process: fills a queue bounded at `bound`, then times 100,000 calls past it. */
async function child(bound) {
  const { window } = createPage()
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => false })
  window.eval(readFileSync(OUTFILE, 'utf8'))
  const kit = window.instrumentkit
  const analytics = kit.createAnalytics({
    transport: kit.fetchTransport({ url: 'https://collector.example.com/api/analytics/batch' }),
    maxQueueEvents: bound,
  })
  const task = () => new Promise((resolve) => window.setTimeout(resolve, 0))
  const props = (i) => ({ product_id: `sku_${10_000 + (i % 500)}`, price: 19.99, position: i % 20 })
  for (let i = 0; i < bound; i += SLICE) {
    for (let j = i; j < Math.min(bound, i + SLICE); j++) analytics.track('product_viewed', props(j))
    await task()
  }
  await task()
  const blocks = []
  for (let b = 0; b < CALLS / BLOCK; b++) {
    globalThis.gc?.()
    const c0 = cpuNs()
    for (let s = 0; s < BLOCK; s += SLICE) {
      for (let j = 0; j < SLICE; j++) analytics.track('product_viewed', props(b * BLOCK + s + j))
      await task()
    }
    blocks.push((cpuNs() - c0) / BLOCK)
  }
  const { ledger, queueSize } = analytics.getState()
  const stored = Object.keys(window.localStorage).filter((k) => k.startsWith('ik:q.')).length
  return { bound, blocks, queueSize, dropped: ledger.dropped.queue_full ?? 0, storedChunks: stored }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** Measures each bound in fresh processes (interleaved) and returns the medians and a Markdown report. */
export async function run({ quick = false } = {}) {
  await buildKit(OUTFILE, 'browser')
  const reps = quick ? 1 : 3
  const runs = Object.fromEntries(BOUNDS.map((b) => [b, []]))
  for (let r = 0; r < reps; r++)
    for (const bound of BOUNDS)
      runs[bound].push(
        JSON.parse(
          execFileSync(
            process.execPath,
            ['--expose-gc', fileURLToPath(import.meta.url), '--child', String(bound)],
            {
              encoding: 'utf8',
              maxBuffer: 1 << 24,
            },
          ),
        ),
      )
  const result = {}
  for (const bound of BOUNDS) {
    const rs = runs[bound]
    const blocks = rs[0].blocks.map((_, i) => median(rs.map((r) => r.blocks[i])))
    result[bound] = {
      blocks,
      perCall: median(rs.map((r) => median(r.blocks))),
      dropped: rs[0].dropped,
      queueSize: rs[0].queueSize,
      storedChunks: rs[0].storedChunks,
    }
  }
  const small = result[BOUNDS[0]]
  const large = result[BOUNDS[1]]
  // flat: the default bound costs what a ten times smaller one does, and the last block what the first did
  const boundRatio = large.perCall / small.perCall
  const growth = large.blocks.at(-1) / large.blocks[0]
  return { ...result, boundRatio, growth, reps, markdown: render(result, boundRatio, growth, reps) }
}

function render(result, boundRatio, growth, reps) {
  const ns = (x) => Math.round(x).toLocaleString('en-US')
  const rows = BOUNDS.map(
    (b) =>
      `| ${b.toLocaleString('en-US')} | ${result[b].blocks.map(ns).join(' · ')} | ${ns(result[b].perCall)} | ${result[b].dropped.toLocaleString('en-US')} | ${result[b].queueSize.toLocaleString('en-US')} |`,
  )
  return [
    `${CALLS.toLocaleString('en-US')} \`track()\` calls past a full queue, offline, persistence on (jsdom localStorage),`,
    `${SLICE.toLocaleString('en-US')} calls per task; CPU ns per call (process CPU time, so the garbage collector's`,
    `threads count) for each block of ${BLOCK.toLocaleString('en-US')} calls; median of ${reps} fresh processes per bound.`,
    '',
    '| queue bound | ns/call per block of 10,000, in order | median | dropped (`queue_full`) | queued at the end |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Cost per call at the default bound (10,000) against a bound of 1,000: **${boundRatio.toFixed(2)}×**; last block`,
    `against the first at 10,000: **${growth.toFixed(2)}×** (flat is 1.00×).`,
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--child')
  if (at > 0) {
    console.log(JSON.stringify(await child(Number(process.argv[at + 1]))))
    process.exit(0)
  }
  const result = await run({ quick: process.argv.includes('--quick') })
  console.log(result.markdown)
}
