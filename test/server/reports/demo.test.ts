import { describe, expect, it } from 'vitest'
import { DEMO_EXPERIMENT, parseDemoArgs, runDemo } from '../../../src/cli/demo.js'
import { runReport } from '../../../src/server/reports/runReport.js'
import type {
  ExperimentReport,
  FunnelReport,
  OverviewReport,
  QualityReport,
  RetentionReport,
} from '../../../src/server/reports/types.js'
import { reportStores } from './reportStore.js'

const NOW = Date.UTC(2026, 11, 7, 12)

describe.each(reportStores)('instrumentkit demo into %s', (name, open) => {
  it('fills the store through the client pipeline with traffic every report has something true to say about', async () => {
    const store = await open()
    try {
      // every simulated hour is one write; ClickHouse inserts are slower, so it gets a shorter demo
      const days = name === 'DuckDB' ? 4 : 2
      const summary = await runDemo(store, { users: 40, days, seed: 7, now: NOW })
      expect(summary.sessions).toBeGreaterThan(25)
      const ctx = { store, experiments: [DEMO_EXPERIMENT], now: () => NOW }
      const run = async <T>(name: string, query = '') =>
        (await runReport(name, new URLSearchParams(query), ctx)) as T

      const funnel = await run<FunnelReport>(
        'funnel',
        'steps=product_viewed,product_added,checkout_started,checkout_completed',
      )
      const users = funnel.steps.map((s) => s.users)
      expect(users[0]).toBeGreaterThan(10)
      expect(users).toEqual([...users].sort((a, b) => b - a))
      expect(users[3]).toBeGreaterThan(0)

      const experiment = await run<ExperimentReport>(
        'experiment',
        'key=checkout_flow&metric=checkout_completed&value=order_value',
      )
      expect(experiment.variants.map((v) => v.name)).toEqual(['control', 'one_page'])
      for (const v of experiment.variants) expect(v.units).toBeGreaterThan(0)
      expect(experiment.planned_days).toBe(14)

      const quality = await run<QualityReport>('quality', 'from=2026-11-01')
      // ClickHouse's ReplacingMergeTree drops stored copies as it merges parts, so only DuckDB keeps them all
      if (name === 'DuckDB') expect(quality.events.duplicates).toBeGreaterThan(0)
      expect(quality.events.bots).toBeGreaterThan(0)
      expect(quality.rejections.find((r) => r.reason === 'malformed_json')?.requests).toBeGreaterThan(0)
      expect(quality.clock_skew.buckets.slice(1).some((b) => b.events > 0)).toBe(true)

      const overview = await run<OverviewReport>('overview')
      expect(overview.requests.total).toBeGreaterThan(0)
      expect(overview.service_health.dependencies.map((d) => d.name)).toContain('payments.charge.ms')
      expect(overview.service_health.queues[0]?.queue).toBe('emails')

      const retention = await run<RetentionReport>('retention', 'from=2026-12-03')
      expect(retention.cohorts.length).toBeGreaterThan(0)
      expect(retention.cohorts[0]!.retained[0]).toBe(retention.cohorts[0]!.users)
    } finally {
      await store.close().catch(() => {})
    }
  }, 120_000)
})

describe('demo command line', () => {
  it('reads its options and refuses wrong ones', () => {
    expect(parseDemoArgs(['--users', '50', '--days', '3'])).toMatchObject({ users: 50, days: 3, seed: 1 })
    expect(() => parseDemoArgs(['--users', 'many'])).toThrow(/--users/)
    expect(() => parseDemoArgs(['--db', 'a', '--clickhouse', 'http://x'])).toThrow(/two different stores/)
  })
})
