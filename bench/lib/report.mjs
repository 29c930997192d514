// Renders one run's measurements as bench/RESULTS.md: Markdown tables with ratios against baselines
// measured in the same run, the project's targets with a verdict, and the method.

const KIB = 1024
const OURS = 'instrumentkit'

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a')
const fixed = (n, digits = 1) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : 'n/a'
const kib = (bytes) => fixed(bytes / KIB)
const ratio = (a, b) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${fixed(a / b, a / b < 10 ? 2 : 0)}×` : 'n/a'
const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')
const yes = (ok) => (ok === undefined ? 'not measured' : ok ? '**yes**' : '**no**')

/** Per-SDK medians of one task's field, and the error if every repetition failed. */
function collect(runs, task, field) {
  const out = {}
  for (const [id, results] of Object.entries(runs[task] ?? {})) {
    const ok = results.filter((r) => !r.error && !r.skipped)
    const values = ok.map((r) => r[field])
    out[id] = {
      median: median(values),
      min: Math.min(...values),
      max: Math.max(...values),
      n: ok.length,
      error: ok.length === 0 ? results.find((r) => r.error)?.error : undefined,
      first: ok[0],
    }
  }
  return out
}

const errorCell = (e) => `failed: ${String(e).split('\n')[0].slice(0, 120)}`

export function renderResults({ meta, sizes, runs, external, sdks }) {
  const label = Object.fromEntries(sdks.map((s) => [s.id, s.label]))
  const sync = collect(runs, 'sync', 'nsPerCall')
  const syncCpu = collect(runs, 'sync', 'cpuNsPerCall')
  const busy = collect(runs, 'busy', 'cpuNsPerEvent')
  const trickle = collect(runs, 'trickle', 'cpuNsPerEvent')
  const heap = collect(runs, 'heap', 'heapBytesPerEvent')
  const stored = collect(runs, 'heap', 'storageBytesPerEvent')
  const mount = mountResults(runs.mount ?? {})
  const size = Object.fromEntries(sizes.map((s) => [s.id, s]))
  const oursReact = size['instrumentkit-react']
  const oursCore = size['instrumentkit-core']

  const lines = []
  const p = (...l) => lines.push(...l)

  p(
    '# Benchmark results',
    '',
    `Produced by \`npm run bench\` (bench/run.mjs) on ${meta.date.slice(0, 10)}: Node ${meta.node}, jsdom ${meta.jsdom}, ` +
      `esbuild ${meta.esbuild}, React ${meta.react}, ${meta.cpu} (1-minute load average ${meta.load.map((l) => l.toFixed(1)).join(' at the start, ')} at the end); ` +
      `${meta.seconds} s in all. instrumentkit is built from ` +
      `\`src/\` at commit ${meta.commit}${meta.srcDirty ? ' plus uncommitted changes in src/' : ''}.` +
      (meta.quick ? ' **Quick run: too few repetitions to quote.**' : ''),
    '',
    'Absolute times move 10–40 % between runs and machines; compare the ratios, which are taken against',
    'baselines measured in the same run. The method and its limits are at the end.',
    '',
  )

  // Targets
  const targets = []
  const sizeOk = (s, limit) => (s && !s.error ? s.gzip <= limit : undefined)
  const fmtSize = (s) => (s?.error ? errorCell(s.error) : s ? `${int(s.gzip)} B gzip` : 'n/a')
  targets.push([
    'core + react (Provider, useTrack, TrackedButton, Experiment/Variant, fetch delivery) ≤ 12 KiB gzip',
    `${fmtSize(oursReact)} (${kib(oursReact?.gzip)} KiB)`,
    yes(sizeOk(oursReact, 12 * KIB)),
  ])
  targets.push([
    'core alone (createAnalytics + fetchTransport) ≤ 9 KiB gzip',
    `${fmtSize(oursCore)} (${kib(oursCore?.gzip)} KiB)`,
    yes(sizeOk(oursCore, 9 * KIB)),
  ])
  const cmp = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? a < b : undefined)
  targets.push([
    '`track()` sync cost below react-tracking’s',
    `${int(sync[OURS]?.median)} vs ${int(sync['react-tracking']?.median)} ns/call (${ratio(sync[OURS]?.median, sync['react-tracking']?.median)})`,
    yes(cmp(sync[OURS]?.median, sync['react-tracking']?.median)),
  ])
  targets.push([
    'busy CPU per delivered event below GrowthBook’s in jsdom, in a burst',
    `${int(busy[OURS]?.median)} vs ${int(busy.growthbook?.median)} ns/event (${ratio(busy[OURS]?.median, busy.growthbook?.median)})`,
    yes(cmp(busy[OURS]?.median, busy.growthbook?.median)),
  ])
  targets.push([
    'busy CPU per delivered event below GrowthBook’s in jsdom, events trickling in one per task',
    `${int(trickle[OURS]?.median)} vs ${int(trickle.growthbook?.median)} ns/event (${ratio(trickle[OURS]?.median, trickle.growthbook?.median)})`,
    yes(cmp(trickle[OURS]?.median, trickle.growthbook?.median)),
  ])
  const chromium = external?.browserBusy?.result?.medians
  for (const [task, label] of [
    ['busy', 'in a burst'],
    ['trickle', 'events trickling in one per task'],
  ]) {
    const ours = chromium?.[task]?.[OURS]
    const theirs = chromium?.[task]?.growthbook
    targets.push([
      `main-thread time per delivered event below GrowthBook’s in Chromium, ${label} (bench/browserBusy.mjs)`,
      Number.isFinite(ours) && Number.isFinite(theirs)
        ? `${int(ours)} vs ${int(theirs)} ns/event (${ratio(ours, theirs)})`
        : 'n/a',
      yes(cmp(ours, theirs)),
    ])
  }
  const full = external?.fullQueue?.result
  targets.push([
    'cost per call flat past a full queue (persistence on): default bound vs a ten times smaller one, within 1.25×',
    Number.isFinite(full?.boundRatio)
      ? `${fixed(full.boundRatio, 2)}× (last block vs first ${fixed(full.growth, 2)}×), bench/fullQueue.mjs`
      : 'n/a',
    yes(Number.isFinite(full?.boundRatio) ? full.boundRatio <= 1.25 : undefined),
  ])
  const ourWire = runs.wire?.[OURS]?.[0]
  const phWire = runs.wire?.posthog?.[0]
  targets.push([
    'bytes on the wire per event (100-event batch, compressed) at or below PostHog’s',
    ourWire && phWire && !ourWire.error && !phWire.error
      ? `${fixed(ourWire.bytesPerEvent)} vs ${fixed(phWire.bytesPerEvent)} B/event (ours as ${ourWire.format})`
      : 'n/a',
    yes(
      ourWire && phWire && !ourWire.error && !phWire.error
        ? ourWire.bytesPerEvent <= phWire.bytesPerEvent
        : undefined,
    ),
  ])
  targets.push([
    'heap per queued event well under 1 KB',
    `${int(heap[OURS]?.median)} B`,
    yes(Number.isFinite(heap[OURS]?.median) ? heap[OURS].median < 1_000 : undefined),
  ])
  const m = mount[OURS]
  for (const [suite, what] of [
    ['button', '1,000 TrackedButtons within 1.05× of plain `<button>`s'],
    ['link', '1,000 TrackedLinks within 1.05× of plain `<a href>`s'],
    ['form', '1,000 TrackedForms within 1.05× of plain `<form>`s'],
  ]) {
    const r = m?.suites?.[suite]
    targets.push([
      `mount of ${what}`,
      r
        ? `${fixed(r.ratio, 2)}× (processes ${fixed(r.low, 2)}–${fixed(r.high, 2)}; A/A control ${fixed(r.control, 2)}×, ${fixed(r.controlLow, 2)}–${fixed(r.controlHigh, 2)})`
        : m?.error
          ? errorCell(m.error)
          : 'n/a',
      yes(r ? r.ratio <= 1.05 : undefined),
    ])
  }
  targets.push([
    'zero re-renders of consumers per tracked event',
    m && !m.error ? String(m.rerenders) : 'n/a',
    yes(m && !m.error ? m.rerenders === 0 : undefined),
  ])
  const longest = external?.flush?.result?.median?.longestTaskMs
  targets.push([
    'no main-thread task over 50 ms while flushing 10,000 queued events (Chromium, bench/flush.mjs)',
    Number.isFinite(longest) ? `longest task ${fixed(longest)} ms` : 'n/a',
    yes(Number.isFinite(longest) ? longest <= 50 : undefined),
  ])
  p('## Against our targets', '', table(['target', 'measured', 'met'], targets), '')

  // Sizes
  p(
    '## Bundle size of a realistic import set',
    '',
    'esbuild, minified, ESM, browser, React external, NODE_ENV=production; gzip level 9, brotli quality 11.',
    'Bytes loaded up front: the entry and every chunk it imports statically. Segment splits part of itself',
    'into chunks fetched with `import()` when its settings ask for them (shown apart); PostHog fetches',
    'further extensions (recorder, surveys, …) from its CDN at run time, which no bundle measure sees.',
    'Import sets are in bench/sizes/.',
    '',
  )
  const base = oursReact && !oursReact.error ? oursReact.gzip : undefined
  p(
    table(
      ['import set', 'min KiB', 'gzip KiB', 'brotli KiB', 'gzip × instrumentkit', 'lazy chunks, min KiB'],
      sizes.map((s) =>
        s.error
          ? [s.label, errorCell(s.error), '', '', '', '']
          : [
              s.label,
              kib(s.min),
              kib(s.gzip),
              kib(s.brotli),
              base ? ratio(s.gzip, base) : 'n/a',
              s.lazyMin ? kib(s.lazyMin) : '–',
            ],
      ),
    ),
    '',
  )

  if (oursReact?.inputs) {
    const total = oursReact.inputs.reduce((sum, i) => sum + i.bytes, 0)
    const top = oursReact.inputs.slice(0, 15)
    p(
      'Where the minified bytes of instrumentkit’s React import set come from (esbuild metafile, before',
      'compression; the largest 15 files):',
      '',
      table(
        ['file', 'min bytes', 'share'],
        [
          ...top.map((i) => [
            `\`${i.path.replace(/^.*?(src\/)/, '$1')}\``,
            int(i.bytes),
            `${fixed((100 * i.bytes) / total)} %`,
          ]),
          ['everything else', int(total - top.reduce((sum, i) => sum + i.bytes, 0)), ''],
        ],
      ),
      '',
    )
  }

  // track cost
  const bSync = sync.baseline?.median
  const bBusy = busy.baseline?.median
  p(
    '## Cost of `track()` (jsdom, network stubbed)',
    '',
    `- **sync**: what the click handler pays — a burst of 10,000 calls right after init, per call, wall-clock; median of ${meta.reps.sync} fresh processes (min–max in brackets). Beside it the process's CPU time over the burst, which adds the garbage collector's helper threads but not time lost to other processes.`,
    `- **busy**: CPU per event from the call until the event is inside a request body, after a 100-event warm-up; a 1,000-call burst, flushed; median of ${meta.reps.busy} processes. CPU time, so waiting for an SDK's flush timer costs nothing.`,
    `- **trickle**: the same, for 200 events tracked one per task (a zero-delay timer between calls), flushed; median of ${meta.reps.trickle ?? 0} processes. The timers' own cost is in every SDK's figure alike.`,
    `- **heap**: JS heap retained per event while requests do not complete (1,000 events after warm-up, after GC); ${meta.reps.heap === 1 ? 'one process (repetitions differ by under 1 %)' : `median of ${meta.reps.heap} processes`}. Request bodies already handed to fetch, XMLHttpRequest or sendBeacon are not counted (a browser holds them outside the JS heap), and jsdom keeps localStorage in the JS heap where a browser does not, so what the SDK wrote there is subtracted and shown apart. The page title contains a dash beyond Latin-1, as many do; V8 then stores any string holding it (a serialized event, say) at two bytes per character.`,
    '- **baseline**: ten lines that do the least any tracker must (a random UUID, an ISO timestamp, a queue push; `JSON.stringify` of 100 events per request). Time ratios are against it. (Its heap figure is near zero because it hands every 100 events to `fetch` at once; SDKs that batch on a timer hold more.)',
    '',
  )
  p(
    table(
      [
        'SDK',
        'sync ns/call',
        'sync × baseline',
        'sync CPU ns/call',
        'busy ns/event',
        'busy × baseline',
        'trickle ns/event',
        'trickle × baseline',
        'heap B/event',
        'localStorage B/event',
      ],
      sdks.map(({ id }) => [
        label[id],
        sync[id]?.error
          ? errorCell(sync[id].error)
          : `${int(sync[id]?.median)} (${int(sync[id]?.min)}–${int(sync[id]?.max)})`,
        ratio(sync[id]?.median, bSync),
        int(syncCpu[id]?.median),
        busy[id]?.error ? errorCell(busy[id].error) : int(busy[id]?.median),
        ratio(busy[id]?.median, bBusy),
        trickle[id]?.error ? errorCell(trickle[id].error) : int(trickle[id]?.median),
        ratio(trickle[id]?.median, trickle.baseline?.median),
        heap[id]?.error ? errorCell(heap[id].error) : int(heap[id]?.median),
        int(stored[id]?.median),
      ]),
    ),
    '',
  )
  const ourSync = sync[OURS]?.median
  if (Number.isFinite(ourSync)) {
    const faster = sdks
      .filter(({ id }) => id !== OURS && id !== 'baseline' && sync[id]?.median < ourSync)
      .map(({ id }) => id)
    p(
      `instrumentkit's sync cost is ${ratio(ourSync, bSync)} the baseline's` +
        (faster.length
          ? `; cheaper per call than ours: ${faster.join(', ')}.`
          : ', and below every anchor’s.'),
      '',
    )
  }

  // Wire
  p(
    '## Bytes on the wire for 100 events',
    '',
    'Request bodies that carry the 100 measured events (earlier warm-up requests and configuration',
    'requests excluded). "if gzipped": the same JSON gzipped, to compare payload design apart from whether',
    'the SDK compresses.',
    '',
    table(
      ['SDK', 'requests', 'bytes/event on the wire', 'format', 'bytes/event if gzipped', 'sent with'],
      sdks.map(({ id }) => {
        const w = runs.wire?.[id]?.[0]
        if (!w || w.error) return [label[id], w ? errorCell(w.error) : 'n/a', '', '', '', '']
        return [
          label[id],
          String(w.requests),
          fixed(w.bytesPerEvent),
          w.format,
          fixed(w.gzipBytesPerEvent),
          w.via,
        ]
      }),
    ),
    '',
  )

  // React
  const suiteLabel = {
    button: 'button using the hook vs `<button>`',
    link: 'TrackedLink vs `<a href>`',
    form: 'TrackedForm vs `<form>`',
  }
  const mountRows = []
  for (const [id, r] of Object.entries(mount)) {
    if (r.error) {
      mountRows.push([label[id], '', errorCell(r.error), '', '', '', '', ''])
      continue
    }
    for (const [suite, x] of Object.entries(r.suites))
      mountRows.push([
        label[id],
        id === OURS && suite === 'button' ? 'TrackedButton vs `<button>`' : (suiteLabel[suite] ?? suite),
        fixed(x.plain),
        fixed(x.tracked),
        `**${fixed(x.ratio, 3)}×** [${fixed(x.ci[0], 3)}–${fixed(x.ci[1], 3)}] (${fixed(x.low, 3)}–${fixed(x.high, 3)})`,
        `${fixed(x.control, 3)}× [${fixed(x.controlCi[0], 3)}–${fixed(x.controlCi[1], 3)}] (${fixed(x.controlLow, 3)}–${fixed(x.controlHigh, 3)})`,
        `${fixed(x.bytesRatio, 2)}×`,
        `${x.kept} of ${x.rounds}`,
      ])
  }
  const rerenderRows = Object.entries(mount)
    .filter(([, r]) => !r.error)
    .map(([id, r]) => [label[id], String(r.rerenders)])
  p(
    '## React: mounting 1,000 tracked components, and re-renders per tracked event',
    '',
    'Production React in jsdom. In each round, per suite, three mounts in a fresh root each: 1,000 plain',
    'elements (`plain`), the same 1,000 plain elements again through the same code (`control`, an A/A',
    'comparison), and the SDK’s provider with 1,000 of its tracked components (`tracked`: for the anchors, a',
    'button calling their hook, for instrumentkit `TrackedButton`, `TrackedLink` and `TrackedForm`), given the',
    'same children and user props as the plain elements. The order of the three rotates through all six',
    `permutations. ${meta.reps.mount} fresh processes per SDK, each ${rounds(mount)} rounds after 6 warm-up rounds.`,
    '',
    '- Each mount starts after the previous one’s passive effects ran and a scavenge emptied the young',
    '  generation, which is made large (two 64 MiB semi-spaces) so that no collection lands inside a mount',
    '  (12–18 MB each); a round in which a collection still overlapped one of its mounts is left out (rounds',
    '  kept). There is no full collection between rounds: a mount right after one runs 3–6× slower, whatever',
    '  its kind. With several suites, the suite order moves on only after all six kind orders, so each kind is',
    '  as often the first mount after a change of suite.',
    '- Charged: the CPU time of `root.render` under `flushSync` (`process.cpuUsage`, with V8 in single-threaded',
    '  mode so that it is the main thread’s: the same as wall time on an idle machine, but not inflated when a',
    '  shared machine deschedules the process mid-mount). That includes the commit, the layout effects and the',
    '  passive effects of the mount (React flushes those synchronously for a sync render), and the allocation',
    '  itself. Not charged in the time: building the element tree before the render, the unmount, and the',
    '  collections that the mount’s garbage makes happen later; how often those run grows with what a mount',
    '  allocates, shown apart as the ratio of heap bytes allocated (tracked / plain).',
    '- The ratio is the median over all kept rounds of all processes of each round’s tracked / plain; in',
    '  square brackets a 95 % interval of that median (order statistics), in round brackets the lowest and',
    '  highest per-process median. The A/A control is the same statistic for control / plain: it shows what',
    '  the method alone reads when nothing differs, so a ratio inside the control’s range is not a measured',
    '  difference.',
    '',
    table(
      [
        'SDK',
        'suite',
        'plain ms (CPU)',
        'tracked ms (CPU)',
        'tracked / plain',
        'A/A control',
        'heap allocated',
        'rounds kept',
      ],
      mountRows,
    ),
    '',
    'Re-renders: renders of a component using the hook caused by 100 clicks that track through it (the most',
    'seen in any process). Segment and Amplitude have no React bindings.',
    '',
    table(['SDK', 're-renders per tracked event'], rerenderRows),
    '',
  )

  // External benchmarks
  for (const [name, title] of [
    ['flush', 'Flushing 10,000 queued events (bench/flush.mjs)'],
    ['metrics', 'Metrics: 100,000 increments against 100,000 tracked events (bench/metrics.mjs)'],
    ['fullQueue', 'Tracking past a full queue (bench/fullQueue.mjs)'],
    ['browserBusy', 'Main-thread time per delivered event in Chromium (bench/browserBusy.mjs)'],
  ]) {
    p(`## ${title}`, '')
    p(...renderExternal(external[name]), '')
  }

  p(
    '## Method and its limits',
    '',
    '- Each SDK runs from a page script built like an app build (esbuild, minified, NODE_ENV=production, React',
    '  bundled) inside jsdom, with fetch, XMLHttpRequest and sendBeacon replaced by a recorder that answers 200',
    '  at once; configuration endpoints (Segment settings, GrowthBook features) get a minimal valid answer.',
    '  Adapters are in bench/sdks/; each SDK runs at its defaults, except that PostHog’s client-side rate',
    '  limit is raised so bursts are delivered instead of discarded.',
    '- jsdom is not a browser: its cookie, localStorage and DOM accessors are slower than a browser’s, which',
    '  weighs on SDKs that read them per call. Its `crypto.randomUUID`/`getRandomValues` (2–10 µs there) are',
    '  replaced by page-side versions drawing on Node’s CSPRNG (~0.3–0.6 µs), for every SDK alike.',
    '- busy and trickle charge every SDK the same span: from the `track` call until a recorded request carries',
    '  the event. Inside it, an SDK whose `flush()` resolves once its requests are answered (instrumentkit)',
    '  also pays for handling the answer — removing the acknowledged events from storage, counting them',
    '  delivered — which GrowthBook, storing nothing and retrying nothing, does not have. The recorder’s answer',
    '  to each request (an undici `Response`) is built inside the SDK’s `fetch` call and so charged to it:',
    '  instrumentkit makes 10 requests per 1,000-event burst (100 events each), GrowthBook one. jsdom’s own',
    '  `TextEncoder` (GrowthBook runs it over each body to decide on keepalive, instrumentkit over each body it',
    '  gzips) and `localStorage` (one write per task with events, for instrumentkit) are slower than a',
    '  browser’s, and are left as they are.',
    '- CPU time (`process.cpuUsage`) includes the garbage collector’s threads; decoding request bodies to',
    '  count events is timed and subtracted.',
    '- Each timing repetition is a fresh process, so one SDK’s JIT state or heap never helps another.',
    '- bench/browserBusy.mjs repeats busy and trickle in headless Chromium for the SDKs the targets name, with',
    '  the same page scripts and a recorder in the page. It counts main-thread time as Chromium does (CDP',
    '  `Performance.getMetrics` TaskDuration, in thread time): CompressionStream, localStorage and the fetch',
    '  hand-off at a browser’s real cost, garbage collection on other threads not at all. The span ends once',
    '  no request has been recorded for 1.5 s and every measured event is in a request body; the page tasks',
    '  that poll for that are in every SDK’s figure alike, and counting the events is taken out.',
    '- Sizes do not depend on the machine; times do — quote ratios, not nanoseconds.',
    '',
  )
  return `${lines.join('\n')}\n`
}

