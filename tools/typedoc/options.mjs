// The TypeDoc options behind docs/api, as a function so that check.test.mjs runs the same check on fixtures.
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))

/**
 * TypeDoc options that document `entryPoints` as Markdown and fail on any export without JSDoc.
 * `undocumented` lists members (never exports) still allowed to lack a comment; a name on it that has a
 * comment, or no longer exists, fails the run too, so the list only shrinks.
 *
 * @param {{ tsconfig: string, entryPoints: string[], out: string, undocumented: string[], notExported?: string[], readme?: string }} input
 * @returns {Partial<import('typedoc').TypeDocOptions & import('typedoc-plugin-markdown').PluginOptions>}
 */
export function typedocOptions({
  tsconfig,
  entryPoints,
  out,
  undocumented,
  notExported = [],
  readme = 'none',
}) {
  // `instrumentkit/server.Store.close` is a member; `instrumentkit/server.Store` would be an export
  const exportsOnList = undocumented.filter((name) => !/^[^.]+\.[^.]+\./.test(name))
  if (exportsOnList.length) {
    throw new Error(
      `undocumented.json may list members only; document these exports: ${exportsOnList.join(', ')}`,
    )
  }
  return {
    plugin: ['typedoc-plugin-markdown', `${here}plugin.mjs`],
    tsconfig,
    entryPoints,
    out,
    readme,
    mergeReadme: readme !== 'none',
    name: 'API reference',
    hidePageHeader: true,
    indexFormat: 'table',
    // source links and git revisions would change the output on every commit
    disableSources: true,
    disableGit: true,
    hideGenerator: true,
    excludePrivate: true,
    excludeInternal: true,
    sort: ['kind', 'alphabetical'],
    validation: { notExported: true, notDocumented: true, invalidLink: true },
    intentionallyNotExported: notExported,
    intentionallyNotDocumented: undocumented,
    treatWarningsAsErrors: true,
  }
}
