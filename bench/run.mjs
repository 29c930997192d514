#!/usr/bin/env node
// npm run bench: instrumentkit (current src/) against the anchors, side by side in one run, written to
// bench/RESULTS.md. Every timing is repeated in fresh child processes and reported as a median, next
// to a baseline measured in the same run. Not run by CI: absolute times depend on the machine.
//
//   node bench/run.mjs            full run (a few minutes)
//   node bench/run.mjs --quick    fewer repetitions, for checking the harness; writes bench/.out/RESULTS.quick.md
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const BENCH_DIR = import.meta.dirname
const ROOT = join(BENCH_DIR, '..')
const quick = process.argv.includes('--quick')
const REPS = quick
  ? { sync: 2, busy: 1, trickle: 1, heap: 1, wire: 1, mount: 1 }
  : { sync: 7, busy: 3, trickle: 3, heap: 1, wire: 1, mount: 5 }
const started = Date.now()
const loadAtStart = loadavg()[0]
const log = (...args) =>
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s]`, ...args)

ensureInstalled()
if (loadAtStart > cpus().length * 0.5)
  log(`warning: load average ${loadAtStart.toFixed(1)} on ${cpus().length} cores; other work will add noise`)
mkdirSync(join(BENCH_DIR, '.out'), { recursive: true })

// imported only once the dependencies are known to be installed
const { SIZE_SETS, measureSize } = await import('./lib/sizes.mjs')
const { buildHarness, SDKS } = await import('./lib/harness.mjs')
const { renderResults, mountSummary } = await import('./lib/report.mjs')

log('sizes')
const sizes = []
for (const set of SIZE_SETS) sizes.push(await measureSize(set))

log('building the page script of each SDK')
const scripts = await buildHarness()

const runs = {}
for (const task of ['sync', 'busy', 'trickle', 'heap', 'wire', 'mount']) {
  runs[task] = {}
  for (const sdk of SDKS) {
    if (task === 'mount' && !sdk.react) continue
    const results = []
    for (let rep = 0; rep < REPS[task]; rep++) results.push(await child(task, scripts[sdk.id]))
    runs[task][sdk.id] = results
    const failed = results.find((r) => r.error)
    log(
      task.padEnd(5),
      sdk.id.padEnd(14),
      failed ? `FAILED: ${failed.error.split('\n')[0]}` : summary(task, results),
    )
  }
}

const external = {}
for (const [name, file] of [
  ['flush', 'flush.mjs'],
  ['metrics', 'metrics.mjs'],
  ['fullQueue', 'fullQueue.mjs'],
  ['browserBusy', 'browserBusy.mjs'],
]) {
  const path = join(BENCH_DIR, file)
  if (!existsSync(path)) {
    external[name] = { missing: `bench/${file}` }
    log(`${file} is missing; its section is marked as not measured`)
    continue
  }
  log(`running bench/${file}`)
  external[name] = await runExternal(path)
}

const meta = {
  date: new Date().toISOString(),
  node: process.version,
  jsdom: versionOf(join(ROOT, 'node_modules', 'jsdom')),
  esbuild: versionOf(join(ROOT, 'node_modules', 'esbuild')),
  react: versionOf(join(ROOT, 'node_modules', 'react')),
  cpu: `${cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${cpus().length}`,
  commit: git(['rev-parse', '--short', 'HEAD']),
  srcDirty: git(['status', '--porcelain', '--', 'src']) !== '',
  seconds: Math.round((Date.now() - started) / 1000),
  load: [loadAtStart, loadavg()[0]],
  reps: REPS,
  quick,
}
// the raw measurements, so that the report can be rendered again without measuring again
writeFileSync(join(BENCH_DIR, '.out', 'raw.json'), JSON.stringify({ meta, sizes, runs, external }))
const markdown = renderResults({ meta, sizes, runs, external, sdks: SDKS })
const out = quick ? join(BENCH_DIR, '.out', 'RESULTS.quick.md') : join(BENCH_DIR, 'RESULTS.md')
writeFileSync(out, markdown)
log(`wrote ${out.slice(ROOT.length + 1)} in ${meta.seconds} s`)

/** Installs bench/'s own dependencies on a fresh clone (and checks the root's are there). */
function ensureInstalled() {
  if (
    !existsSync(join(ROOT, 'node_modules', 'jsdom')) ||
    !existsSync(join(ROOT, 'node_modules', 'esbuild'))
  ) {
    console.error(
      'bench: run `npm ci` at the repository root first (jsdom, esbuild and React come from there).',
    )
    process.exit(1)
  }
  if (!existsSync(join(BENCH_DIR, 'node_modules', '.package-lock.json'))) {
    log('installing the anchors into bench/node_modules (npm ci --prefix bench)')
    execFileSync('npm', ['ci', '--prefix', BENCH_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' })
  }
}

/** Runs `node --expose-gc …args` and resolves with its exit code and output; killed after `timeoutMs`. */
function spawnNode(args, { cwd, timeoutMs } = {}) {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--expose-gc', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    proc.stdout.on('data', (d) => {
      stdout += d
    })
    proc.stderr.on('data', (d) => {
      stderr += d
    })
    const timer = timeoutMs && setTimeout(() => proc.kill('SIGKILL'), timeoutMs)
    proc.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** Runs one measurement in a fresh Node process and returns its parsed result. */
async function child(task, script) {
  const { code, stdout, stderr } = await spawnNode([join(BENCH_DIR, 'lib', 'child.mjs'), task, script], {
    // a mount repetition (three suites of 36 rounds for instrumentkit) takes 20-30 s on a shared machine
    timeoutMs: task === 'mount' ? 180_000 : 60_000,
  })
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '))
  return line
    ? JSON.parse(line.slice(7))
    : { error: `exit ${code}: ${stderr.slice(-2000) || stdout.slice(-2000)}` }
}

/**
 * Runs another engineer's benchmark script. If it exports `run()` (or a default function), that is
 * awaited and its result kept; otherwise it is executed as a script and its standard output kept.
 */
async function runExternal(path) {
  const source = readFileSync(path, 'utf8')
  const exportsRun = /export\s+(async\s+)?function\s+run\b|export\s+default\b|export\s*\{[^}]*\brun\b/.test(
    source,
  )
  const t0 = Date.now()
  if (exportsRun) {
    try {
      const mod = await import(pathToFileURL(path).href)
      const fn = mod.run ?? mod.default
      const result = await fn({ quick })
      return { result, seconds: (Date.now() - t0) / 1000 }
    } catch (error) {
      return { error: String(error?.stack ?? error) }
    }
  }
  const { code, stdout, stderr } = await spawnNode([path, ...(quick ? ['--quick'] : [])], { cwd: ROOT })
  return code === 0
    ? { stdout, seconds: (Date.now() - t0) / 1000 }
    : { error: `exit ${code}: ${(stderr || stdout).slice(-2000)}` }
}

function summary(task, results) {
  const pick = {
    sync: (r) => `${Math.round(r.nsPerCall)} ns/call`,
    busy: (r) => `${Math.round(r.cpuNsPerEvent)} ns/event`,
    trickle: (r) => `${Math.round(r.cpuNsPerEvent)} ns/event`,
    heap: (r) => `${Math.round(r.heapBytesPerEvent)} B/event`,
    wire: (r) => `${r.requests} req, ${Math.round(r.bytesPerEvent)} B/event`,
    mount: mountSummary,
  }[task]
  return results.map(pick).join(' | ')
}

function versionOf(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
  } catch {
    return 'unknown'
  }
}

function git(args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim()
  } catch {
    return ''
  }
}
