#!/usr/bin/env node
// Main-thread time per delivered event in headless Chromium: the busy and trickle measures of
// bench/lib/child.mjs, in a real browser instead of jsdom, for the SDKs the targets name (GrowthBook,
// react-tracking) beside instrumentkit and the ten-line baseline. Each SDK runs the same page script as
// in jsdom (bench/.out/harness/<sdk>.js); the network is a recorder in the page that answers at once.
// Main-thread time is Chromium's own count of the renderer's task time (CDP Performance.getMetrics,
// TaskDuration, in thread time), so time the machine spends on other processes is not charged.
//
//   node bench/browserBusy.mjs [--quick]   prints Markdown; `run({ quick })` returns it to bench/run.mjs
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { launchChromium, startSite } from '../test/browser/harness.mjs'
import { answerFor } from './lib/env.mjs'
import { buildHarness } from './lib/harness.mjs'

const SDKS = [
  { id: 'baseline', label: 'baseline (10-line batcher)' },
  { id: 'durable-baseline', label: 'baseline + one localStorage write per task with events' },
  { id: 'instrumentkit', label: 'instrumentkit' },
  // what each default costs: the same page script with one default turned off
  {
    id: 'instrumentkit',
    page: 'ik-no-persistence',
    label: 'instrumentkit, `persistence: false`',
    variant: { client: { persistence: false } },
  },
  {
    id: 'instrumentkit',
    page: 'ik-no-compression',
    label: 'instrumentkit, `compressAbove: false`',
    variant: { transport: { compressAbove: false } },
  },
  {
    id: 'instrumentkit',
    page: 'ik-no-rules',
    label: "instrumentkit, `privacy: false, naming: 'off'`",
    variant: { client: { privacy: false, naming: 'off' } },
  },
  { id: 'react-tracking', label: 'react-tracking 9.3.2' },
  { id: 'growthbook', label: 'growthbook-react 1.8.0 (logEvent)' },
]
const EVENT = 'product_viewed'
const TASKS = { busy: 1_000, trickle: 200 }

// The page's network: every request is recorded as it is and answered 200 at once; GrowthBook's
// features endpoint gets the same answer as in jsdom (bench/lib/env.mjs). Bodies are decoded only
// after the measured span.
const RECORDER = `
window.__requests = []
const features = ${JSON.stringify(JSON.stringify(answerFor('/api/features/sdk-bench')))}
const answer = (url) => /\\/api\\/features\\//.test(url) ? features : '{}'
window.fetch = function fetch(input, init = {}) {
  const url = typeof input === 'string' ? input : (input?.url ?? String(input))
  window.__requests.push({ url, body: init.body })
  return Promise.resolve(new Response(answer(url), { status: 200, headers: { 'content-type': 'application/json' } }))
}
navigator.sendBeacon = function sendBeacon(url, body) {
  window.__requests.push({ url: String(url), body })
  return true
}
`

/** Runs the benchmark; returns `{ markdown, results, medians }` (medians in ns per event by task and SDK). */
export async function run({ quick = false } = {}) {
  const reps = quick ? 1 : 3
  const scripts = await buildHarness([...new Set(SDKS.map((sdk) => sdk.id))])
  const routes = { '/': '<!doctype html>' }
  for (const { id, page = id, variant } of SDKS) {
    routes[`/${id}.js`] = readFileSync(scripts[id], 'utf8')
    const setup = variant ? `window.__ikVariant = ${JSON.stringify(variant)}\n` : ''
    routes[`/${page}`] =
      `<!doctype html><html lang="en"><head><title>Shop – search results</title></head><body>` +
      `<script>${setup}${RECORDER}</script><script src="/${id}.js"></script></body></html>`
  }
  const [browser, site] = await Promise.all([launchChromium(), startSite(routes)])
  const results = {}
  try {
    // repetitions interleave the SDKs, so that a noisy minute on a shared machine is spread over all of them
    for (const task of Object.keys(TASKS))
      for (let rep = 0; rep < reps; rep++)
        for (const { id, page = id } of SDKS) {
          results[`${task}:${page}`] ??= []
          const runs = results[`${task}:${page}`]
          runs.push(await measure(browser, `${site.origin}/${page}`, task))
          if (rep === reps - 1)
            console.error(
              `[browserBusy] ${task} ${page}: ${runs.map((r) => `${r.nsPerEvent.toFixed(0)} ns`).join(' | ')}`,
            )
        }
  } finally {
    await browser.close()
    await site.close()
  }
  const medians = {}
  for (const task of Object.keys(TASKS))
    medians[task] = Object.fromEntries(
      SDKS.map(({ id, page = id }) => [page, median(results[`${task}:${page}`].map((r) => r.nsPerEvent))]),
    )
  return { markdown: render(results, reps), results, medians }
}

