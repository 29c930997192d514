#!/usr/bin/env node
// npm run bench:reports: each report over 1,000,000 stored events in a DuckDB file, timed in one run
// next to a baseline (a count of unique events and visitors over the same view), against the 1 s target.
// Writes bench/REPORTS-RESULTS.md.
//
//   node bench/reports.mjs           full run (1,000,000 events, 5 rounds; a few minutes)
//   node bench/reports.mjs --quick   100,000 events, 2 rounds, written to bench/.out/REPORTS-RESULTS.quick.md
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { bundleForNode } from '../scripts/bundleForNode.mjs'

const ROOT = join(import.meta.dirname, '..')
const OUT = join(ROOT, '.tmp', 'bench-reports')
const quick = process.argv.includes('--quick')
const EVENTS = quick ? 100_000 : 1_000_000
const ROUNDS = quick ? 2 : 5
const TARGET_MS = 1000

mkdirSync(OUT, { recursive: true })
await bundleForNode(join(import.meta.dirname, 'reports', 'run.ts'), join(OUT, 'run.mjs'))
const load = loadavg()[0]
console.error(`[bench:reports] ${EVENTS.toLocaleString('en-US')} events, ${ROUNDS} rounds`)
const output = execFileSync(
  process.execPath,
  [join(OUT, 'run.mjs'), join(OUT, 'db'), String(EVENTS), String(ROUNDS)],
  {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  },
)
const run = JSON.parse(output.trim().split('\n').at(-1))
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
const baseline = run.results.baseline.median
const fmt = (ms) => `${ms.toFixed(0)} ms`
const rows = Object.entries(run.results)
  .filter(([name]) => name !== 'baseline')
  .map(
    ([name, r]) =>
      `| ${name} | ${fmt(r.median)} | ${fmt(r.min)}–${fmt(r.max)} | ${(r.median / baseline).toFixed(1)}× | ${r.median < TARGET_MS ? 'yes' : '**no**'} |`,
  )
const md = `# Reports over 1,000,000 events (DuckDB)

Measured by \`npm run bench:reports\` at ${commit}, ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node},
${cpus().length} cores (load average ${load.toFixed(1)} at the start). Absolute times vary between runs on a shared
machine; the ratio to the baseline, measured in the same run, is the comparable figure.

Data: ${run.stored.toLocaleString('en-US')} rows in \`events\` (${run.unique.toLocaleString('en-US')} unique \`message_id\`s; the rest are redelivered
copies), ${run.metricPoints.toLocaleString('en-US')} metric points, 60,000 visitors over 4 weeks, a third of them anonymous, 1% bots,
sessions walking a product → cart → checkout funnel with a checkout experiment. Loading took ${run.loadSeconds.toFixed(0)} s
through \`duckdbStore.write()\`. Each report ran once to warm up, then ${run.rounds} interleaved rounds; the table gives
the median and the range.

Baseline: \`SELECT count(*), count(DISTINCT anonymous_id) FROM events_unique WHERE NOT is_bot\` — one pass over the
deduplicated view, ${fmt(baseline)} median.

| report | median | range | × baseline | under 1 s |
| --- | --- | --- | --- | --- |
${rows.join('\n')}
`
const file = quick
  ? join(ROOT, 'bench', '.out', 'REPORTS-RESULTS.quick.md')
  : join(ROOT, 'bench', 'REPORTS-RESULTS.md')
mkdirSync(join(file, '..'), { recursive: true })
writeFileSync(file, md)
console.log(md)
console.error(`[bench:reports] wrote ${file}`)
