// Checks every code block of README.md and docs/*.md so the documentation cannot drift from the code:
// TypeScript blocks are type-checked against src/ (the package's own entries, through the `paths` of
// tsconfig.json), blocks naming an example file must match it, JSON blocks must parse, shell blocks may
// only call npm scripts, files and CLI options that exist. Relative links must reach a file (and a
// heading, for `#anchors` into Markdown). Run it with `npm run check:docs`; `npm test` runs it too.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleForNode } from './bundleForNode.mjs'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const typescript = new Set(['ts', 'tsx', 'typescript'])
const shell = new Set(['sh', 'bash', 'shell'])
// shown, not run: program output, server configuration
const illustration = new Set(['text', 'xml'])

/**
 * The Markdown files the checker reads by default: README.md, docs/*.md (not the generated docs/api/)
 * and the README.md of each example.
 */
export function docFiles(root = repoRoot) {
  const list = (dir, pick) =>
    existsSync(dir)
      ? readdirSync(dir)
          .sort()
          .flatMap((name) => pick(join(dir, name), name))
      : []
  const pages = list(join(root, 'docs'), (path, name) => (name.endsWith('.md') ? [path] : []))
  const examples = list(join(root, 'examples'), (path) =>
    existsSync(join(path, 'README.md')) ? [join(path, 'README.md')] : [],
  )
  return [join(root, 'README.md'), ...pages, ...examples]
}

/**
 * The fenced code blocks of a Markdown text, each with its language, the words after it
 * (`fragment`, `continued`, `file=<path>`), its code and the line its code starts on (1-based).
 */
