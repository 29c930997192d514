import { afterAll, describe, expect, it } from 'vitest'
import { createCollector } from '../../../src/server.js'
import { clickhouseTargets } from '../stores/clickhouseTargets.js'
import { duckdbTarget } from '../stores/storeTargets.js'
import { wireEvent } from './support.js'

// The collector's promises that depend on the store, checked against the real ones: a DuckDB file,
// a ClickHouse server and a two-shard ClickHouse cluster.
const targets = [duckdbTarget(), ...clickhouseTargets()]
afterAll(async () => {
  for (const target of targets) await target.cleanup()
})

const DAY = 86_400_000

for (const target of targets) {
  describe.skipIf(!target.available)(`the collector over ${target.name}`, () => {
    it('counts a copy arriving days later, after the ingest window, once in every report', async () => {
      await target.fresh()
      let now = Date.parse('2026-12-01T10:00:00Z')
      const store = target.open()
      const collector = createCollector({ store, now: () => now, dedup: { ms: DAY } })
      await target.stopMerges?.()
      const event = wireEvent({ timestamp: new Date(now).toISOString(), anonymous_id: 'late-visitor' })
      expect(await collector.ingest({ events: [event] })).toMatchObject({ accepted: 1 })
      now += 3 * DAY
      // past the window the collector no longer remembers the id, so the copy is stored again…
      expect(await collector.ingest({ events: [event] })).toMatchObject({ accepted: 1, duplicates: 0 })
      const [raw] = await store.query<{ n: number }>(
        'SELECT count(*) AS n FROM events WHERE message_id = {id}',
        {
          id: String(event.message_id),
        },
      )
      const [unique] = await store.query<{ n: number }>(
        'SELECT count(*) AS n FROM events_unique WHERE message_id = {id}',
        { id: String(event.message_id) },
      )
      // …and the store counts it once at query time
      expect(raw!.n).toBe(2)
      expect(unique!.n).toBe(1)
      await collector.close()
    })

    it('remembers ids across a restart from what the store holds', async () => {
      await target.fresh()
      const first = createCollector({ store: target.open() })
      const events = [wireEvent(), wireEvent()]
      expect(await first.ingest({ events })).toMatchObject({ accepted: 2 })
      await first.close()
      const second = createCollector({ store: target.open() })
      expect(await second.ingest({ events: [...events, wireEvent()] })).toMatchObject({
        accepted: 1,
        duplicates: 2,
      })
      const [unique] = await second.store.query<{ n: number }>('SELECT count(*) AS n FROM events_unique')
      expect(unique!.n).toBe(3)
      await second.close()
    })

    it('writes rejections, metric points and enrichment that plain SQL can read back', async () => {
      await target.fresh()
      const collector = createCollector({ store: target.open() })
      await collector.ingest({
        sent_at: new Date().toISOString(),
        events: [
          wireEvent({ event_name: 'checkout_completed', properties: { order_value: 149.99 } }),
          { nope: 1 },
        ],
        metrics: [
          {
            id: 'p1',
            name: 'api.latency.ms',
            type: 'histogram',
            tags: { route: '/users/:id' },
            start: new Date().toISOString(),
            end: new Date().toISOString(),
            count: 2,
            sum: 30,
          },
        ],
      })
      const [event] = await collector.store.query<Record<string, unknown>>(
        "SELECT event_name, browser, os, device_type, is_bot, page_path FROM events_unique WHERE event_name = 'checkout_completed'",
      )
      expect(event).toMatchObject({
        event_name: 'checkout_completed',
        browser: 'Chrome',
        os: 'Windows',
        page_path: '/cart',
      })
      expect(Boolean(event!.is_bot)).toBe(false)
      const rejections = await collector.store.query<{ reason: string }>(
        'SELECT reason FROM ingest_rejections',
      )
      expect(rejections.map((r) => r.reason)).toEqual(['missing_message_id'])
      const [point] = await collector.store.query<{ name: string; count: number }>(
        'SELECT name, count FROM metric_points_unique',
      )
      expect(point).toEqual({ name: 'api.latency.ms', count: 2 })
      await collector.close()
    })
  })
}
