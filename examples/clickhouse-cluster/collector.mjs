// A collector writing into the two-shard cluster of node1.xml and node2.xml. See README.md.
import { createServer } from 'node:http'
import { clickhouseStore, createCollector, toNodeHandler } from 'instrumentkit/server'

const store = clickhouseStore({
  url: 'http://127.0.0.1:8123',
  database: 'analytics',
  cluster: 'analytics',
  // tables are created on each node directly; without `nodes`, ON CLUSTER DDL needs ZooKeeper or Keeper
  nodes: ['http://127.0.0.1:8123', 'http://127.0.0.1:8124'],
})
const collector = createCollector({ store })
createServer(toNodeHandler(collector)).listen(8787, '127.0.0.1', () => {
  console.log('collector on http://127.0.0.1:8787/api/analytics/batch, storing into the cluster "analytics"')
})
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await collector.close()
    process.exit(0)
  })
}