export function codeBlocks(markdown) {
  const lines = markdown.split('\n')
  const blocks = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/.exec(lines[i] ?? '')
    if (!open) continue
    const [, indent = '', fence = '', lang = '', rest = ''] = open
    const code = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const line = lines[j] ?? ''
      const trimmed = line.trim()
      if (trimmed.startsWith(fence) && /^[`~]+$/.test(trimmed) && trimmed.length >= fence.length) break
      code.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart())
    }
    const words = rest.split(/\s+/).filter(Boolean)
    const file = words.find((w) => w.startsWith('file='))?.slice('file='.length)
    blocks.push({
      lang: lang.toLowerCase(),
      fragment: words.includes('fragment'),
      continued: words.includes('continued'),
      run: words.includes('run'),
      clickhouse: words.includes('clickhouse'),
      file,
      code: code.join('\n'),
      line: i + 2,
    })
    i = j
  }
  return blocks
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[`*_]/g, (c) => (c === '_' ? '_' : ''))
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

function anchorsOf(markdown) {
  const seen = new Map()
  const anchors = new Set()
  let inFence = false
  for (const line of markdown.split('\n')) {
    if (/^\s*(`{3,}|~{3,})/.test(line)) inFence = !inFence
    if (inFence) continue
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!heading) continue
    const base = slug(heading[1] ?? '')
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    anchors.add(n === 0 ? base : `${base}-${n}`)
  }
  return anchors
}

// outside code blocks and inline code: [text](target), ![alt](target), src="…", href="…"
function linksOf(markdown) {
  const links = []
  let inFence = false
  markdown.split('\n').forEach((line, index) => {
    if (/^\s*(`{3,}|~{3,})/.test(line)) inFence = !inFence
    if (inFence) return
    const text = line.replace(/`[^`]*`/g, '')
    for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|(?:src|href)="([^"]+)"/g))
      links.push({ target: m[1] ?? m[2] ?? '', line: index + 1 })
  })
  return links
}

// lines of code, without blank lines, comment lines and trailing comments, to compare a block with a file
function codeLines(text) {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+\/\/ .*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('{/*'))
}

function cliOptions(root) {
  const read = (file) => (existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : '')
  const main = read('src/cli/main.ts')
  const commands = new Map()
  for (const m of main.matchAll(/^ {2}([a-z]+) {2,}/gm)) {
    const name = m[1] ?? ''
    const source = read(`src/cli/${name}.ts`)
    commands.set(name, new Set([...source.matchAll(/(--[a-z][a-z-]*)/g)].map((o) => o[1])))
  }
  return commands
}

function checkShell(block, { root, start, packageJson, cli }) {
  const problems = []
  let cwd = start
  const lines = block.code.split('\n')
  lines.forEach((raw, index) => {
    const line = raw
      .replace(/^\s*\$\s+/, '')
      .replace(/(^|\s)#.*$/, '')
      .trim()
    if (!line) return
    for (const part of line.split(/&&|\|\||;|\|/)) {
      const words = part.trim().split(/\s+/)
      const at = block.line + index
      const [cmd, sub, name] = words
      if (cmd === 'cd' && sub) {
        cwd = resolve(cwd, sub)
        const inside = !relative(root, cwd).startsWith('..')
        if (inside && !existsSync(cwd))
          problems.push({ line: at, message: `cd: no directory ${relative(root, cwd)}` })
        continue
      }
      // outside the repository (a new app beside it, say) there is nothing to check the commands against
      const known = !relative(root, cwd).startsWith('..') && existsSync(cwd)
      const scripts = packageJson(cwd)?.scripts ?? {}
      if (!known) {
        // only the instrumentkit CLI, below, is the same everywhere
      } else if (cmd === 'npm' && (sub === 'run' || sub === 'run-script') && name) {
        if (!(name in scripts))
          problems.push({
            line: at,
            message: `npm run ${name}: no such script in ${relative(root, join(cwd, 'package.json')) || 'package.json'}`,
          })
      } else if (cmd === 'npm' && (sub === 'test' || sub === 'start')) {
        if (!(sub in scripts)) problems.push({ line: at, message: `npm ${sub}: no such script` })
      }
      const cliAt =
        cmd === 'npx' && sub === 'instrumentkit'
          ? 2
          : cmd === 'node' && (sub === 'dist/esm/cli.js' || sub === 'dist/cjs/cli.js')
            ? 2
            : -1
      if (cliAt > 0) {
        const command = words[cliAt]
        const options = command ? cli.get(command) : undefined
        if (command && !options)
          problems.push({ line: at, message: `instrumentkit ${command}: no such command` })
        for (const word of words.slice(cliAt + 1)) {
          const option = /^(--[a-z][a-z-]*)/.exec(word)?.[1]
          if (option && options && !options.has(option))
            problems.push({ line: at, message: `instrumentkit ${command}: no option ${option}` })
        }
      } else if (known && cmd === 'node' && sub && !sub.startsWith('-') && !sub.startsWith('dist/')) {
        if (!existsSync(resolve(cwd, sub))) problems.push({ line: at, message: `node ${sub}: no such file` })
      }
    }
  })
  return problems
}

// the public entries, for a block run from source as an app would import them
const entries = ['server', 'react', 'devtools', 'testing', 'dashboard']

// what console.log prints, compared without whitespace; a number shown with fewer decimals matches
// the printed one rounded to them, and … stands for anything
function matches(expected, actual) {
  const squeeze = (text) => text.replace(/\s+/g, '')
  const numbers = []
  const pattern = squeeze(expected)
    .split('…')
    .map((part) =>
      part
        .split(/(-?\d+\.\d+)/)
        .map((piece, i) => {
          if (i % 2 === 0) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          numbers.push(piece)
          return '(-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?)'
        })
        .join(''),
    )
    .join('.*?')
  const found = new RegExp(`^${pattern}$`, 's').exec(squeeze(actual))
  if (!found) return false
  return numbers.every((shown, i) => {
    const decimals = shown.split('.')[1]?.length ?? 0
    return Number(found[i + 1]).toFixed(decimals) === Number(shown).toFixed(decimals)
  })
}

/**
 * Runs a block marked `run` in Node, from src/, and compares what each `console.log` printed with the
 * comment lines right below that call. Resolves with the problems (line, message).
 */
async function runBlock(root, work, block) {
  const lines = block.code.split('\n')
  const expected = new Map()
  lines.forEach((line, i) => {
    if (!line.includes('console.log(')) return
    const shown = []
    for (let j = i + 1; j < lines.length && /^\s*\/\/ ?/.test(lines[j] ?? ''); j++)
      shown.push((lines[j] ?? '').replace(/^\s*\/\/ ?/, ''))
    if (shown.length > 0) expected.set(i, shown.join('\n'))
    lines[i] = line.replace('console.log(', `__docsLog(${i}, `)
  })
  const prelude = [
    "import { format as __docsFormat } from 'node:util'",
    'const __docsOut = {}',
    'const __docsLog = (line, ...args) => { (__docsOut[line] ??= []).push(__docsFormat(...args)) }',
    "process.on('exit', () => process.stdout.write('\\n__docs__' + JSON.stringify(__docsOut)))",
  ].join('; ')
  const entry = join(work, `run_L${block.line}.ts`)
  writeFileSync(entry, `${prelude}\n${lines.join('\n')}\n`)
  const src = (file) => join(root, 'src', file)
  const outfile = join(work, `run_L${block.line}.mjs`)
  try {
    await bundleForNode(entry, outfile, {
      alias: Object.fromEntries([
        ...entries.map((e) => [`instrumentkit/${e}`, src(`${e}.ts`)]),
        ['instrumentkit', src('index.ts')],
      ]),
    })
  } catch (error) {
    return [
      { line: block.line, message: `does not build: ${error instanceof Error ? error.message : error}` },
    ]
  }
  const { failed, output } = await new Promise((done) =>
    execFile(process.execPath, [outfile], { cwd: work, timeout: 60_000 }, (error, stdout, stderr) =>
      done({ failed: error, output: { stdout, stderr } }),
    ),
  )
  if (failed) {
    const thrown = /^\w*(?:Error|Exception)\b.*$/m.exec(output.stderr)?.[0]
    return [
      { line: block.line, message: `failed when run: ${thrown ?? (output.stderr.trim() || failed.message)}` },
    ]
  }
  const printed = JSON.parse(output.stdout.slice(output.stdout.lastIndexOf('__docs__') + 8) || '{}')
  const problems = []
  for (const [i, shown] of expected) {
    const actual = (printed[i] ?? []).join('\n')
    if (!matches(shown, actual))
      problems.push({
        line: block.line + i,
        message: `printed ${JSON.stringify(actual)}, the comment below says otherwise`,
      })
  }
  return problems
}

/**
 * The statements of a `sql` block, each with its line and dialect: DuckDB unless the block is marked
 * `clickhouse`, and after a `-- DuckDB` or `-- ClickHouse` comment line, that one.
 */
function sqlStatements(block) {
  let dialect = /\bclickhouse\b/.test(block.lang) || block.clickhouse ? 'clickhouse' : 'duckdb'
  const statements = []
  let current
  block.code.split('\n').forEach((text, i) => {
    const named = /^\s*--\s*(DuckDB|ClickHouse)\b/i.exec(text)?.[1]
    if (named && !current) dialect = named.toLowerCase()
    if (!text.trim() || (/^\s*--/.test(text) && !current)) return
    current ??= { line: block.line + i, dialect, sql: [] }
    current.sql.push(text)
    if (/;\s*(--.*)?$/.test(text)) {
      statements.push({ ...current, sql: current.sql.join('\n') })
      current = undefined
    }
  })
  if (current) statements.push({ ...current, sql: current.sql.join('\n') })
  return statements
}

/**
 * Has DuckDB plan each statement (`EXPLAIN`) against the collector's own tables, made by `duckdbStore`,
 * so a query naming a column or function that does not exist fails. `{name}` placeholders get 0.
 */
async function explainSql(root, work, queries) {
  const runner = join(work, 'explain.ts')
  writeFileSync(
    runner,
    [
      "import { duckdbStore } from 'instrumentkit/server'",
      `const queries: string[] = ${JSON.stringify(queries.map((q) => q.sql.replace(/;\s*(--.*)?$/, '')))}`,
      `const store = duckdbStore({ path: ${JSON.stringify(join(work, 'explain.duckdb'))} })`,
      'await store.init()',
      'const errors: (string | null)[] = []',
      'for (const sql of queries) {',
      '  const params = Object.fromEntries([...sql.matchAll(/\\{(\\w+)\\}/g)].map((m) => [m[1]!, 0]))',
      '  try {',
      "    await store.query('EXPLAIN ' + sql, params)",
      '    errors.push(null)',
      '  } catch (error) {',
      '    errors.push(error instanceof Error ? error.message : String(error))',
      '  }',
      '}',
      'await store.close()',
      "process.stdout.write('\\n__docs__' + JSON.stringify(errors))",
    ].join('\n'),
  )
  const src = (file) => join(root, 'src', file)
  const outfile = join(work, 'explain.mjs')
  await bundleForNode(runner, outfile, { alias: { 'instrumentkit/server': src('server.ts') } })
  const { failed, stdout, stderr } = await new Promise((done) =>
    execFile(process.execPath, [outfile], { cwd: work, timeout: 120_000 }, (error, out, err) =>
      done({ failed: error, stdout: out, stderr: err }),
    ),
  )
  if (failed)
    return [{ file: queries[0].file, line: queries[0].line, message: `SQL check failed: ${stderr}` }]
  const errors = JSON.parse(stdout.slice(stdout.lastIndexOf('__docs__') + 8))
  return queries.flatMap((q, i) =>
    errors[i]
      ? [
          {
            file: q.file,
            line: q.line,
            message: `DuckDB cannot plan this query: ${errors[i].split('\n')[0]}`,
          },
        ]
      : [],
  )
}

/**
 * Runs the blocks marked `run` that are Vitest tests (they import from 'vitest') with Vitest, from src/:
 * `tsx` blocks in jsdom. Resolves with a problem per block whose tests fail.
 */
async function runTests(root, work, blocks) {
  const dir = join(work, 'tests')
  mkdirSync(dir, { recursive: true })
  const names = blocks.map((block, i) => {
    const name = `block${i}.test.${block.ext}`
    const environment = block.ext === 'tsx' ? '// @vitest-environment jsdom\n' : ''
    writeFileSync(join(dir, name), `${environment}${block.code}\n`)
    return name
  })
  const src = (file) => JSON.stringify(join(root, 'src', file))
  const alias = [
    ...entries.map((e) => `{ find: 'instrumentkit/${e}', replacement: ${src(`${e}.ts`)} }`),
    `{ find: /^instrumentkit$/, replacement: ${src('index.ts')} }`,
  ]
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    `export default { test: { include: ['*.test.ts', '*.test.tsx'], alias: [${alias.join(', ')}] } }\n`,
  )
  const report = join(dir, 'report.json')
  await new Promise((done) =>
    execFile(
      join(root, 'node_modules', '.bin', 'vitest'),
      ['run', '--config', join(dir, 'vitest.config.mjs'), '--reporter=json', `--outputFile=${report}`],
      { cwd: dir, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
      () => done(undefined),
    ),
  )
  const results = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')).testResults : []
  return blocks.flatMap((block, i) => {
    const result = results.find((r) => r.name.endsWith(`/${names[i]}`))
    if (!result) return [{ file: block.file, line: block.line, message: 'this test did not run' }]
    const failed = result.assertionResults.filter((a) => a.status !== 'passed')
    if (result.status === 'passed' && failed.length === 0) return []
    const why = failed.map((a) => `${a.title}: ${(a.failureMessages[0] ?? '').split('\n')[0]}`).join('; ')
    return [{ file: block.file, line: block.line, message: `this test fails: ${why || result.message}` }]
  })
}

function runTsc(root, dir) {
  const tsc = join(root, 'node_modules', '.bin', 'tsc')
  return new Promise((done) => {
    execFile(
      tsc,
      ['-p', join(dir, 'tsconfig.json'), '--pretty', 'false'],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => done({ failed: Boolean(error), output: `${stdout}${stderr}` }),
    )
  })
}

/**
 * Checks the code blocks and links of Markdown files. `root` is the repository whose tsconfig.json,
 * node_modules, package.json and files the blocks are checked against; `files` default to README.md
 * and docs/*.md. Resolves with the problems found (file, line, message) and counts of what was checked.
 */
export async function checkDocs({ root = repoRoot, files = docFiles(root) } = {}) {
  const problems = []
  const counts = {
    typescript: 0,
    run: 0,
    file: 0,
    json: 0,
    shell: 0,
    sql: 0,
    illustration: 0,
    fragment: 0,
    links: 0,
  }
  const packageJsons = new Map()
  const packageJson = (dir) => {
    if (!packageJsons.has(dir)) {
      const path = join(dir, 'package.json')
      packageJsons.set(dir, existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined)
    }
    return packageJsons.get(dir)
  }
  const cli = cliOptions(root)
  const work = join(root, '.tmp', `docs-check-${process.pid}-${Date.now().toString(36)}`)
  mkdirSync(work, { recursive: true })
  const sources = []
  const runs = []
  const queries = []
  const anchorCache = new Map()
  const anchors = (path) => {
    if (!anchorCache.has(path)) anchorCache.set(path, anchorsOf(readFileSync(path, 'utf8')))
    return anchorCache.get(path)
  }

  for (const path of files) {
    const markdown = readFileSync(path, 'utf8')
    const name = relative(root, path)
    const report = (line, message) => problems.push({ file: name, line, message })

    for (const forbidden of ['DESIGN.md', 'ANCHORS.md', 'STYLE.md', 'DESIGN §'])
      markdown.split('\n').forEach((line, i) => {
        if (line.includes(forbidden))
          report(i + 1, `mentions ${forbidden}, which the repository does not contain`)
      })

    for (const { target, line } of linksOf(markdown)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue
      counts.links++
      const [file = '', anchor] = target.split('#')
      const resolved = file ? resolve(dirname(path), decodeURIComponent(file)) : path
      if (!existsSync(resolved)) {
        report(line, `link to ${target}: no such file`)
        continue
      }
      if (anchor && resolved.endsWith('.md') && statSync(resolved).isFile() && !anchors(resolved).has(anchor))
        report(line, `link to ${target}: no heading with that anchor`)
    }

    let previous
    for (const block of codeBlocks(markdown)) {
      const { lang } = block
      if (!lang) {
        report(block.line - 1, 'code block without a language: name it (ts, tsx, sh, json, text…)')
        continue
      }
      if (block.fragment) {
        counts.fragment++
        continue
      }
      if (typescript.has(lang) && block.file) {
        counts.file++
        const target = join(root, block.file)
        if (!existsSync(target)) {
          report(block.line, `file=${block.file}: no such file`)
          continue
        }
        const have = codeLines(readFileSync(target, 'utf8'))
        let at = 0
        for (const want of codeLines(block.code)) {
          const found = have.indexOf(want, at)
          if (found < 0) {
            report(block.line, `differs from ${block.file}: "${want}" is not there (in this order)`)
            break
          }
          at = found + 1
        }
      } else if (typescript.has(lang)) {
        counts.typescript++
        const prefix = block.continued && previous ? `${previous.text}\n` : ''
        const text = `${prefix}${block.code}`
        const ext = lang === 'tsx' || (block.continued && previous?.ext === 'tsx') ? 'tsx' : 'ts'
        // a block whose first line names its file (`// src/analytics.ts`) is written there, under a folder
        // of its page, so the page's other blocks can import it by a relative path
        const named = /^\/\/ ((?:[\w@.-]+\/)*[\w@.-]+\.(?:ts|tsx|mts))(?=$|[\s:(])/.exec(block.code)?.[1]
        const pageDir = name.replace(/[^A-Za-z0-9]+/g, '_')
        const candidate = named && !named.startsWith('.') ? join(pageDir, named) : undefined
        const fileName =
          candidate && !sources.some((s) => s.fileName === candidate)
            ? candidate
            : `${pageDir}_L${block.line}.${ext}`
        mkdirSync(dirname(join(work, fileName)), { recursive: true })
        writeFileSync(join(work, fileName), `${text}\nexport {}\n`)
        sources.push({ fileName, file: name, line: block.line, skip: prefix.split('\n').length - 1 })
        if (block.run) runs.push({ file: name, line: block.line, code: block.code, ext })
        previous = { text, ext }
      } else if (lang === 'json') {
        counts.json++
        try {
          JSON.parse(block.code)
        } catch (error) {
          report(block.line, `JSON does not parse: ${error instanceof Error ? error.message : String(error)}`)
        }
      } else if (shell.has(lang)) {
        counts.shell++
        // commands run from the repository's root, or from the folder of an example's README: a line is
        // wrong when it is wrong from both
        const fromRoot = checkShell(block, { root, start: root, packageJson, cli })
        const here = dirname(path)
        const fromHere =
          here === root || relative(root, here).startsWith('..')
            ? fromRoot
            : checkShell(block, { root, start: here, packageJson, cli })
        for (const p of fromRoot) if (fromHere.some((q) => q.line === p.line)) report(p.line, p.message)
      } else if (lang === 'sql') {
        for (const statement of sqlStatements(block))
          if (statement.dialect === 'duckdb') queries.push({ file: name, ...statement })
          else counts.illustration++
      } else if (illustration.has(lang)) {
        counts.illustration++
      } else {
        report(
          block.line - 1,
          `code block in "${lang}": the checker knows ts, tsx, json, sh, sql, text and xml`,
        )
      }
    }
  }

  if (sources.length > 0) {
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(work, join(root, 'tsconfig.json')),
        compilerOptions: { noEmit: true, noUnusedLocals: false, noUnusedParameters: false },
        files: sources.map((s) => s.fileName),
        include: [],
      }),
    )
    const { failed, output } = await runTsc(root, work)
    const byName = new Map(sources.map((s) => [s.fileName, s]))
    let reported = 0
    for (const m of output.matchAll(/^(.*?)\((\d+),(\d+)\): error (TS\d+: .*)$/gm)) {
      const source = byName.get(relative(work, resolve(root, m[1] ?? '')))
      const line = Number(m[2])
      if (!source) {
        problems.push({ file: relative(root, m[1] ?? ''), line, message: m[4] ?? '' })
        reported++
        continue
      }
      if (line <= source.skip) continue
      problems.push({ file: source.file, line: source.line + line - 1 - source.skip, message: m[4] ?? '' })
      reported++
    }
    if (failed && reported === 0)
      problems.push({ file: 'tsc', line: 0, message: output.trim() || 'tsc failed' })
  }
  if (queries.length > 0) {
    counts.sql += queries.length
    problems.push(...(await explainSql(root, work, queries)))
  }
  const tests = runs.filter((block) => /from ['"]vitest['"]/.test(block.code))
  for (const block of runs) {
    if (tests.includes(block)) continue
    counts.run++
    for (const p of await runBlock(root, work, block)) problems.push({ file: block.file, ...p })
  }
  if (tests.length > 0) {
    counts.run += tests.length
    problems.push(...(await runTests(root, work, tests)))
  }
  rmSync(work, { recursive: true, force: true })
  return { problems, counts }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2).map((f) => resolve(f))
  const { problems, counts } = await checkDocs(files.length > 0 ? { files } : {})
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`)
  console.log(
    `docs: ${counts.typescript} TypeScript blocks type-checked (${counts.run} of them run), ${counts.file} compared with their example file, ` +
      `${counts.json} JSON parsed, ${counts.shell} shell checked, ${counts.sql} SQL statements planned by DuckDB, ${counts.links} links followed; ` +
      `${counts.illustration} text, XML or ClickHouse SQL and ${counts.fragment} marked fragments not run`,
  )
  if (problems.length > 0) {
    console.error(`${problems.length} problem(s)`)
    process.exitCode = 1
  }
}
