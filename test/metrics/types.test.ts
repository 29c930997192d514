import { afterEach, describe, expectTypeOf, test, vi } from 'vitest'
import { standardEvents } from '../../src/core/catalogue.js'
import {
  createAnalytics,
  instrumentEngagement,
  instrumentErrors,
  instrumentFetch,
  instrumentWebVitals,
  type MetricPoint,
  type Metrics,
  type MetricTimer,
  memoryTransport,
  type toOtlpMetrics,
  withMetrics,
} from '../../src/index.js'
import { type TimerControls, useMetrics, useTimer } from '../../src/react.js'

// compiled by tsc with the rest of the tests: the @ts-expect-error lines prove wrong usage fails

afterEach(() => {
  vi.restoreAllMocks()
})

describe('metrics types', () => {
  test('the metrics API takes names, numbers and flat tags', () => {
    // the wrong calls below also run, and warn
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { metrics } = createAnalytics({
      metrics: withMetrics(),
      transport: memoryTransport(),
      storage: false,
    })
    expectTypeOf(metrics).toEqualTypeOf<Metrics>()
    expectTypeOf(metrics.startTimer('a.b.ms')).toEqualTypeOf<MetricTimer>()
    expectTypeOf(metrics.startTimer('a.b.ms').end()).toEqualTypeOf<number>()
    expectTypeOf(metrics.peek()).toEqualTypeOf<MetricPoint[]>()
    metrics.increment('a.b.count', 1, { page: '/cart', retried: false, attempt: 2, maybe: undefined })
    // @ts-expect-error a value is a number
    metrics.increment('a.b.count', '1')
    // @ts-expect-error a gauge needs a value
    metrics.gauge('a.b.count')
    // @ts-expect-error tag values are flat
    metrics.histogram('a.b.ms', 1, { nested: { deep: true } })
  })

  test('instrumentation accepts a client typed by an event catalogue', () => {
    const typed = createAnalytics({
      metrics: withMetrics(),
      events: standardEvents,
      transport: memoryTransport(),
      storage: false,
    })
    expectTypeOf(instrumentFetch(typed)).toEqualTypeOf<() => void>()
    expectTypeOf(instrumentErrors(typed)).toEqualTypeOf<() => void>()
    expectTypeOf(instrumentWebVitals(typed)).toEqualTypeOf<() => void>()
    expectTypeOf(instrumentEngagement(typed)).toEqualTypeOf<() => void>()
  })

  test('OTLP output and React hooks are typed', () => {
    type Body = ReturnType<typeof toOtlpMetrics>
    type Metric = Body['resourceMetrics'][number]['scopeMetrics'][number]['metrics'][number]
    expectTypeOf<Metric['name']>().toEqualTypeOf<string>()
    expectTypeOf<NonNullable<Metric['sum']>['aggregationTemporality']>().toEqualTypeOf<1>()
    expectTypeOf(useMetrics).returns.toEqualTypeOf<Metrics>()
    expectTypeOf(useTimer).returns.toEqualTypeOf<TimerControls>()
    expectTypeOf<TimerControls['stop']>().returns.toEqualTypeOf<number | undefined>()
  })
})