const rounds = (mount) => {
  const counts = Object.values(mount).flatMap((r) => Object.values(r.suites ?? {}).map((x) => x.perProcess))
  return counts.length ? Math.max(...counts) : 'n/a'
}

/** The ratios of one mount repetition: per suite, each kept round's tracked / plain and control / plain. */
export function mountPairs(result) {
  const out = {}
  for (const [suite, d] of Object.entries(result.suites ?? {})) {
    const kept = d.cpuMs.plain.map((_, i) => !(d.gc.plain[i] || d.gc.control[i] || d.gc.tracked[i]))
    const pick = (values) => values.filter((_, i) => kept[i])
    const plain = pick(d.cpuMs.plain)
    out[suite] = {
      tracked: pick(d.cpuMs.tracked).map((t, i) => t / plain[i]),
      control: pick(d.cpuMs.control).map((c, i) => c / plain[i]),
      plainMs: plain,
      trackedMs: pick(d.cpuMs.tracked),
      plainBytes: d.bytes.plain,
      trackedBytes: d.bytes.tracked,
      rounds: d.cpuMs.plain.length,
    }
  }
  return out
}

/** One line per mount repetition for the progress log: each suite's median tracked / plain and A/A. */
export function mountSummary(result) {
  if (result.skipped) return 'no React bindings'
  const parts = Object.entries(mountPairs(result)).map(
    ([suite, x]) => `${suite} ${fixed(median(x.tracked), 3)}× (A/A ${fixed(median(x.control), 3)}×)`,
  )
  return `${parts.join(', ')}, ${result.rerendersPerEvent} re-renders/event`
}

