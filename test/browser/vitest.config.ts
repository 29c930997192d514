import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/** The real-browser suite (`npm run test:browser`): Node-side tests driving headless Chromium, one file at a time. */
export default defineConfig({
  root: resolve(import.meta.dirname, '../..'),
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