async function measure(browser, url, task) {
  const n = TASKS[task]
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    await page.goto(`${url}?q=shoes&utm_source=newsletter&utm_medium=email`)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
    const taskSeconds = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value
    await page.evaluate(() => window.__bench.init())
    // warm-up: 100 events, delivered, as in jsdom
    await page.evaluate(() => window.__bench.burst(100, 0))
    await page.evaluate(() => window.__bench.flush())
    const warm = await settle(page, 100, 0)
    const t0 = await taskSeconds()
    if (task === 'busy')
      await page.evaluate(async (count) => {
        window.__bench.burst(count, 100)
        await window.__bench.flush()
      }, n)
    else
      await page.evaluate(async (count) => {
        for (let i = 0; i < count; i++) {
          window.__bench.burst(1, 100 + i)
          await new Promise((resolve) => setTimeout(resolve, 0))
        }
        await window.__bench.flush()
      }, n)
    // the span ends once every measured event is inside a recorded request body; counting them is
    // page work too, so its own task time is taken out
    let counting = 0
    let spent = 0
    let found = 0
    for (let tries = 0; found < n && tries < 10; tries++) {
      await quiet(page)
      const t1 = await taskSeconds()
      spent = t1 - t0 - counting
      found = await count(page, warm.requests)
      counting += (await taskSeconds()) - t1
    }
    if (found < n) throw new Error(`${url} ${task}: ${found} of ${n} events reached a request`)
    const requests = (await page.evaluate(() => window.__requests.length)) - warm.requests
    return { nsPerEvent: (spent * 1e9) / n, requests }
  } finally {
    await context.close()
  }
}

// waits until no request has been recorded for a second and a half (every SDK measured here sends
// within a second of a flush or of its batch filling)
async function quiet(page) {
  let last = -1
  let stableSince = Date.now()
  for (;;) {
    const now = await page.evaluate(() => window.__requests.length)
    if (now !== last) {
      last = now
      stableSince = Date.now()
    } else if (Date.now() - stableSince >= 1_500) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

async function settle(page, expected, from) {
  let found = 0
  for (let tries = 0; found < expected && tries < 10; tries++) {
    await quiet(page)
    found = await count(page, from)
  }
  // a warm-up event arriving late would be counted as a measured one
  if (found < expected) throw new Error(`warm-up: ${found} of ${expected} events reached a request`)
  return { requests: await page.evaluate(() => window.__requests.length) }
}

// the measured events in the requests recorded from index `from` on (gzip bodies are decompressed)
function count(page, from) {
  return page.evaluate(
    async ({ from, name }) => {
      let found = 0
      for (const { body } of window.__requests.slice(from)) {
        let text = ''
        if (typeof body === 'string') text = body
        else if (body != null) {
          const blob = body instanceof Blob ? body : new Blob([body])
          const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer())
          text =
            head[0] === 0x1f && head[1] === 0x8b
              ? await new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).text()
              : await blob.text()
        }
        found += text.split(`"${name}"`).length - 1
      }
      return found
    },
    { from, name: EVENT },
  )
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function render(results, reps) {
  const fmt = (x) => Math.round(x).toLocaleString('en-US')
  const med = (key) => median(results[key].map((r) => r.nsPerEvent))
  const lines = [
    '| SDK | busy ns/event | busy × GrowthBook | trickle ns/event | trickle × GrowthBook | requests (busy / trickle) |',
    '| --- | --- | --- | --- | --- | --- |',
  ]
  for (const { id, page = id, label } of SDKS) {
    const busy = med(`busy:${page}`)
    const trickle = med(`trickle:${page}`)
    lines.push(
      `| ${label} | ${fmt(busy)} | ${(busy / med('busy:growthbook')).toFixed(2)}× | ${fmt(trickle)} | ${(
        trickle / med('trickle:growthbook')
      ).toFixed(2)}× | ${results[`busy:${page}`][0].requests} / ${results[`trickle:${page}`][0].requests} |`,
    )
  }
  return [
    `Median of ${reps} fresh pages per SDK and measure; ${TASKS.busy.toLocaleString('en-US')} events in a burst, ` +
      `${TASKS.trickle} one per task (a zero-delay timer between calls), after 100 delivered as a warm-up.`,
    '',
    ...lines,
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown } = await run({ quick: process.argv.includes('--quick') })
  console.log(markdown)
}
