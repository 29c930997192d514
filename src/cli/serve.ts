import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createCollector } from '../server/collector/createCollector.js'
import { toNodeHandler } from '../server/collector/toNodeHandler.js'
import { serveDashboard } from '../server/dashboardAssets.js'
import type { ReportedExperiment } from '../server/reports/reportContext.js'
import type { Store } from '../server/stores/types.js'
import { readExperiments } from './readExperiments.js'

export const SERVE_HELP = `Usage: instrumentkit serve [options]

Starts the collector and the dashboard on one port.

Options:
  --port <n>              port to listen on (default 8787, or $PORT)
  --host <addr>           address to bind (default 127.0.0.1)
  --db <path>             DuckDB file (default .instrumentkit/events.duckdb)
  --clickhouse <url>      store in ClickHouse instead, e.g. http://user:pass@127.0.0.1:8123/analytics
  --cluster <name>        with --clickhouse: the cluster to shard over
  --clickhouse-node <url> with --cluster: a node's HTTP URL, to create the tables on each node
                          directly (repeatable; without it the tables are made ON CLUSTER,
                          which needs ZooKeeper or Keeper)
  --write-key <key>       accept only batches with this write key (repeatable)
  --read-token <token>    bearer token for the query API and dashboard
                          (default: open on a loopback address, generated otherwise)
  --allow-origin <origin> let browser pages on this origin send events (repeatable; * for any)
  --store-ip              keep senders' IP addresses (off by default)
  --experiments <file>    JSON array of experiment definitions (key, variations, weights,
                          plannedDays), for the experiment reports' "day N of M"
  -h, --help              show this help
`

/** The parsed command line of `serve`. */
export interface ServeOptions {
  port: number
  host: string
  db: string
  clickhouse?: string
  cluster?: string
  /** With `cluster`: every node's HTTP URL, to create the tables on each directly. */
  nodes: string[]
  writeKeys: string[]
  readToken?: string
  allowOrigins: string[]
  storeIp: boolean
  /** From `--experiments <file>`. */
  experiments: ReportedExperiment[]
}

/** Parses `serve`'s arguments; throws an Error with a readable message for a bad one. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      clickhouse: { type: 'string' },
      cluster: { type: 'string' },
      'clickhouse-node': { type: 'string', multiple: true },
      'write-key': { type: 'string', multiple: true },
      'read-token': { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'store-ip': { type: 'boolean' },
      experiments: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return 'help'
  const port = Number(values.port ?? env.PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port: "${values.port}" is not a port number`)
  if (values.db && values.clickhouse)
    throw new Error('--db and --clickhouse are two different stores: give one')
  if (values.cluster && !values.clickhouse) throw new Error('--cluster needs --clickhouse')
  if (values['clickhouse-node'] && !values.cluster) throw new Error('--clickhouse-node needs --cluster')
  return {
    port,
    host: values.host ?? '127.0.0.1',
    db: values.db ?? '.instrumentkit/events.duckdb',
    clickhouse: values.clickhouse,
    cluster: values.cluster,
    nodes: values['clickhouse-node'] ?? [],
    writeKeys: values['write-key'] ?? [],
    readToken: values['read-token'] ?? env.INSTRUMENTKIT_READ_TOKEN,
    allowOrigins: values['allow-origin'] ?? [],
    storeIp: values['store-ip'] ?? false,
    experiments: values.experiments ? readExperiments(values.experiments) : [],
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/

/** Opens the store the options name. */
export async function openStore(
  options: Pick<ServeOptions, 'db' | 'clickhouse' | 'cluster'> & { nodes?: string[] },
): Promise<Store> {
  if (options.clickhouse) {
    const { clickhouseStore } = await import('../server/stores/clickhouseStore.js')
    const url = new URL(options.clickhouse)
    const database = url.pathname.replace(/^\//, '') || undefined
    const username = decodeURIComponent(url.username) || undefined
    const password = decodeURIComponent(url.password) || undefined
    url.pathname = '/'
    url.username = ''
    url.password = ''
    return clickhouseStore({
      url: url.toString(),
      database,
      username,
      password,
      cluster: options.cluster,
      ...(options.nodes?.length && { nodes: options.nodes }),
    })
  }
  mkdirSync(dirname(resolve(options.db)), { recursive: true })
  const { duckdbStore } = await import('../server/stores/duckdbStore.js')
  return duckdbStore({ path: options.db })
}

/**
 * `instrumentkit serve`: the collector on one port, with the dashboard at `/` when it is built.
 * Stops on SIGTERM or SIGINT after writing every batch it has answered for.
 */
export async function serve(argv: string[], log: (line: string) => void = console.log): Promise<void> {
  const parsed = parseServeArgs(argv)
  if (parsed === 'help') return log(SERVE_HELP)
  const options = parsed
  const open = LOOPBACK.test(options.host) && !options.readToken
  const readToken = options.readToken ?? (open ? undefined : randomBytes(18).toString('base64url'))
  const store = await openStore(options)
  const collector = createCollector({
    store,
    writeKeys: options.writeKeys,
    readToken: readToken ?? false,
    allowedOrigins: options.allowOrigins.includes('*') ? '*' : options.allowOrigins,
    storeIp: options.storeIp,
    experiments: options.experiments,
    onError: (error) => log(`error: ${error instanceof Error ? error.message : String(error)}`),
  })
  try {
    await collector.ready
  } catch (error) {
    throw new Error(
      `the store could not be opened: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  const base = collector.basePath
  const dashboard = serveDashboard({ basePath: '/', apiBase: base })
  const notFound = () => Response.json({ ok: false, error: 'not found' }, { status: 404 })
  // the collector under its base path, the dashboard app everywhere else
  const server = createServer(
    toNodeHandler({
      basePath: base,
      fetch: async (request, info) => {
        const path = new URL(request.url).pathname
        if (path === base || path.startsWith(`${base}/`)) return collector.fetch(request, info)
        return (await dashboard(request)) ?? notFound()
      },
    }),
  )
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${options.port} on ${options.host} is in use; pick another with --port`)
          : error,
      ),
    )
    server.listen(options.port, options.host, resolveListen)
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const host = options.host.includes(':') ? `[${options.host}]` : options.host
  const origin = `http://${host}:${port}`
  const lines = [
    `instrumentkit collector listening on ${origin}`,
    `  ingest     POST ${origin}${collector.basePath}/batch`,
    `  health     GET  ${origin}${collector.basePath}/health`,
    `  store      ${options.clickhouse ? `ClickHouse ${redact(options.clickhouse)}` : `DuckDB ${resolve(options.db)}`}`,
  ]
  lines.push(`  dashboard  ${origin}/${dashboardBuilt() ? '' : ' (not built here: run npm run build)'}`)
  lines.push(
    readToken
      ? `  read token ${options.readToken ? '(as given)' : readToken} — send it as "Authorization: Bearer <token>"`
      : '  queries    open to this machine only (bound to a loopback address; use --read-token to require one)',
  )
  if (options.writeKeys.length) lines.push(`  write keys ${options.writeKeys.length} configured`)
  // one write, so that whoever reads the first line has the rest too
  log(lines.join('\n'))

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) {
      log(`${signal} again: exiting without waiting`)
      process.exit(1)
    }
    stopping = true
    log(`${signal}: finishing the batches already answered for…`)
    server.close()
    server.closeIdleConnections()
    await collector.close()
    log('stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//…@')

// the app ships in dist/dashboard-app; a checkout running from source may not have built it yet
function dashboardBuilt(): boolean {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'dist', 'dashboard-app', 'index.html'))) return true
    dir = dirname(dir)
  }
  return false
}
