// TypeDoc options for docs/api (npm run docs:api).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { typedocOptions } from './options.mjs'

const root = fileURLToPath(new URL('../../', import.meta.url))
const entries = ['index', 'react', 'testing', 'devtools', 'server', 'dashboard']

export default typedocOptions({
  tsconfig: `${root}tsconfig.build.json`,
  entryPoints: entries.map((entry) => `${root}src/${entry}.ts`),
  out: `${root}docs/api`,
  readme: fileURLToPath(new URL('./intro.md', import.meta.url)),
  // the client's plumbing for the kit's own plugins (AnalyticsInternals) and a type-level helper
  notExported: ['Identity', 'SafeStore', 'Fields'],
  // members excused from the JSDoc rule for now (none today); exports never are
  undocumented: JSON.parse(readFileSync(new URL('./undocumented.json', import.meta.url), 'utf8')),
})
