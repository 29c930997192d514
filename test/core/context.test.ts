import { describe, expect, it } from 'vitest'
import { createContextCollector, LIBRARY } from '../../src/core/context.js'
import { createTestAnalytics } from '../../src/testing.js'

describe('context in Node', () => {
  it('has platform "node", locale, timezone and the library, and no user agent', () => {
    const context = createContextCollector().collect('sess_1', undefined)
    expect(context).toEqual({
      library: LIBRARY,
      platform: 'node',
      locale: expect.any(String),
      timezone: expect.any(String),
    })
  })

  it('lets options override, add and remove fields, and per-call context win over all', () => {
    const analytics = createTestAnalytics({
      context: { app_version: '2.1.0', timezone: undefined, platform: 'server' },
    })
    analytics.track('button_clicked', { label: 'x' }, { context: { request_id: 'r1' } })
    const context = analytics.lastEvent('button_clicked')!.context
    expect(context).toMatchObject({ app_version: '2.1.0', platform: 'server', request_id: 'r1' })
    expect(JSON.parse(JSON.stringify(context)).timezone).toBeUndefined()
  })

  it('takes fields from context providers (experiments use this)', () => {
    const analytics = createTestAnalytics()
    const remove = analytics.internals.addContextProvider(() => ({
      experiments: { checkout_flow: 'treatment' },
    }))
    analytics.track('button_clicked', { label: 'x' })
    remove()
    analytics.track('button_clicked', { label: 'y' })
    const [first, second] = analytics.eventsNamed('button_clicked')
    expect(first?.context.experiments).toEqual({ checkout_flow: 'treatment' })
    expect(second?.context.experiments).toBeUndefined()
  })
})
