// npm run docs:api: writes docs/api from the JSDoc in src/.
// npm run docs:api:check: builds into a temporary folder and fails when an export lacks JSDoc (TypeDoc's
// validation, warnings as errors) or when the committed docs/api differs from what src/ gives.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const committed = join(here, '../../docs/api')
const check = process.argv.includes('--check')

if (!existsSync(join(here, 'node_modules/typedoc'))) {
  console.log('installing TypeDoc into tools/typedoc (npm ci)')
  run('npm', ['ci', '--no-audit', '--no-fund', '--prefix', here])
}

const out = check ? mkdtempSync(join(tmpdir(), 'instrumentkit-api-')) : committed
try {
  run(
    process.execPath,
    [
      join(here, 'node_modules/typedoc/bin/typedoc'),
      '--options',
      'typedoc.config.mjs',
      '--out',
      out,
      '--logLevel',
      'Warn',
    ],
    { cwd: here },
  )
  if (check) {
    const stale = compare(out, committed)
    if (stale.length) {
      console.error(`docs/api is out of date with the JSDoc in src/ (${stale.length} files differ):`)
      for (const file of stale.slice(0, 20)) console.error(`  docs/api/${file}`)
      console.error('Run `npm run docs:api` and commit docs/api.')
      process.exit(1)
    }
    console.log('docs/api is up to date and every export is documented')
  } else {
    console.log('wrote docs/api')
  }
} finally {
  if (check) rmSync(out, { recursive: true, force: true })
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

/** Paths, relative to docs/api, that are missing on one side or differ. */
function compare(fresh, current) {
  const a = files(fresh)
  const b = files(current)
  const differ = [...a].filter(
    (f) => !b.has(f) || !readFileSync(join(fresh, f)).equals(readFileSync(join(current, f))),
  )
  return [...differ, ...[...b].filter((f) => !a.has(f))].sort()
}

function files(dir) {
  if (!existsSync(dir)) return new Set()
  return new Set(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name))),
  )
}
