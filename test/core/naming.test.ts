import { describe, expect, it } from 'vitest'
import { checkEventName, checkMetricName } from '../../src/index.js'

describe('checkEventName', () => {
  it.each(['checkout_completed', 'page_viewed', 'experiment_exposed', 'step2_completed', 'api_call_failed'])(
    'accepts %s',
    (name) => expect(checkEventName(name)).toBeUndefined(),
  )

  it.each([
    'CheckoutCompleted',
    'checkout',
    'Checkout Completed',
    'checkout-completed',
    'checkout__completed',
    '_checkout_completed',
    'checkout_completed_',
    '2fa_enabled',
    'checkoutCompleted',
  ])('rejects %s, saying what the rule is', (name) => {
    expect(checkEventName(name)).toContain('[object]_[action]')
    expect(checkEventName(name)).toContain(`"${name}"`)
  })
})

describe('checkMetricName', () => {
  it.each(['api.latency.ms', 'web_vitals.lcp.ms', 'kit.queue_depth.events', 'checkout.step.duration.ms'])(
    'accepts %s',
    (name) => expect(checkMetricName(name)).toBeUndefined(),
  )

  it.each(['latency', 'api.latency', 'API.latency.ms', 'api..ms', 'api.latency.ms.', 'api-latency.ms'])(
    'rejects %s',
    (name) => expect(checkMetricName(name)).toContain('[namespace].[metric].[unit]'),
  )
})
