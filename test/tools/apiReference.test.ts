import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const tools = join(import.meta.dirname, '../../tools/typedoc')
const timeout = 180_000
const dirs: string[] = []

// biome-ignore lint/suspicious/noControlCharactersInRegex: TypeDoc colours its output
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '')

beforeAll(() => {
  const install = spawnSync(process.execPath, [join(tools, 'build.mjs'), '--install'], { encoding: 'utf8' })
  expect(install.status, install.stderr).toBe(0)
}, timeout)

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('docs/api', () => {
  it(
    'is what the JSDoc in src/ gives, with every export of every public entry documented',
    () => {
      const check = spawnSync(process.execPath, [join(tools, 'build.mjs'), '--check'], { encoding: 'utf8' })
      expect(check.status, plain(`${check.stdout}${check.stderr}`)).toBe(0)
      const index = readFileSync(join(import.meta.dirname, '../../docs/api/README.md'), 'utf8')
      for (const entry of ['', '/react', '/testing', '/devtools', '/server', '/dashboard'])
        expect(index).toContain(`[instrumentkit${entry}](instrumentkit${entry}/README.md)`)
    },
    timeout,
  )
})

/** Runs the same check on a two-entry package whose main entry is `source`. */
function document(source: string, undocumented: string[] = []) {
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
  // two entries, as in the package, so that names carry their module: `fixture.greet`
  writeFileSync(join(dir, 'src/index.ts'), `/**\n * The fixture.\n * @module fixture\n */\n${source}`)
  writeFileSync(
    join(dir, 'src/other.ts'),
    '/**\n * Another entry.\n * @module fixture/other\n */\n/** One. */\nexport const one = 1\n',
  )
  const options = {
    tsconfig: join(dir, 'tsconfig.json'),
    entryPoints: [join(dir, 'src/index.ts'), join(dir, 'src/other.ts')],
    out: join(dir, 'out'),
    undocumented,
  }
  writeFileSync(
    join(dir, 'typedoc.config.mjs'),
    `import { typedocOptions } from ${JSON.stringify(pathToFileURL(join(tools, 'options.mjs')).href)}\nexport default typedocOptions(${JSON.stringify(options)})\n`,
  )
  const run = spawnSync(
    process.execPath,
    [join(tools, 'node_modules/typedoc/bin/typedoc'), '--options', 'typedoc.config.mjs'],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  )
  return { status: run.status, output: plain(`${run.stdout}${run.stderr}`), dir }
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

describe('the API reference check', () => {
  it(
    'passes a documented package and writes each export with its comment',
    () => {
      const { status, output, dir } = document(documented)
      expect(status, output).toBe(0)
      expect(readFileSync(join(dir, 'out/fixture/functions/greet.md'), 'utf8')).toContain(
        'Greets someone by name.',
      )
      expect(readFileSync(join(dir, 'out/fixture/interfaces/GreetOptions.md'), 'utf8')).toContain(
        'Shout the greeting.',
      )
    },
    timeout,
  )

  it(
    'fails on an export without JSDoc and names it',
    () => {
      const { status, output } = document(`${documented}\nexport function wave(): void {}\n`)
      expect(status).not.toBe(0)
      expect(output).toMatch(/fixture\.wave \(CallSignature\).*does not have any documentation/)
    },
    timeout,
  )

  it(
    'fails on a member without JSDoc unless it is on the list still to document',
    () => {
      const source = documented.replace('  /** Shout the greeting. */\n', '')
      const failed = document(source)
      expect(failed.status).not.toBe(0)
      expect(failed.output).toMatch(
        /fixture\.GreetOptions\.loud \(Property\).*does not have any documentation/,
      )
      const listed = document(source, ['fixture.GreetOptions.loud'])
      expect(listed.status, listed.output).toBe(0)
    },
    timeout,
  )

  it(
    'fails on a listed member that has its JSDoc, until it is taken off the list',
    () => {
      const { status, output } = document(documented, ['fixture.GreetOptions.loud'])
      expect(status).not.toBe(0)
      expect(output).toMatch(
        /intentionally not documented, but were .* or were documented:\n\s*fixture\.GreetOptions\.loud\n/,
      )
    },
    timeout,
  )

  it(
    'refuses an export on the list: only members may wait for their comment',
    () => {
      const { status, output } = document(`${documented}\nexport function wave(): void {}\n`, [
        'fixture.wave',
      ])
      expect(status).not.toBe(0)
      expect(output).toContain('may list members only; document these exports: fixture.wave')
    },
    timeout,
  )
})
