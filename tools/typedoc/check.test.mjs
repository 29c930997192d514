// The docs:api check on small fixtures: an export without JSDoc fails it, and the list of members still
// to document can only shrink. Run by `npm run docs:api:check` (node --test).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const dirs = []
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** Runs the check on a package whose index.ts is `source`; returns TypeDoc's exit code and output. */
function document(source, undocumented = []) {
  const dir = mkdtempSync(join(tmpdir(), 'instrumentkit-api-fixture-'))
  dirs.push(dir)
  mkdirSync(join(dir, 'src'))
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'fixture', version: '1.0.0', type: 'module' }),
  )
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        lib: ['ES2022'],
        types: [],
      },
      include: ['src'],
    }),
  )
  // two entries, as in the real package, so that names carry their module: `fixture.greet`
  writeFileSync(join(dir, 'src/index.ts'), `/** The fixture.\n * @module fixture\n */\n${source}`)
  writeFileSync(
    join(dir, 'src/other.ts'),
    '/** Another entry.\n * @module fixture/other\n */\n/** One. */\nexport const one = 1\n',
  )
  writeFileSync(
    join(dir, 'typedoc.config.mjs'),
    `import { typedocOptions } from ${JSON.stringify(pathToFileURL(join(here, 'options.mjs')).href)}
export default typedocOptions(${JSON.stringify({
      tsconfig: join(dir, 'tsconfig.json'),
      entryPoints: [join(dir, 'src/index.ts'), join(dir, 'src/other.ts')],
      out: join(dir, 'out'),
      undocumented,
    })})\n`,
  )
  const result = spawnSync(
    process.execPath,
    [join(here, 'node_modules/typedoc/bin/typedoc'), '--options', join(dir, 'typedoc.config.mjs')],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
  )
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colours from TypeDoc's output
  const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '')
  return { status: result.status, output, dir }
}

const documented = `/** Options of \`greet\`. */
export interface GreetOptions {
  /** Shout the greeting. */
  loud?: boolean
}

/** Greets someone by name. */
export function greet(name: string, options: GreetOptions = {}): string {
  return options.loud ? \`HELLO \${name}\` : \`Hello \${name}\`
}
`

test('a fully documented package passes and its Markdown names every export with its comment', () => {
  const { status, output, dir } = document(documented)
  assert.equal(status, 0, output)
  const page = readFileSync(join(dir, 'out/fixture/functions/greet.md'), 'utf8')
  assert.match(page, /Greets someone by name\./)
  assert.match(
    readFileSync(join(dir, 'out/fixture/interfaces/GreetOptions.md'), 'utf8'),
    /Shout the greeting\./,
  )
})

test('an export without JSDoc fails the check and is named', () => {
  const { status, output } = document(`${documented}\nexport function wave(): void {}\n`)
  assert.notEqual(status, 0)
  assert.match(output, /fixture\.wave \(CallSignature\).*does not have any documentation/)
})

test('a member without JSDoc fails the check unless it is listed as still to document', () => {
  const source = documented.replace('  /** Shout the greeting. */\n', '')
  const failed = document(source)
  assert.notEqual(failed.status, 0)
  assert.match(failed.output, /fixture\.GreetOptions\.loud \(Property\).*does not have any documentation/)
  assert.equal(document(source, ['fixture.GreetOptions.loud']).status, 0)
})

test('a listed member that has its JSDoc fails the check until it is taken off the list', () => {
  const { status, output } = document(documented, ['fixture.GreetOptions.loud'])
  assert.notEqual(status, 0)
  assert.match(
    output,
    /intentionally not documented, but were either not referenced .* or were documented:\n\s*fixture\.GreetOptions\.loud\n/,
  )
})

test('an export cannot be put on the list of members still to document', () => {
  const { status, output } = document(`${documented}\nexport function wave(): void {}\n`, ['fixture.wave'])
  assert.notEqual(status, 0)
  assert.match(output, /may list members only; document these exports: fixture\.wave/)
})
