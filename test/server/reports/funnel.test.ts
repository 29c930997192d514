import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runReport } from '../../../src/server/reports/runReport.js'
import type { FunnelReport } from '../../../src/server/reports/types.js'
import type { EventRow, Store } from '../../../src/server/stores/types.js'
import { eventRow, reportStores, rows } from './reportStore.js'

const T0 = Date.UTC(2026, 11, 1, 10)
const MIN = 60_000

describe.each(reportStores)('funnel on %s', (_name, open) => {
  let store: Store
  const events: EventRow[] = []
  const ev = (
    user: string,
    name: string,
    minutes: number,
    extra: Partial<EventRow> & { props?: object } = {},
  ) => {
    const row = eventRow({ event_name: name, user, t: T0 + minutes * MIN, ...extra })
    events.push(row)
    return row
  }
  beforeAll(async () => {
    store = await open()
    // u1: all three in order
    ev('u1', 'viewed', 0, { props: { plan: 'pro' } })
    ev('u1', 'added', 2)
    ev('u1', 'bought', 10)
    // u2: viewed, added, bought beyond the 60 min window
    ev('u2', 'viewed', 0, { props: { plan: 'free' } })
    ev('u2', 'added', 4)
    ev('u2', 'bought', 61)
    // u3: bought before added: only two steps in order
    ev('u3', 'viewed', 0, { props: { plan: 'free' } })
    ev('u3', 'bought', 1)
    ev('u3', 'added', 6)
    // u4: a duplicate of every event, all steps
    const dup = [
      ev('u4', 'viewed', 0, { props: { plan: 'pro' } }),
      ev('u4', 'added', 8),
      ev('u4', 'bought', 20),
    ]
    for (const d of dup) events.push({ ...d, received_at_ms: d.received_at_ms + 5_000 })
    // a bot doing everything
    ev('bot', 'viewed', 0, { is_bot: true })
    ev('bot', 'added', 1, { is_bot: true })
    ev('bot', 'bought', 2, { is_bot: true })
    // anonymous visitor who signs in before buying: one person
    ev('u5', 'viewed', 0, { user_id: null, anonymous_id: 'anon_u5' })
    ev('u5', 'added', 3, { anonymous_id: 'anon_u5' })
    ev('u5', 'bought', 30, { anonymous_id: 'anon_u5' })
    // u1 and u2 saw the one-page checkout, u3 the control (u3 after its funnel began: still its variant)
    for (const [user, variation, minutes] of [
      ['u1', 'one_page', -5],
      ['u2', 'one_page', -1],
      ['u3', 'control', 3],
    ] as const)
      ev(user, 'experiment_exposed', minutes, {
        props: { experiment_key: 'checkout_flow', variation_name: variation },
      })
    ev('u4', 'experiment_exposed', 0, { props: { experiment_key: 'other', variation_name: 'x' } })
    await store.write(rows({ events }))
  })
  afterAll(() => store.close())

  const run = async (query: string) =>
    (await runReport('funnel', new URLSearchParams(query), {
      store,
      experiments: [],
      now: () => T0 + 2 * 86_400_000,
    })) as FunnelReport

  it('counts each step after the previous one within the window, each person and event once, bots excluded', async () => {
    const r = await run('steps=viewed,added,bought&within=3600')
    // independently: u1,u2,u3,u4,u5 viewed; added after viewed: u1,u2,u3,u4,u5; bought after added within 60 min: u1,u4,u5
    expect(r.steps.map((s) => s.users)).toEqual([5, 5, 3])
    expect(r.steps[1]!.conversion_from_previous).toBe(1)
    expect(r.steps[2]!.conversion_from_first).toBeCloseTo(3 / 5)
    // viewed→added minutes: 2,4,5 (u3: 6),8,3 → median 4 min; added→bought: 8, 12, 27 → 12 min
    expect(r.steps[1]!.median_seconds_from_previous).toBe(4 * 60)
    expect(r.steps[2]!.median_seconds_from_previous).toBe(12 * 60)
    expect(r.steps[0]!.median_seconds_from_previous).toBeNull()
  })

  it('breaks down by a property of the first step', async () => {
    const r = await run('steps=viewed,added,bought&within=3600&breakdown=plan')
    const by = Object.fromEntries(r.breakdown!.groups.map((g) => [g.value, g.steps.map((s) => s.users)]))
    expect(by).toEqual({ pro: [2, 2, 2], free: [2, 2, 0], null: [1, 1, 1] })
  })

  it('breaks down by the variant each user was first exposed to', async () => {
    const r = await run('steps=viewed,added,bought&within=3600&breakdown=experiment:checkout_flow')
    expect(r.breakdown!.by).toBe('experiment:checkout_flow')
    const by = Object.fromEntries(r.breakdown!.groups.map((g) => [g.value, g.steps.map((s) => s.users)]))
    // u4 and u5 were never exposed to checkout_flow
    expect(by).toEqual({ one_page: [2, 2, 1], control: [1, 1, 0], null: [2, 2, 2] })
    expect(r.steps.map((s) => s.users)).toEqual([5, 5, 3])
  })

  it('rejects bad parameters naming them', async () => {
    await expect(run('steps=viewed')).rejects.toThrow(/steps must list 2 to 10/)
    await expect(run('steps=a,b&within=x')).rejects.toMatchObject({ param: 'within' })
    await expect(run('steps=a,b&breakdown=a b')).rejects.toMatchObject({ param: 'breakdown' })
  })
})
