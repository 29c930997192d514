// Runs one of the collector's reports against a DuckDB file and prints its JSON.
//   node report.mjs funnel 'steps=product_viewed,product_added,checkout_completed'
import { duckdbStore, REPORTS, runReport } from 'instrumentkit/server'

const [name = 'overview', query = '', path = process.env.DB ?? '.instrumentkit/events.duckdb'] =
  process.argv.slice(2)
if (!REPORTS.includes(name)) {
  console.error(`unknown report "${name}"; reports: ${REPORTS.join(', ')}`)
  process.exit(2)
}
const store = duckdbStore({ path })
await store.init()
try {
  const body = await runReport(name, new URLSearchParams(query), {
    store,
    // the planned length and variant order of the demo's experiment, as the collector would be given them
    experiments: [{ key: 'checkout_flow', variations: ['control', 'one_page'], plannedDays: 14 }],
    now: Date.now,
  })
  console.log(JSON.stringify(body, null, 2))
} catch (error) {
  // a ReportParamError names the parameter at fault, as the query API's 400 does
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await store.close()
}
