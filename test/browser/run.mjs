#!/usr/bin/env node
// `npm run test:browser`: the real-Chromium suite. Fails at once, saying how to install Chromium, when
// the binary is missing; otherwise runs every test/browser/*.test.ts with Vitest and exits with its code.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { CHROMIUM, INSTALL_HINT } from './harness.mjs'

if (!existsSync(CHROMIUM)) {
  console.error(`test:browser: ${INSTALL_HINT}`)
  process.exit(1)
}
const root = resolve(import.meta.dirname, '../..')
const vitest = resolve(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')
const { status, signal } = spawnSync(
  process.execPath,
  [vitest, 'run', '--config', 'test/browser/vitest.config.ts', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
)
process.exit(status ?? (signal ? 1 : 0))
