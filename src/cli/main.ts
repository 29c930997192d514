#!/usr/bin/env node
import { SERVE_HELP, serve } from './serve.js'

const HELP = `Usage: instrumentkit <command> [options]

Commands:
  serve   run the collector (and the dashboard) on one port
  demo    fill a store with realistic demo traffic

Run "instrumentkit <command> --help" for a command's options.
`

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  serve,
  // loaded on demand: the demo brings the browser client, which serve does not need
  demo: (argv) => import('./demo.js').then((m) => m.demo(argv)),
}

async function main(argv: string[]) {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') return console.log(HELP)
  const command = commands[name]
  if (!command) {
    console.error(`instrumentkit: unknown command "${name}"\n\n${HELP}`)
    process.exitCode = 2
    return
  }
  await command(rest)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`instrumentkit: ${error instanceof Error ? error.message : String(error)}`)
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    console.error(`\n${SERVE_HELP}`)
  process.exit(1)
})
