import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runReport } from '../../../src/server/reports/runReport.js'
import type { RetentionReport } from '../../../src/server/reports/types.js'
import type { EventRow, Store } from '../../../src/server/stores/types.js'
import { eventRow, reportStores, rows } from './reportStore.js'

const DAY = 86_400_000
const D0 = Date.UTC(2026, 10, 30) // a Monday
const NOW = D0 + 4 * DAY + 12 * 3_600_000

describe.each(reportStores)('retention on %s', (_name, open) => {
  let store: Store
  beforeAll(async () => {
    store = await open()
    const events: EventRow[] = []
    const at = (user: string, day: number, name = 'page_viewed', extra: Partial<EventRow> = {}) =>
      events.push(eventRow({ event_name: name, user, t: D0 + day * DAY + 3_600_000, ...extra }))
    at('z', -10)
    at('z', 1, 'app_opened') // first seen before the window: in no cohort shown
    at('a', 0)
    at('a', 1, 'app_opened')
    at('a', 3, 'search_performed')
    at('b', 0)
    at('b', 1, 'app_opened')
    at('c', 0)
    at('d', 1)
    at('d', 2, 'app_opened')
    // arrived three days late: placed on day 2 by its corrected time
    at('e', 2, 'page_viewed', { received_at_ms: D0 + 5 * DAY })
    at('bot', 0, 'page_viewed', { is_bot: true })
    at('bot', 1, 'app_opened', { is_bot: true })
    events.push(...events.slice(2, 5).map((e) => ({ ...e, received_at_ms: e.received_at_ms + 60_000 })))
    await store.write(rows({ events }))
  })
  afterAll(() => store.close())
  const run = async (query: string) =>
    (await runReport('retention', new URLSearchParams(query), {
      store,
      experiments: [],
      now: () => NOW,
    })) as RetentionReport

  it('counts each first-seen day cohort returning in each later day; days not yet begun are null', async () => {
    const r = await run('from=2026-11-30&to=2026-12-02')
    expect(r.cohorts).toEqual([
      {
        cohort: '2026-11-30',
        users: 3,
        retained: [3, 2, 0, 1, 0, null, null, null],
        rates: [1, 2 / 3, 0, 1 / 3, 0, null, null, null],
      },
      {
        cohort: '2026-12-01',
        users: 1,
        retained: [1, 1, 0, 0, null, null, null, null],
        rates: [1, 1, 0, 0, null, null, null, null],
      },
      {
        cohort: '2026-12-02',
        users: 1,
        retained: [1, 0, 0, null, null, null, null, null],
        rates: [1, 0, 0, null, null, null, null, null],
      },
    ])
  })

  it('counts only the chosen returning event', async () => {
    const r = await run('from=2026-11-30&to=2026-11-30&event=app_opened&periods=3')
    expect(r.cohorts).toEqual([
      { cohort: '2026-11-30', users: 3, retained: [0, 2, 0, 0], rates: [0, 2 / 3, 0, 0] },
    ])
  })

  it('groups by week starting on Monday', async () => {
    const r = await run('period=week&from=2026-11-30&periods=2')
    expect(r.cohorts).toEqual([
      { cohort: '2026-11-30', users: 5, retained: [5, null, null], rates: [1, null, null] },
    ])
  })

  it('rejects an unknown period', async () => {
    await expect(run('period=month')).rejects.toMatchObject({ param: 'period' })
  })
})
