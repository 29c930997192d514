// A collector in your own Node server: events from the browser at /api/analytics/batch, stored in a
// DuckDB file, with a write key and CORS for the app's origin. Run it with `node server.mjs`.
import { createServer } from 'node:http'
import { createCollector, duckdbStore, toNodeHandler } from 'instrumentkit/server'

const port = Number(process.env.PORT ?? 8787)
const collector = createCollector({
  store: duckdbStore({ path: process.env.DB ?? '.instrumentkit/events.duckdb' }),
  writeKeys: [process.env.WRITE_KEY ?? 'wk_example'],
  allowedOrigins: [process.env.APP_ORIGIN ?? 'http://127.0.0.1:5173'],
  readToken: process.env.READ_TOKEN ?? false,
  onError: (error) => console.error('collector:', error),
})

const server = createServer(toNodeHandler(collector)).listen(port, '127.0.0.1', () => {
  console.log(`collector on http://127.0.0.1:${server.address().port}/api/analytics`)
})

// on SIGTERM: stop taking requests, write what was answered for, close the DuckDB file
process.on('SIGTERM', async () => {
  server.close()
  await collector.close()
  process.exit(0)
})
