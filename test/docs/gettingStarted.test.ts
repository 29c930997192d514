import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { codeBlocks } from '../../scripts/check-docs.mjs'

// docs/getting-started.md shows the files of examples/vite-react, which test/browser/gettingStarted.test.ts
// installs, builds and clicks through: the page must show them verbatim, so it cannot drift from what
// is tested.

const root = resolve(import.meta.dirname, '../..')
const page = readFileSync(join(root, 'docs/getting-started.md'), 'utf8')
// the docs checker only asks that a block's lines appear in its file; here the whole file is the block
const shown = codeBlocks(page).filter((b) => b.file?.startsWith('examples/vite-react/'))

describe('docs/getting-started.md', () => {
  it('shows every file the reader writes, from examples/vite-react', () => {
    expect(shown.map((s) => s.file)).toEqual([
      'examples/vite-react/src/analytics.ts',
      'examples/vite-react/src/main.tsx',
      'examples/vite-react/src/App.tsx',
      'examples/vite-react/vite.config.ts',
    ])
  })

  it.each(shown.map((s) => [s.file ?? '', s.code]))(
    'shows %s exactly as the tested app has it',
    (file, code) => {
      expect(`${code}\n`).toBe(readFileSync(join(root, file), 'utf8'))
    },
  )

  it('runs only scripts the app has', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'examples/vite-react/package.json'), 'utf8')).scripts
    for (const [, name] of page.matchAll(/^npm run (\S+)/gm)) expect(Object.keys(scripts)).toContain(name)
  })
})
