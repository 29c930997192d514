import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

const entries = {
  index: resolve(import.meta.dirname, 'src/index.ts'),
  react: resolve(import.meta.dirname, 'src/react.ts'),
  testing: resolve(import.meta.dirname, 'src/testing.ts'),
  devtools: resolve(import.meta.dirname, 'src/devtools.ts'),
}

// scripts/build.mjs builds one format at a time, each into its own folder with its own chunks
const format = process.env.IK_FORMAT === 'cjs' ? 'cjs' : 'es'

/** Library build of the public entries (React external) and the Vitest set-up. */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: format === 'es' ? 'dist/esm' : 'dist/cjs',
    emptyOutDir: false,
    minify: false,
    sourcemap: true,
    target: 'es2020',
    lib: {
      entry: entries,
      formats: [format],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      // runtime dependencies stay imports, so the app's bundler shares and tree-shakes them
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^web-vitals($|\/)/],
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
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
          exclude: ['test/browser/**', 'test/react/**', 'test/dom/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['test/react/**/*.test.{ts,tsx}', 'test/dom/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
    ],
  },
})
