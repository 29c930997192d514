#!/usr/bin/env node
// Starts local ClickHouse servers for tests, CI and trying the ClickHouse store by hand: one single
// server and two servers forming the two-shard cluster `instrumentkit_test`, each with its own temp
// config and data directory, bound to 127.0.0.1 on free ports.
//
//   node scripts/clickhouse.mjs start    prints the URLs, runs until Ctrl-C, then stops and cleans up
//
// The test suite starts the same servers through test/support/clickhouseSetup.ts.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export const CLUSTER = 'instrumentkit_test'
export const INSTALL_HINT =
  'install it with `apt-get install -y clickhouse-server` (Debian/Ubuntu) or see https://clickhouse.com/docs/install, or set CLICKHOUSE_SERVER_BIN'

/** The command that runs a server: `clickhouse-server`, or `clickhouse server` from the single binary. */
export function findClickHouse() {
  const fromEnv = process.env.CLICKHOUSE_SERVER_BIN
  if (fromEnv) return existsSync(fromEnv) ? { command: fromEnv, args: [] } : null
  for (const [name, args] of [
    ['clickhouse-server', []],
    ['clickhouse', ['server']],
  ]) {
    for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/usr/local/bin']) {
      const path = join(dir || '.', name)
      if (dir && existsSync(path)) return { command: path, args }
    }
  }
  return null
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function configXml(dir, node, shards) {
  const remote = shards
    ? `<remote_servers><${CLUSTER}>${shards
        .map((tcp) => `<shard><replica><host>127.0.0.1</host><port>${tcp}</port></replica></shard>`)
        .join('')}</${CLUSTER}></remote_servers>`
    : ''
  // <yandex> is the root element 18.x needs; newer servers still accept it
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${node.http}</http_port>
  <tcp_port>${node.tcp}</tcp_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/data/tmp/</tmp_path>
  <user_files_path>${dir}/data/user_files/</user_files_path>
  <format_schema_path>${dir}/data/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <mlock_executable>false</mlock_executable>
  ${remote}
</yandex>
`
}

const usersXml = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`

// The server runs under a shell that kills it when our end of its stdin closes, so a test run that is
// itself killed leaves no server behind.
const WRAPPER = 'exec 3<&0; "$@" & pid=$!; ( cat <&3 >/dev/null; kill $pid 2>/dev/null ) & wait $pid'

async function answers(url) {
  try {
    const res = await fetch(`${url}/?query=SELECT%201`, { signal: AbortSignal.timeout(1000) })
    return res.ok && (await res.text()).trim() === '1'
  } catch {
    return false
  }
}

async function startNode(bin, root, name, node, shards) {
  const dir = join(root, name)
  await mkdir(join(dir, 'data'), { recursive: true })
  await writeFile(join(dir, 'config.xml'), configXml(dir, node, shards))
  await writeFile(join(dir, 'users.xml'), usersXml)
  const child = spawn(
    'sh',
    ['-c', WRAPPER, 'sh', bin.command, ...bin.args, `--config-file=${join(dir, 'config.xml')}`],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000)
  })
  let exited = null
  const gone = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal }
      resolve()
    })
  })
  const url = `http://127.0.0.1:${node.http}`
  const deadline = Date.now() + 60_000
  while (!(await answers(url))) {
    if (exited || Date.now() > deadline) {
      child.stdin.end()
      const log = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '')
      throw new Error(
        `ClickHouse ${name} did not start on ${url} (${exited ? `exited with ${exited.code ?? exited.signal}` : 'timed out'}):\n${(log || stderr).slice(-2000)}`,
      )
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  return {
    name,
    url,
    tcpPort: node.tcp,
    async stop() {
      child.stdin.end()
      await gone
    },
  }
}

const PREFIX = 'instrumentkit-clickhouse-'

// data left by a run that was killed before it could clean up (its servers died with it)
async function removeAbandoned() {
  for (const name of await readdir(tmpdir()).catch(() => [])) {
    if (!name.startsWith(PREFIX)) continue
    const dir = join(tmpdir(), name)
    const owner = Number(await readFile(join(dir, 'owner.pid'), 'utf8').catch(() => 'NaN'))
    if (!Number.isInteger(owner) || owner <= 0) continue
    try {
      process.kill(owner, 0)
    } catch {
      await rm(dir, { recursive: true, force: true })
    }
  }
}

/**
 * Starts the single server and the two-shard cluster. Resolves to their URLs and a `stop()` that ends
 * the servers and deletes their data. Throws when no ClickHouse server is installed.
 */
export async function startClickHouse() {
  const bin = findClickHouse()
  if (!bin) throw new Error(`clickhouse-server is not installed: ${INSTALL_HINT}`)
  await removeAbandoned()
  const root = await mkdtemp(join(tmpdir(), PREFIX))
  await writeFile(join(root, 'owner.pid'), String(process.pid))
  const ports = []
  for (let i = 0; i < 6; i++) ports.push(await freePort())
  const [single, shard1, shard2] = [0, 2, 4].map((i) => ({ http: ports[i], tcp: ports[i + 1] }))
  const shards = [shard1.tcp, shard2.tcp]
  const started = await Promise.allSettled([
    startNode(bin, root, 'single', single),
    startNode(bin, root, 'shard1', shard1, shards),
    startNode(bin, root, 'shard2', shard2, shards),
  ])
  const nodes = started.filter((s) => s.status === 'fulfilled').map((s) => s.value)
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop()))
    await rm(root, { recursive: true, force: true })
  }
  const failed = started.find((s) => s.status === 'rejected')
  if (failed) {
    await stop()
    throw failed.reason
  }
  return {
    version: await version(nodes[0].url),
    single: nodes[0].url,
    cluster: { name: CLUSTER, nodes: [nodes[1].url, nodes[2].url] },
    stop,
  }
}

async function version(url) {
  const res = await fetch(`${url}/?query=SELECT%20version()`)
  return (await res.text()).trim()
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const command = process.argv[2]
  if (command !== 'start') {
    console.error('usage: node scripts/clickhouse.mjs start')
    process.exit(2)
  }
  try {
    const ch = await startClickHouse()
    console.log(`ClickHouse ${ch.version}`)
    console.log(`single server:  ${ch.single}`)
    console.log(`cluster ${ch.cluster.name}: ${ch.cluster.nodes.join('  ')}`)
    console.log('Ctrl-C stops them and deletes their data.')
    const end = async () => {
      await ch.stop()
      process.exit(0)
    }
    process.on('SIGINT', end)
    process.on('SIGTERM', end)
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
