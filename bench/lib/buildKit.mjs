// The kit as an app ships it, for the benchmarks that load it directly: src/index.ts bundled, minified,
// NODE_ENV=production, into bench/.out.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { build } from 'esbuild'

const ROOT = join(import.meta.dirname, '..', '..')

/**
 * Builds src/index.ts into `outfile`: an ES module for Node (`'node'`), or for a page (`'browser'`) a
 * script that sets `window.instrumentkit`.
 */
export async function buildKit(outfile, platform = 'node') {
  mkdirSync(dirname(outfile), { recursive: true })
  await build({
    entryPoints: [join(ROOT, 'src/index.ts')],
    bundle: true,
    minify: true,
    outfile,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
    ...(platform === 'node'
      ? { format: 'esm', platform: 'node' }
      : {
          format: 'iife',
          platform: 'browser',
          target: 'es2022',
          globalName: 'instrumentkit',
          footer: { js: 'window.instrumentkit = instrumentkit' },
        }),
  })
}
