// Checks the package as a user receives it: the packed tarball must pass publint (strict) and
// are-the-types-wrong, and a fresh consumer must be able to import and require every entry.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { npmInstall, packPackage } from './packPackage.mjs'

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', ...opts })
// examples/nextjs and examples/vite-react install the tarball from here
const tarball = await packPackage(resolve('.tmp/pack'))
console.log(`packed ${tarball}`)

run('npx', ['publint', '--strict', tarball])
run('npx', ['attw', tarball, '--profile', 'node16'])

const consumer = mkdtempSync(join(tmpdir(), 'instrumentkit-consumer-'))
writeFileSync(
  join(consumer, 'package.json'),
  JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
)
await npmInstall(consumer, [tarball, 'react@19', 'react-dom@19'])
const entries = [
  'instrumentkit',
  'instrumentkit/react',
  'instrumentkit/testing',
  'instrumentkit/devtools',
  'instrumentkit/dashboard',
  'instrumentkit/server',
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
    ['dashboard', true],
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
await checkCollector(consumer)
rmSync(consumer, { recursive: true, force: true })
console.log('package checks passed')

// the server half as a user runs it: the collector example and `npx instrumentkit serve`, each taking
// a batch over HTTP into a DuckDB file, from the installed package
async function checkCollector(dir) {
  const { spawn } = await import('node:child_process')
  const { copyFileSync } = await import('node:fs')
  copyFileSync(resolve('examples/collector/server.mjs'), join(dir, 'server.mjs'))
  const start = (args, env) =>
    new Promise((resolveStart, reject) => {
      const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, ...env } })
      let out = ''
      const onData = (chunk) => {
        out += chunk
        const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]
        if (url) resolveStart({ child, url })
      }
      child.stdout.on('data', onData)
      child.stderr.on('data', onData)
      child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${out}`)))
    })
  const event = { event_name: 'signup_completed', message_id: `m-${Date.now()}`, anonymous_id: 'a1' }
  for (const [name, args, env, key] of [
    [
      'example',
      ['server.mjs'],
      { PORT: '0', DB: join(dir, 'example.duckdb'), WRITE_KEY: 'wk_check' },
      'wk_check',
    ],
    [
      'serve',
      ['node_modules/.bin/instrumentkit', 'serve', '--port', '0', '--db', join(dir, 'serve.duckdb')],
      {},
      undefined,
    ],
  ]) {
    const { child, url } = await start(args, env)
    const response = await fetch(`${url}/api/analytics/batch`, {
      method: 'POST',
      body: JSON.stringify({ write_key: key, events: [event] }),
    })
    const body = await response.json()
    child.removeAllListeners('exit')
    child.kill('SIGTERM')
    if (!body.ok || body.accepted !== 1)
      throw new Error(`${name}: the collector answered ${JSON.stringify(body)}`)
    console.log(`${name}: the installed collector stored a batch in DuckDB`)
  }
}
