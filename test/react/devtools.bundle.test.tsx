// @vitest-environment node
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build as esbuild } from 'esbuild'
import { type Rolldown, build as viteBuild } from 'vite'
import { describe, expect, it } from 'vitest'

const entry = resolve(import.meta.dirname, '../../src/devtools.ts')
const external = [/^react($|\/)/, /^react-dom($|\/)/]

interface Output {
  main: { text: string; gzip: number }
  chunks: { text: string; gzip: number }[]
}

const source = (names: string) =>
  `import { ${names} } from ${JSON.stringify(entry)}\nexport const app = [${names}]\n`
const measure = (text: string) => ({ text, gzip: gzipSync(text).length })

/** Bundles an app that imports `names` from instrumentkit/devtools with Vite (Rolldown), minified. */
async function viteBundle(names: string, nodeEnv: 'production' | 'development'): Promise<Output> {
  const result = await viteBuild({
    configFile: false,
    logLevel: 'silent',
    mode: nodeEnv,
    plugins: [
      {
        name: 'app-entry',
        resolveId: (id) => (id.endsWith('app-entry') ? '\0app-entry' : undefined),
        load: (id) => (id === '\0app-entry' ? source(names) : undefined),
      },
    ],
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    build: {
      write: false,
      minify: true,
      lib: { entry: 'app-entry', formats: ['es'], fileName: 'app' },
      rolldownOptions: { external },
    },
  })
  const output = (Array.isArray(result) ? result[0]! : (result as Rolldown.RolldownOutput)).output
  const code = output.flatMap((o) => (o.type === 'chunk' ? [{ name: o.fileName, text: o.code }] : []))
  return {
    main: measure(code.find((c) => c.name === 'app.js')!.text),
    chunks: code.filter((c) => c.name !== 'app.js').map((c) => measure(c.text)),
  }
}

/** The same with esbuild, which emits a dynamic import's chunk even when the import itself was removed. */
async function esbuildBundle(names: string, nodeEnv: 'production' | 'development'): Promise<Output> {
  const result = await esbuild({
    stdin: { contents: source(names), resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: '/out',
    write: false,
    minify: true,
    platform: 'browser',
    external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    jsx: 'automatic',
    logLevel: 'silent',
  })
  const files = result.outputFiles
  return {
    main: measure(files.find((f) => f.path.endsWith('stdin.js'))!.text),
    chunks: files.filter((f) => !f.path.endsWith('stdin.js')).map((f) => measure(f.text)),
  }
}

// strings only the panel's code contains
const PANEL_MARKERS = ['data-instrumentkit-devtools', 'all: initial', 'Consent & identity']

describe('instrumentkit/devtools bundle', () => {
  it('leaves the panel out of a production Vite bundle that uses AnalyticsDevtools', async () => {
    const { main, chunks } = await viteBundle('AnalyticsDevtools', 'production')
    expect(chunks).toEqual([])
    for (const marker of PANEL_MARKERS) expect(main.text).not.toContain(marker)
    expect(main.text).not.toContain('import(')
    expect(main.gzip).toBeLessThan(200)
  })

  it('leaves the panel out of the main file of a production esbuild bundle', async () => {
    const { main } = await esbuildBundle('AnalyticsDevtools', 'production')
    for (const marker of PANEL_MARKERS) expect(main.text).not.toContain(marker)
    expect(main.text).not.toContain('import(')
    expect(main.gzip).toBeLessThan(200)
  })

  it('splits the panel into a lazily loaded chunk in development', async () => {
    const { main, chunks } = await viteBundle('AnalyticsDevtools', 'development')
    expect(main.text).toContain('import(')
    for (const marker of PANEL_MARKERS) expect(main.text).not.toContain(marker)
    const panel = chunks.map((c) => c.text).join('\n')
    for (const marker of PANEL_MARKERS) expect(panel).toContain(marker)
  })

  it('keeps the panel, lazily loaded, in production when AnalyticsDevtoolsPanel is imported', async () => {
    for (const bundle of [viteBundle, esbuildBundle]) {
      const { main, chunks } = await bundle('AnalyticsDevtoolsPanel', 'production')
      expect(main.text).toContain('import(')
      for (const marker of PANEL_MARKERS) expect(main.text).not.toContain(marker)
      expect(chunks.map((c) => c.text).join('\n')).toContain('data-instrumentkit-devtools')
    }
  })
})
