/** A fenced code block of a Markdown file. */
export interface CodeBlock {
  lang: string
  /** Marked `fragment` after the language: shown, deliberately not checked. */
  fragment: boolean
  /** Marked `continued`: checked after the previous TypeScript block of the same file. */
  continued: boolean
  /** Marked `run`: run in Node, its `console.log` output compared with the comment lines below each call. */
  run: boolean
  /** Marked `clickhouse` (a `sql` block): its statements are ClickHouse's, shown and not run. */
  clickhouse: boolean
  /** `file=<path>`: the block's code lines must appear, in order, in that file of the repository. */
  file: string | undefined
  code: string
  /** The line of the Markdown file the code starts on (1-based). */
  line: number
}

/** A problem found in a Markdown file. */
export interface DocsProblem {
  file: string
  line: number
  message: string
}

/** How many blocks and links of each kind were checked. */
export interface DocsCounts {
  typescript: number
  run: number
  file: number
  json: number
  shell: number
  sql: number
  illustration: number
  fragment: number
  links: number
}

/** The Markdown files the checker reads by default: README.md and docs/*.md. */
export function docFiles(root?: string): string[]

/** The fenced code blocks of a Markdown text. */
export function codeBlocks(markdown: string): CodeBlock[]

/** GitHub's anchor for a heading. */
export function slug(heading: string): string

/** Checks the code blocks and links of Markdown files against the repository at `root`. */
export function checkDocs(options?: {
  root?: string
  files?: string[]
}): Promise<{ problems: DocsProblem[]; counts: DocsCounts }>
