// Bundles a TypeScript entry and what it imports from src/ into one ESM file for Node, leaving
// packages as imports. Benchmarks and the CLI tests run src/ this way, without a build. The file must
// sit inside the repository, so that Node resolves those imports from its node_modules.
import { build } from 'esbuild'

/**
 * Bundles `entry` into `outfile`; resolves with `outfile`. `production` builds with
 * `process.env.NODE_ENV` set to "production", as an app's bundler would, so development checks drop out.
 * `alias` maps import names to files, bundled in place of the package (`instrumentkit` → src/index.ts).
 */
export async function bundleForNode(entry, outfile, { production = false, alias } = {}) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    ...(production && { define: { 'process.env.NODE_ENV': '"production"' } }),
    ...(alias && { alias }),
    logLevel: 'warning',
  })
  return outfile
}
