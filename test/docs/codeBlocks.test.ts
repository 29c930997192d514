import { describe, expect, it } from 'vitest'
import { checkDocs, docFiles } from '../../scripts/check-docs.mjs'

describe('README.md and docs/*.md', () => {
  it('have only code blocks that type-check, parse or name what exists, and links that resolve', async () => {
    const { problems, counts } = await checkDocs()
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([])
    // the checker found the pages and their examples: an empty run would pass as well
    expect(docFiles().length).toBeGreaterThan(15)
    expect(counts.typescript).toBeGreaterThan(40)
    expect(counts.run).toBeGreaterThanOrEqual(5)
    expect(counts.links).toBeGreaterThan(40)
  }, 300_000)
})
