import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, onTestFinished } from 'vitest'
import { checkDocs, codeBlocks, slug } from '../../scripts/check-docs.mjs'

const dir = mkdtempSync(join(tmpdir(), 'instrumentkit-docs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const fence = '```'
function page(name: string, lines: string[]) {
  const path = join(dir, name)
  writeFileSync(path, lines.join('\n'))
  return path
}
const messages = (problems: { line: number; message: string }[]) =>
  problems.map((p) => `${p.line}: ${p.message}`)

describe('the docs checker', () => {
  it('reports a block that does not type-check, on the Markdown line of the mistake', async () => {
    const path = page('broken.md', [
      '# Broken',
      '',
      `${fence}ts`,
      "import { createAnalytics } from 'instrumentkit'",
      '',
      "createAnalytics().track('ok')",
      'createAnalytics({ sessionTimeoutMs: "30 minutes" })',
      fence,
    ])
    const { problems } = await checkDocs({ files: [path] })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({
      line: 7,
      message: expect.stringMatching(/^TS2322: .*string.*number/),
    })
  }, 120_000)

  it('passes correct blocks, checks a continued block with the one before it, and skips marked fragments', async () => {
    const path = page('fine.md', [
      '# Fine',
      '',
      `${fence}ts`,
      "import { createAnalytics, memoryTransport } from 'instrumentkit'",
      'const analytics = createAnalytics({ transport: memoryTransport() })',
      fence,
      '',
      `${fence}tsx continued`,
      "analytics.track('plan_selected', { plan: 'team' })",
      fence,
      '',
      `${fence}ts continued`,
      'analytics.nothing()',
      fence,
      '',
      `${fence}ts fragment`,
      'this is not TypeScript',
      fence,
      '',
      `${fence}json`,
      '{ "event_name": "plan_selected" }',
      fence,
      '',
      `${fence}sh`,
      'npm ci && npm test   # every unit test',
      'npx instrumentkit serve --port 8787',
      fence,
    ])
    const { problems, counts } = await checkDocs({ files: [path] })
    // the error is reported once, on the continued block's line, not again for the blocks before it
    expect(messages(problems)).toEqual([
      expect.stringMatching(/^13: TS2339: Property 'nothing' does not exist/),
    ])
    expect(counts).toMatchObject({ typescript: 3, json: 1, shell: 1, fragment: 1 })
  }, 120_000)

  it('lets a block import another block of its page by the file name on its first line', async () => {
    const path = page('files.md', [
      `${fence}ts`,
      '// src/analytics.ts: the client, once',
      "import { createAnalytics } from 'instrumentkit'",
      'export const analytics = createAnalytics()',
      fence,
      `${fence}tsx`,
      '// src/main.tsx',
      "import { analytics } from './analytics'",
      "import { missing } from './analytics'",
      "analytics.track('app_started')",
      fence,
    ])
    const { problems } = await checkDocs({ files: [path] })
    expect(messages(problems)).toEqual([
      expect.stringMatching(/^9: TS2305: Module '".\/analytics"' has no exported member 'missing'/),
    ])
  }, 120_000)

  it('runs a block marked run and compares what it prints with the comments below each console.log', async () => {
    const path = page('run.md', [
      `${fence}ts run`,
      "import { analyzeExperiment, checkEventName } from 'instrumentkit'",
      '',
      'const result = analyzeExperiment({',
      "  variants: [{ name: 'a', users: 1000, conversions: 100 }, { name: 'b', users: 1000, conversions: 130 }],",
      '})',
      'console.log(result.variants[1]?.conversionRate, result.variants[1]?.verdict)',
      '// 0.13 better',
      'console.log(result.srm)',
      '// { chiSquare: 0, degreesOfFreedom: 1, pValue: 1, … }',
      "console.log(checkEventName('Checkout'))",
      '// undefined',
      fence,
      '',
      `${fence}ts run`,
      "throw new Error('the example broke')",
      fence,
    ])
    const { problems, counts } = await checkDocs({ files: [path] })
    expect(counts.run).toBe(2)
    expect(messages(problems)).toEqual([
      // 0.13 as printed, the srm line with … for the rest, and a wrong claim about checkEventName
      expect.stringMatching(/^11: printed "event names are .*", the comment below says otherwise$/),
      '16: failed when run: Error: the example broke',
    ])
  }, 120_000)

  it('has DuckDB plan SQL blocks against the collector tables, leaving ClickHouse statements alone', async () => {
    const path = page('sql.md', [
      `${fence}sql`,
      '-- DuckDB',
      'SELECT event_name, count(*) FROM events_unique WHERE timestamp_ms >= {since} GROUP BY 1;',
      'SELECT no_such_column FROM events_unique;',
      '',
      '-- ClickHouse',
      'SELECT uniqExact(anonymous_id) FROM events_unique FINAL;',
      fence,
      `${fence}sql clickhouse`,
      'CREATE TABLE analytics.events_local ENGINE = ReplacingMergeTree() ORDER BY message_id;',
      fence,
    ])
    const { problems, counts } = await checkDocs({ files: [path] })
    expect(counts).toMatchObject({ sql: 2, illustration: 2 })
    expect(messages(problems)).toEqual([
      expect.stringMatching(/^4: DuckDB cannot plan this query: Binder Error: .*no_such_column/),
    ])
  }, 120_000)

  it('runs a block marked run that is a Vitest test, and reports it when it fails', async () => {
    const path = page('vitest.md', [
      `${fence}ts run`,
      "import { createTestAnalytics } from 'instrumentkit/testing'",
      "import { expect, it } from 'vitest'",
      '',
      "it('records the event', () => {",
      '  const analytics = createTestAnalytics()',
      "  analytics.track('checkout_completed')",
      "  expect(analytics.eventsNamed('checkout_completed')).toHaveLength(2)",
      '})',
      fence,
    ])
    const { problems, counts } = await checkDocs({ files: [path] })
    expect(counts.run).toBe(1)
    expect(messages(problems)).toEqual([
      expect.stringMatching(
        /^2: this test fails: records the event: AssertionError: .* to have a length of 2 but got 1$/,
      ),
    ])
  }, 180_000)

  it('reports JSON that does not parse, unknown npm scripts, CLI options and files, and blocks without a language', async () => {
    const path = page('shell.md', [
      `${fence}json`,
      '{ "event_name": "a", … }',
      fence,
      `${fence}sh`,
      'npm ci && npm run no-such-script',
      'npx instrumentkit serve --no-such-option',
      'npx instrumentkit launch',
      'node scripts/no-such-file.mjs',
      'cd no-such-folder',
      fence,
      `${fence}sh`,
      '# outside the repository nothing but the instrumentkit CLI can be checked',
      'cd .. && npm create vite@latest my-app && cd my-app && npm run dev',
      'npx instrumentkit serv',
      fence,
      fence,
      'plain',
      fence,
      `${fence}yaml`,
      'a: 1',
      fence,
    ])
    const { problems } = await checkDocs({ files: [path] })
    expect(messages(problems)).toEqual([
      expect.stringMatching(/^2: JSON does not parse/),
      '5: npm run no-such-script: no such script in package.json',
      '6: instrumentkit serve: no option --no-such-option',
      '7: instrumentkit launch: no such command',
      '8: node scripts/no-such-file.mjs: no such file',
      '9: cd: no directory no-such-folder',
      '14: instrumentkit serv: no such command',
      '16: code block without a language: name it (ts, tsx, sh, json, text…)',
      '19: code block in "yaml": the checker knows ts, tsx, json, sh, sql, text and xml',
    ])
  }, 120_000)

  it("runs an example README's commands from its folder or from the repository's root", async () => {
    const folder = join(import.meta.dirname, '../../.tmp', `docs-example-${process.pid}`)
    mkdirSync(folder, { recursive: true })
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }))
    writeFileSync(join(folder, 'report.mjs'), '')
    const path = join(folder, 'README.md')
    writeFileSync(
      path,
      [
        `${fence}sh`,
        'node report.mjs',
        'npm run lint',
        'node gone.mjs',
        'npm run no-such-script',
        fence,
      ].join('\n'),
    )
    const { problems } = await checkDocs({ files: [path] })
    expect(messages(problems)).toEqual([
      '4: node gone.mjs: no such file',
      '5: npm run no-such-script: no such script in package.json',
    ])
  }, 120_000)

  it('reports links to missing files and headings, and mentions of files outside the repository', async () => {
    page('other.md', ['# Other page', '', '## The `track()` call'])
    const path = page('links.md', [
      '# Links',
      '',
      '[fine](./other.md#the-track-call) [fine](#links) [web](https://example.com)',
      '[gone](./missing.md) and [no heading](./other.md#nowhere)',
      'See DESIGN.md for the rest.',
      '![picture](./images/none.png)',
    ])
    const { problems } = await checkDocs({ files: [path] })
    expect(messages(problems)).toEqual([
      '5: mentions DESIGN.md, which the repository does not contain',
      '4: link to ./missing.md: no such file',
      '4: link to ./other.md#nowhere: no heading with that anchor',
      '6: link to ./images/none.png: no such file',
    ])
  }, 120_000)

  it('reports a block that no longer matches the example file it names', async () => {
    const path = page('example.md', [
      `${fence}ts file=examples/express/server.ts`,
      "import { definitelyNotInTheExample } from 'instrumentkit/server'",
      fence,
    ])
    const { problems } = await checkDocs({ files: [path] })
    expect(messages(problems)).toEqual([
      expect.stringMatching(
        /^2: differs from examples\/express\/server.ts: "import \{ definitelyNotInTheExample \}/,
      ),
    ])
  }, 120_000)

  it('reads fences inside lists and makes GitHub anchors', () => {
    expect(codeBlocks(['- item', '', '  ```ts', '  const a = 1', '  ```'].join('\n'))).toEqual([
      {
        lang: 'ts',
        fragment: false,
        continued: false,
        run: false,
        clickhouse: false,
        file: undefined,
        code: 'const a = 1',
        line: 4,
      },
    ])
    expect(slug('The `track()` call')).toBe('the-track-call')
    expect(slug('Next.js (App Router)')).toBe('nextjs-app-router')
    expect(slug('Privacy & consent')).toBe('privacy--consent')
  })
})