/**
 * A 95 % interval for the median of `values` from their order statistics (ranks n/2 ± 0.98·√n), which
 * assumes nothing about their distribution; it treats rounds as independent, which rounds of one
 * process are not quite, hence the per-process range next to it.
 */
function medianInterval(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  const n = sorted.length
  if (n === 0) return [Number.NaN, Number.NaN]
  const half = 0.98 * Math.sqrt(n)
  return [sorted[Math.max(0, Math.floor(n / 2 - half))], sorted[Math.min(n - 1, Math.ceil(n / 2 + half))]]
}

/** Per SDK and suite: pooled pair ratios over every process, the per-process range, and the A/A control. */
function mountResults(runsMount) {
  const out = {}
  for (const [id, results] of Object.entries(runsMount)) {
    const ok = results.filter((r) => !r.error && !r.skipped)
    if (ok.length === 0) {
      out[id] = { error: results.find((r) => r.error)?.error ?? 'skipped' }
      continue
    }
    const perProcess = ok.map(mountPairs)
    const suites = {}
    for (const suite of Object.keys(perProcess[0])) {
      const all = perProcess.map((p) => p[suite]).filter(Boolean)
      const flat = (key) => all.flatMap((x) => x[key])
      const trackedMedians = all.map((x) => median(x.tracked))
      const controlMedians = all.map((x) => median(x.control))
      suites[suite] = {
        plain: median(flat('plainMs')),
        tracked: median(flat('trackedMs')),
        ratio: median(flat('tracked')),
        ci: medianInterval(flat('tracked')),
        low: Math.min(...trackedMedians),
        high: Math.max(...trackedMedians),
        control: median(flat('control')),
        controlCi: medianInterval(flat('control')),
        controlLow: Math.min(...controlMedians),
        controlHigh: Math.max(...controlMedians),
        bytesRatio: median(flat('trackedBytes')) / median(flat('plainBytes')),
        kept: flat('tracked').length,
        rounds: all.reduce((sum, x) => sum + x.rounds, 0),
        perProcess: Math.max(...all.map((x) => x.rounds)),
      }
    }
    out[id] = { suites, rerenders: Math.max(...ok.map((r) => r.rerendersPerEvent)) }
  }
  return out
}

function renderExternal(ext) {
  if (!ext) return ['Not run.']
  if (ext.missing) return [`Not measured: ${ext.missing} does not exist yet.`]
  if (ext.error) return [`The script failed: \`${String(ext.error).split('\n')[0]}\``]
  if (ext.result !== undefined) {
    const r = ext.result
    if (typeof r === 'string') return [r.trim()]
    if (typeof r?.markdown === 'string') return [r.markdown.trim()]
    return ['```json', JSON.stringify(r, null, 2), '```']
  }
  const out = (ext.stdout ?? '').trim()
  // a script that prints Markdown is quoted as is; anything else as a code block
  return /^\|.*\|$/m.test(out) || /^#+ /m.test(out) ? [out] : ['```', out, '```']
}
