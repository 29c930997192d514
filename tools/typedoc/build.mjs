// npm run docs:api: writes docs/api from the JSDoc in src/, and takes off undocumented.json the members
// that have a comment now (or are gone).
// npm run docs:api:check: builds into a temporary folder and fails when an export lacks JSDoc (TypeDoc's
// validation, warnings as errors) or when the committed docs/api differs from what src/ gives.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const committed = join(here, '../../docs/api')
const listFile = join(here, 'undocumented.json')
const check = process.argv.includes('--check')

if (!existsSync(join(here, 'node_modules/typedoc'))) {
  console.log('installing TypeDoc into tools/typedoc (npm ci)')
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', here], { stdio: 'inherit' })
  if (install.status !== 0) process.exit(install.status ?? 1)
}
if (process.argv.includes('--install')) process.exit(0)

if (check) {
  const out = mkdtempSync(join(tmpdir(), 'instrumentkit-api-'))
  try {
    const { status, output } = typedoc(out)
    process.stdout.write(output)
    if (status !== 0) {
      console.error('The API reference check failed: give the names above a JSDoc comment in src/ (or run')
      console.error(
        '`npm run docs:api`, which also takes off tools/typedoc/undocumented.json what is documented now).',
      )
      process.exit(status ?? 1)
    }
    const stale = compare(out, committed)
    if (stale.length) {
      console.error(`docs/api is out of date with the JSDoc in src/ (${stale.length} files differ):`)
      for (const file of stale.slice(0, 20)) console.error(`  docs/api/${file}`)
      console.error('Run `npm run docs:api` and commit docs/api.')
      process.exit(1)
    }
    console.log('docs/api is up to date and every export is documented')
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
} else {
  let { status, output } = typedoc(committed)
  const done = documentedNow(output)
  if (done.length) {
    const list = JSON.parse(readFileSync(listFile, 'utf8'))
    writeFileSync(
      listFile,
      `${JSON.stringify(
        list.filter((name) => !done.includes(name)),
        null,
        2,
      )}\n`,
    )
    console.log(`took ${done.length} documented or removed members off tools/typedoc/undocumented.json`)
    ;({ status, output } = typedoc(committed))
  }
  process.stdout.write(output)
  if (status !== 0) process.exit(status ?? 1)
  console.log('wrote docs/api')
}

/** Runs TypeDoc with typedoc.config.mjs into `out`. */
function typedoc(out) {
  const result = spawnSync(
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
    { cwd: here, encoding: 'utf8' },
  )
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

/** The names TypeDoc reports as on undocumented.json but documented (or no longer there). */
function documentedNow(output) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: TypeDoc colours its output
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split('\n')
  const start = lines.findIndex((line) => line.includes('marked as intentionally not documented'))
  if (start === -1) return []
  const names = []
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('\t')) break
    names.push(line.trim())
  }
  return names
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
