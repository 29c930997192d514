// Size of a realistic import set per SDK (bench/sizes/*), measured the same way for every SDK: esbuild bundle,
// minify, ESM, browser, React external, NODE_ENV=production. gzip at level 9, brotli at quality 11.
// A second build with code splitting gives what loads up front when the SDK splits off lazy parts.
import { join, relative } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { BENCH_DIR } from './harness.mjs'

/** The import sets measured; `file` is in bench/sizes. */
export const SIZE_SETS = [
  {
    id: 'instrumentkit-react',
    file: 'instrumentkit-react.jsx',
    label: 'instrumentkit: Provider + useTrack + TrackedButton + Experiment + fetch delivery',
  },
  {
    id: 'instrumentkit-core',
    file: 'instrumentkit-core.jsx',
    label: 'instrumentkit core: createAnalytics + fetchTransport',
  },
  { id: 'react-tracking', file: 'react-tracking.jsx', label: 'react-tracking 9.3.2 (sends nothing)' },
  {
    id: 'growthbook',
    file: 'growthbook.jsx',
    label: 'growthbook-react 1.8.0: provider + useGrowthBook + useExperiment + tracking plugin',
  },
  { id: 'segment', file: 'segment.js', label: 'segment analytics-next 1.84.3: load + track' },
  { id: 'amplitude', file: 'amplitude.js', label: 'amplitude analytics-browser 2.48.1: init + track' },
  {
    id: 'posthog',
    file: 'posthog.jsx',
    label: 'posthog-js 1.449.2: init + PostHogProvider + usePostHog + flag hook',
  },
]

const common = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  jsx: 'automatic',
  external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  write: false,
  metafile: true,
  logLevel: 'silent',
}

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length
const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length

/**
 * Measures one import set: bytes loaded up front (min, gzip, brotli), the minified bytes split off
 * into lazily imported chunks, and the whole single-file bundle; or the build error.
 */
export async function measureSize(set) {
  const entry = join(BENCH_DIR, 'sizes', set.file)
  try {
    const whole = await build({
      ...common,
      entryPoints: [entry],
      outfile: join(BENCH_DIR, '.out', 'size.js'),
    })
    const code = whole.outputFiles[0].contents
    const split = await build({
      ...common,
      entryPoints: [entry],
      splitting: true,
      outdir: join(BENCH_DIR, '.out', 'split'),
    })
    const upFront = upFrontFiles(split, entry)
    const sum = (files, measure) => files.reduce((total, f) => total + measure(f.contents), 0)
    return {
      ...set,
      wholeMin: code.length,
      wholeGzip: gzip(code),
      min: sum(upFront, (c) => c.length),
      gzip: sum(upFront, gzip),
      brotli: sum(upFront, brotli),
      lazyMin: sum(split.outputFiles, (c) => c.length) - sum(upFront, (c) => c.length),
      nodeEnvLeft: new TextDecoder().decode(code).includes('process.env.NODE_ENV'),
      // minified bytes each source file contributes, largest first
      inputs: Object.entries(Object.values(whole.metafile.outputs)[0].inputs)
        .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
        .filter((i) => i.bytes > 0)
        .sort((a, b) => b.bytes - a.bytes),
    }
  } catch (error) {
    const messages = error.errors?.map((e) => e.text).join('; ') ?? String(error)
    return { ...set, error: messages }
  }
}

// The entry chunk and every chunk it imports statically: what a page downloads before the SDK runs.
// (Chunks reached only through import() load later, if at all.)
function upFrontFiles(result, entry) {
  const outputs = result.metafile.outputs
  const entryKey = Object.keys(outputs).find((k) => outputs[k].entryPoint === relative(process.cwd(), entry))
  const seen = new Set()
  const visit = (key) => {
    if (seen.has(key)) return
    seen.add(key)
    for (const imp of outputs[key].imports)
      if (imp.kind === 'import-statement' && outputs[imp.path]) visit(imp.path)
  }
  visit(entryKey)
  return result.outputFiles.filter((f) => seen.has(relative(process.cwd(), f.path)))
}
