// The server side of `npm run bench:collector`, run in its own process: either the collector at its
// defaults over a DuckDB file (`collector <file>`), or the ceiling it is compared against: a bare
// node:http server that only reads and parses the same JSON (`bare`). Prints "ready <port>", and on
// SIGTERM "peak_rss <bytes>" after closing.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createCollector, duckdbStore, toNodeHandler } from '../../src/server.js'

const [mode, file] = process.argv.slice(2)
const peakRss = () =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024

let close = async () => {}
let handler: Parameters<typeof createServer>[1]
if (mode === 'bare') {
  handler = (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: unknown[] }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ ok: true, accepted: batch.events.length, duplicates: 0, rejected: [] }))
    })
  }
} else {
  const collector = createCollector({ store: duckdbStore({ path: file ?? '.tmp/bench-collector.duckdb' }) })
  await collector.ready
  handler = toNodeHandler(collector)
  close = () => collector.close()
}
const server = createServer({ keepAliveTimeout: 60_000 }, handler)
server.listen(0, '127.0.0.1', () => {
  console.log(`ready ${(server.address() as AddressInfo).port}`)
})
process.on('SIGTERM', async () => {
  server.close()
  server.closeAllConnections()
  await close()
  console.log(`peak_rss ${peakRss()}`)
  process.exit(0)
})
