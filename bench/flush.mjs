#!/usr/bin/env node
// Flushing a full queue (10,000 events) in headless Chromium against a local collector: main-thread
// time and the longest task, next to a baseline measured in the same page — JSON.stringify of the same
// events in one call, which is what an SDK that serializes its whole queue at once pays in one task.
//
//   node bench/flush.mjs [--quick]      prints Markdown; `run({ quick })` returns it to bench/run.mjs
//   FLUSH_QUERY=&persist=0&gzip=0        turns storage or compression off on the page, to see what each costs
import { pathToFileURL } from 'node:url'
import { buildBundle, launchChromium, startCollector, startSite, until } from '../test/browser/harness.mjs'

const EVENTS = 10_000

/** Runs the benchmark; returns `{ markdown, runs, median }`. */
export async function run({ quick = false } = {}) {
  const reps = quick ? 1 : 3
  const [script, browser, collector] = await Promise.all([
    buildBundle('test/browser/app/flushBench.ts'),
    launchChromium(),
    startCollector(),
  ])
  const site = await startSite({
    '/': '<!doctype html><html><body><script src="/app.js"></script></body></html>',
    '/app.js': script,
  })
  const url = `${site.origin}/?collector=${encodeURIComponent(collector.url)}${process.env.FLUSH_QUERY ?? ''}`
  const runs = []
  try {
    for (let rep = 0; rep < reps; rep++) {
      // one page measures main-thread time (CDP TaskDuration), another the longest task from a trace,
      // whose recording would otherwise slow the first down
      const timed = await measure(browser, url, collector, false)
      const traced = await measure(browser, url, collector, true)
      runs.push({ ...timed, longestTaskMs: traced.longestTaskMs, tasks: traced.tasks })
    }
  } finally {
    await browser.close()
    await Promise.all([collector.close(), site.close()])
  }
  const median = {}
  for (const key of Object.keys(runs[0])) {
    const values = runs.map((r) => r[key]).sort((a, b) => a - b)
    median[key] = values[Math.floor(values.length / 2)]
  }
  return { markdown: render(median, reps), runs, median }
}

async function measure(browser, url, collector, trace) {
  collector.reset()
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(url)
  await page.waitForSelector('body[data-ready]', { state: 'attached' })
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  // offline, the queue fills up to its bound without sending: the state a page is in when it comes back
  await context.setOffline(true)
  const { trackMs, queued } = await page.evaluate((n) => window.bench.queue(n), EVENTS)
  if (queued !== EVENTS) throw new Error(`expected ${EVENTS} queued events, found ${queued}`)
  await page.evaluate(() => window.bench.arm())
  if (trace)
    await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline'] })
  const before = await taskSeconds(cdp)
  await context.setOffline(false)
  const { wallMs, state } = await page.evaluate(() => window.bench.flush())
  const mainThreadMs = ((await taskSeconds(cdp)) - before) * 1_000
  const tasks = trace ? mainThreadTasks(await browser.stopTracing()) : []
  await until(() => collector.unique() === EVENTS, 10_000, 'every event at the collector')
  if (state.ledger.delivered !== EVENTS) throw new Error(`delivered ${state.ledger.delivered} of ${EVENTS}`)
  const requests = collector.requests.filter((r) => r.events > 0)
  const baseline = await page.evaluate(() => window.bench.baseline())
  await page.evaluate(() => window.bench.prepareRaw())
  const beforeRaw = await taskSeconds(cdp)
  await page.evaluate(() => window.bench.rawSend())
  const rawFetchMs = ((await taskSeconds(cdp)) - beforeRaw) * 1_000
  await context.close()
  return {
    trackMs,
    wallMs,
    mainThreadMs,
    longestTaskMs: Math.max(0, ...tasks),
    tasks: tasks.length,
    stringifyMs: baseline.stringifyMs,
    rawFetchMs,
    jsonBytes: baseline.bytes,
    requests: requests.length,
    wireBytes: requests.reduce((n, r) => n + r.bytes, 0),
    gzipped: requests.filter((r) => r.gzip).length,
  }
}

/** Durations in milliseconds of the tasks the page's main thread ran while tracing. */
function mainThreadTasks(buffer) {
  const { traceEvents } = JSON.parse(buffer.toString('utf8'))
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  return traceEvents
    .filter((e) => e.name === 'RunTask' && e.dur && e.pid === main?.pid && e.tid === main?.tid)
    .map((e) => e.dur / 1_000)
}

async function taskSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0
}

function render(m, reps) {
  const f = (n, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })
  return [
    `Headless Chromium, collector on 127.0.0.1, ${EVENTS.toLocaleString('en-US')} events queued (the default`,
    `queue bound) while offline behind \`fetchTransport\` with persistence on, then back online and`,
    `\`flush()\` until every batch is acknowledged; median of ${reps} page loads.`,
    'Baselines, in the same page: `JSON.stringify` of the same events in one call (what serializing a',
    'whole queue at once costs in one task), and posting them as 100 ready-made bodies with bare `fetch`',
    '(the browser’s own cost for the requests, which any SDK pays).',
    '',
    '| measure | value | vs baseline |',
    '| --- | --- | --- |',
    `| baseline: JSON.stringify of the whole queue (one task) | ${f(m.stringifyMs)} ms | 1.00× |`,
    `| baseline: the same events posted as 100 prepared bodies with bare \`fetch\` | ${f(m.rawFetchMs)} ms | ${f(m.rawFetchMs / m.stringifyMs, 2)}× |`,
    `| main-thread time of the whole flush | ${f(m.mainThreadMs)} ms | ${f(m.mainThreadMs / m.stringifyMs, 2)}× (${f(m.mainThreadMs / m.rawFetchMs, 2)}× bare fetch) |`,
    `| longest main-thread task during the flush (of ${m.tasks.toLocaleString('en-US')}, traced) | ${f(m.longestTaskMs)} ms | ${f(m.longestTaskMs / m.stringifyMs, 2)}× |`,
    `| wall time until all acknowledged | ${f(m.wallMs, 0)} ms | |`,
    `| requests (gzipped) | ${m.requests} (${m.gzipped}) | |`,
    `| bytes on the wire per event | ${f(m.wireBytes / EVENTS)} | ${f(m.wireBytes / m.jsonBytes, 3)}× of the JSON |`,
    `| for reference: the 10,000 track() calls that filled the queue | ${f(m.trackMs)} ms | |`,
    '',
    'The budget is no task over 50 ms while flushing a full queue.',
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await run({ quick: process.argv.includes('--quick') })
  console.log(result.markdown)
}
