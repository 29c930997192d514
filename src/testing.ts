/**
 * A client for your own tests that runs the real pipeline and records what it would send.
 *
 * @module instrumentkit/testing
 */
import {
  type Analytics,
  type AnalyticsOptions,
  type AnalyticsPlugin,
  createAnalytics,
  type EventSchemas,
  type InstalledPlugins,
} from './core/createAnalytics.js'
import type { AnalyticsEvent, PipelineOutcome } from './core/types.js'
import { memoryTransport } from './delivery/memoryTransport.js'
import type { Experiments } from './experiments/createExperiments.js'
import type { Metrics } from './metrics/createMetrics.js'

/** A real client whose transport records instead of sending, with helpers for assertions. */
export interface TestAnalytics<TEvents extends EventSchemas = EventSchemas> extends Analytics<TEvents> {
  /** Every event that passed the pipeline, in order, as it would have been sent. */
  readonly events: AnalyticsEvent[]
  /** Every pipeline outcome, including drops and their reasons. */
  readonly outcomes: PipelineOutcome[]
  /** Events with this name. */
  eventsNamed(name: string): AnalyticsEvent[]
  /** The last event with this name, if any. */
  lastEvent(name?: string): AnalyticsEvent | undefined
  /** Drops with their reasons. */
  readonly dropped: Extract<PipelineOutcome, { type: 'dropped' }>[]
  /** Forgets everything recorded so far. */
  clear(): void
}

/**
 * Creates a client for your own tests: the full pipeline runs (naming, validation, sampling,
 * privacy, middleware), but events are recorded in memory the moment they are queued, no storage
 * is touched and no timers are needed to see them. Metrics and experiments are there when given, as with
 * `createAnalytics` (`metrics: withMetrics()`, `experiments: withExperiments()`).
 *
 * @example
 * const analytics = createTestAnalytics()
 * render(<AnalyticsProvider client={analytics}><Checkout /></AnalyticsProvider>)
 * await user.click(screen.getByText('Pay'))
 * expect(analytics.lastEvent('checkout_completed')?.properties.order_value).toBe(149.99)
 */
export function createTestAnalytics<
  const TEvents extends EventSchemas = EventSchemas,
  TMetrics extends AnalyticsPlugin<Metrics> | undefined = undefined,
  TExperiments extends AnalyticsPlugin<Experiments> | undefined = undefined,
>(
  options: AnalyticsOptions<TEvents> & {
    /** Metrics, opt-in: `withMetrics()` gives the client `analytics.metrics`. */
    metrics?: TMetrics
    /** Experiments, opt-in: `withExperiments()` gives the client `analytics.experiments`. */
    experiments?: TExperiments
  } = {},
): TestAnalytics<TEvents> & InstalledPlugins<TMetrics, TExperiments> {
  const client = createAnalytics({ storage: false, transport: memoryTransport(), ...options })
  const events: AnalyticsEvent[] = []
  const outcomes: PipelineOutcome[] = []
  const dropped: Extract<PipelineOutcome, { type: 'dropped' }>[] = []
  client.subscribe((outcome) => {
    outcomes.push(outcome)
    if (outcome.type === 'queued') events.push(outcome.event)
    if (outcome.type === 'dropped') dropped.push(outcome)
  })
  return Object.assign(client as Analytics<TEvents> & InstalledPlugins<TMetrics, TExperiments>, {
    events,
    outcomes,
    dropped,
    eventsNamed: (name: string) => events.filter((e) => e.event_name === name),
    lastEvent: (name?: string) => {
      for (let i = events.length - 1; i >= 0; i--)
        if (name === undefined || events[i]!.event_name === name) return events[i]
      return undefined
    },
    clear() {
      events.length = 0
      outcomes.length = 0
      dropped.length = 0
    },
  })
}
