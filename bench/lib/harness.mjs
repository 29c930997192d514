// Builds each SDK adapter (bench/sdks/*.jsx) into one page script, as an app would ship it:
// minified, browser platform, NODE_ENV=production, React bundled in (production build).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

export const BENCH_DIR = join(import.meta.dirname, '..')
export const HARNESS_DIR = join(BENCH_DIR, '.out', 'harness')

/** Every measured SDK: `id` names bench/sdks/<id>.jsx; `react` marks those with React bindings. */
export const SDKS = [
  { id: 'baseline', label: 'baseline (10-line batcher)', react: false },
  { id: 'instrumentkit', label: 'instrumentkit', react: true },
  { id: 'react-tracking', label: 'react-tracking 9.3.2', react: true },
  { id: 'growthbook', label: 'growthbook-react 1.8.0 (logEvent)', react: true },
  { id: 'amplitude', label: 'amplitude analytics-browser 2.48.1', react: false },
  { id: 'segment', label: 'segment analytics-next 1.84.3', react: false },
  { id: 'posthog', label: 'posthog-js 1.449.2', react: true },
]

/** Builds the adapters (every SDK by default); returns the path of each page script by SDK id. */
export async function buildHarness(ids = SDKS.map((sdk) => sdk.id)) {
  mkdirSync(HARNESS_DIR, { recursive: true })
  const out = {}
  await Promise.all(
    ids.map(async (id) => {
      const outfile = join(HARNESS_DIR, `${id}.js`)
      await build({
        entryPoints: [join(BENCH_DIR, 'sdks', `${id}.jsx`)],
        outfile,
        bundle: true,
        minify: true,
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        jsx: 'automatic',
        define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
        logLevel: 'error',
        logOverride: { 'import-is-undefined': 'silent' },
      })
      out[id] = outfile
    }),
  )
  return out
}
