// Runs the example: the collector and its DuckDB file in this process, the shop API beside it.
//   npx tsx examples/express/server.ts   then   curl -X POST localhost:3001/api/purchase …
import { randomUUID } from 'node:crypto'
import {
  createCollector,
  createServerAnalytics,
  duckdbStore,
  instrumentProcess,
  toNodeHandler,
} from 'instrumentkit/server'
import { createApp, PurchaseError } from './app.js'

const collector = createCollector({ store: duckdbStore({ path: '.instrumentkit/events.duckdb' }) })
const analytics = createServerAnalytics({ collector })
const stopProcessMetrics = instrumentProcess(analytics)

const app = createApp(analytics, {
  async charge(_userId, amount) {
    if (!(amount > 0)) throw new PurchaseError('invalid_amount')
    if (amount > 1_000) throw new PurchaseError('card_declined')
    return { orderId: `ord_${randomUUID().slice(0, 8)}` }
  },
  async saveOrder() {},
})
// the collector answers /api/analytics/* on the same server, for the browser's batches
app.use(toNodeHandler(collector))

const server = app.listen(Number(process.env.PORT ?? 3001), () => console.log('shop API on :3001'))

// nothing tracked is lost on deploys: stop taking requests, deliver what is queued, close the store
process.once('SIGTERM', () => {
  server.close()
  stopProcessMetrics()
  void analytics
    .shutdown()
    .then(() => collector.close())
    .finally(() => process.exit(0))
})
