// Checks the package as a user receives it: the packed tarball must pass publint (strict) and
// are-the-types-wrong, and a fresh consumer must be able to import and require every entry.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', ...opts })
const out = resolve('.tmp/pack')
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
run('npm', ['pack', '--pack-destination', out, '--silent'])
const tarball = join(
  out,
  readdirSync(out).find((f) => f.endsWith('.tgz')),
)

run('npx', ['publint', '--strict', tarball])
run('npx', ['attw', tarball, '--profile', 'node16'])

const consumer = mkdtempSync(join(tmpdir(), 'instrumentkit-consumer-'))
writeFileSync(
  join(consumer, 'package.json'),
  JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
)
run('npm', ['install', '--silent', '--no-audit', '--no-fund', tarball, 'react@19', 'react-dom@19'], {
  cwd: consumer,
})
const entries = [
  'instrumentkit',
  'instrumentkit/react',
  'instrumentkit/testing',
  'instrumentkit/devtools',
  'instrumentkit/dashboard',
]
writeFileSync(
  join(consumer, 'esm.mjs'),
  `${entries
    .map(
      (e, i) =>
        `import * as m${i} from '${e}'\nif (!Object.keys(m${i}).length) throw new Error('${e}: no exports')`,
    )
    .join('\n')}\nconsole.log('esm: every entry imports')\n`,
)
writeFileSync(
  join(consumer, 'cjs.cjs'),
  `${entries
    .map((e) => `if (!Object.keys(require('${e}')).length) throw new Error('${e}: no exports')`)
    .join('\n')}\nconsole.log('cjs: every entry requires')\n`,
)
// React Server Components bundlers (Next.js App Router) read the directive from the built files
const installed = join(consumer, 'node_modules/instrumentkit/dist')
for (const format of ['esm', 'cjs'])
  for (const [entry, client] of [
    ['react', true],
    ['devtools', true],
    ['index', false],
    ['server', false],
  ]) {
    const file = join(installed, format, `${entry}.${format === 'cjs' && entry === 'server' ? 'cjs' : 'js'}`)
    const marked = /^\s*["']use client["'];/.test(readFileSync(file, 'utf8'))
    if (marked !== client)
      throw new Error(`${format}/${entry}.js ${client ? 'must start' : 'must not start'} with 'use client'`)
  }
console.log("directives: the React entries start with 'use client', the others do not")
run('node', ['esm.mjs'], { cwd: consumer })
run('node', ['cjs.cjs'], { cwd: consumer })
rmSync(consumer, { recursive: true, force: true })
console.log('package checks passed')
