import { createCollector, createServerAnalytics, duckdbStore, instrumentProcess } from 'instrumentkit/server'
import { checkoutButton } from './experiments'

// one collector and one server client per process, also across Next's module reloads in development
const shared = globalThis as typeof globalThis & {
  instrumentkit?: {
    collector: ReturnType<typeof createCollector>
    analytics: ReturnType<typeof createServerAnalytics>
  }
}

function create() {
  const collector = createCollector({
    store: duckdbStore({ path: process.env.INSTRUMENTKIT_DB ?? '.instrumentkit/events.duckdb' }),
    readToken: process.env.INSTRUMENTKIT_READ_TOKEN ?? false,
    experiments: [checkoutButton],
  })
  // server-side events go through the collector's own ingest, in process
  const analytics = createServerAnalytics({ collector, experiments: [checkoutButton] })
  instrumentProcess(analytics)
  process.once('SIGTERM', () => {
    void analytics
      .shutdown()
      .then(() => collector.close())
      .finally(() => process.exit(0))
  })
  return { collector, analytics }
}

shared.instrumentkit ??= create()

export const { collector, analytics } = shared.instrumentkit
