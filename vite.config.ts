import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

const src = (file: string) => resolve(import.meta.dirname, 'src', file)
// browser entries; the server entries run on Node and are built apart, with Node's modules external
const browserEntries = {
  index: src('index.ts'),
  react: src('react.ts'),
  testing: src('testing.ts'),
  devtools: src('devtools.ts'),
  dashboard: src('dashboard.ts'),
}
const serverEntries = {
  server: src('server.ts'),
  cli: src('cli/main.ts'),
}
const target = process.env.IK_TARGET === 'server' ? 'server' : 'browser'
// the static dashboard app `instrumentkit serve` hosts: an ordinary site with React and uPlot bundled in
const dashboardApp = defineConfig({
  root: src('dashboard/app'),
  base: './',
  plugins: [react()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/dashboard-app'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
  },
})
const entries = target === 'server' ? serverEntries : browserEntries
const external =
  target === 'server'
    ? [/^node:/, /^@duckdb\//, /^@clickhouse\//, 'isbot', 'ua-parser-js', /^instrumentkit($|\/)/]
    : [/^react($|\/)/, /^react-dom($|\/)/, /^web-vitals($|\/)/, /^uplot($|\/)/]

// entries of React components and hooks: React Server Components bundlers (Next.js App Router) need the
// directive in the built file itself, and Vite drops module-level directives from sources while bundling
const clientEntries = new Set(['react', 'devtools', 'dashboard'])

// tests that read or write a real store (DuckDB file, ClickHouse servers)
const serverTests = [
  'test/server/stores/**/*.test.ts',
  'test/server/reports/**/*.test.ts',
  'test/server/collector/realStores.test.ts',
]

// scripts/build.mjs builds one format at a time, each into its own folder with its own chunks
const format = process.env.IK_FORMAT === 'cjs' ? 'cjs' : 'es'

/** Library build of the public entries (React external) and the Vitest set-up. */
const library = defineConfig({
  plugins: [react()],
  build: {
    outDir: format === 'es' ? 'dist/esm' : 'dist/cjs',
    emptyOutDir: false,
    minify: false,
    sourcemap: true,
    // ES2022 as the source is (Object.hasOwn): lowering class fields and `??=` adds bytes, and lowered
    // static class fields are statements an app's bundler can no longer drop with an unused component
    target: target === 'server' ? 'node20' : 'es2022',
    ssr: target === 'server',
    lib: {
      entry: entries,
      formats: [format],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      // runtime dependencies stay imports, so the app's bundler shares and tree-shakes them
      external,
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        banner: (chunk) => (chunk.isEntry && clientEntries.has(chunk.name) ? "'use client';" : ''),
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          // the examples import the package by name, as an app does
          alias: [
            { find: /^instrumentkit\/server$/, replacement: src('server.ts') },
            { find: /^instrumentkit$/, replacement: src('index.ts') },
          ],
          exclude: ['test/browser/**', 'test/react/**', 'test/dom/**', 'test/dashboard/**', ...serverTests],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          // tests against real stores; its global setup starts local ClickHouse servers for the run
          name: 'server',
          include: serverTests,
          environment: 'node',
          globalSetup: ['test/support/clickhouseSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: [
            'test/react/**/*.test.{ts,tsx}',
            'test/dom/**/*.test.{ts,tsx}',
            'test/dashboard/**/*.test.{ts,tsx}',
          ],
          environment: 'jsdom',
        },
      },
    ],
  },
})

export default process.env.IK_TARGET === 'dashboard-app' ? dashboardApp : library
