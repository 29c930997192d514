import { expectTypeOf } from 'vitest'
import { z } from 'zod'
import {
  type Analytics,
  createAnalytics,
  type Experiments,
  experimentsOf,
  type Metrics,
  metricsOf,
  withExperiments,
  withMetrics,
} from '../../src/index.js'
import { createTestAnalytics } from '../../src/testing.js'

// --- metrics and experiments are on the client exactly when their option was given -------------------
const bare = createAnalytics()
// @ts-expect-error: no metrics option, no analytics.metrics
void bare.metrics
// @ts-expect-error: no experiments option, no analytics.experiments
void bare.experiments

const both = createAnalytics({ metrics: withMetrics({ intervalMs: 30_000 }), experiments: withExperiments() })
expectTypeOf(both.metrics).toEqualTypeOf<Metrics>()
expectTypeOf(both.experiments).toEqualTypeOf<Experiments>()

const metricsOnly = createAnalytics({ metrics: withMetrics() })
expectTypeOf(metricsOnly.metrics).toEqualTypeOf<Metrics>()
// @ts-expect-error: experiments were not given
void metricsOnly.experiments

// the options of each plugin are checked
// @ts-expect-error: intervalMs is a number
withMetrics({ intervalMs: '10s' })
// @ts-expect-error: urlOverrides is a boolean
withExperiments({ urlOverrides: 'yes' })
// @ts-expect-error: the plugin's options go through its factory, not straight into createAnalytics
createAnalytics({ metrics: { intervalMs: 10_000 } })

// --- the event catalogue still types track() next to the plugins ------------------------------------
const typed = createAnalytics({
  events: { checkout_completed: z.object({ order_value: z.number() }) },
  metrics: withMetrics(),
  experiments: withExperiments(),
})
typed.track('checkout_completed', { order_value: 149.99 })
// @ts-expect-error: order_value must be a number
typed.track('checkout_completed', { order_value: '149.99' })
// @ts-expect-error: order_value is required
typed.track('checkout_completed', {})
expectTypeOf(typed.metrics).toEqualTypeOf<Metrics>()

// --- metricsOf and experimentsOf take any client, typed or not, with or without the option ----------
expectTypeOf(metricsOf(bare)).toEqualTypeOf<Metrics>()
expectTypeOf(experimentsOf(typed)).toEqualTypeOf<Experiments>()
expectTypeOf(bare).toExtend<Analytics>()

// --- the test client follows the same rule ------------------------------------------------------------
const test = createTestAnalytics({ experiments: withExperiments() })
expectTypeOf(test.experiments).toEqualTypeOf<Experiments>()
// @ts-expect-error: no metrics option
void test.metrics
