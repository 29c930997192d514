import { warnOnce } from '../lib/warn.js'
import type { Middleware } from './createAnalytics.js'
import { jsonSize, jsonSizeBound } from './jsonSafe.js'
import { checkEventName, isEventName, type NamingMode } from './naming.js'
import { createPrivacyFilter, type PrivacyOptions } from './privacy.js'
import { createSampler, type SamplingOptions } from './sampling.js'
import type { StandardSchemaV1 } from './standardSchema.js'
import type { AnalyticsEvent, DropReason, Stage } from './types.js'
import { type ValidationResult, validateProperties } from './validation.js'

/** The options of the stages, as the browser and server clients take them. */
export interface StageOptions {
  events?: Record<string, StandardSchemaV1> | undefined
  unknownEvents?: 'allow' | 'warn' | 'drop' | undefined
  invalidEvents?: 'drop' | 'send' | undefined
  naming?: NamingMode | undefined
  sampling?: SamplingOptions | undefined
  privacy?: PrivacyOptions | false | undefined
  middleware?: Middleware[] | undefined
}

/** Where the stages hand an event on. */
export interface StageHooks {
  /** The event leaves the pipeline at `stage`; `detail` is given in development builds only. */
  stop(event: AnalyticsEvent, reason: DropReason, stage: Stage, detail?: string): void
  /**
   * The event passed every stage: `out` is what the middleware made of it, with the paths the privacy
   * stage changed, whether it was sampled, and the `cut` paths the stages were given with it.
   */
  pass(
    out: AnalyticsEvent,
    redacted: string[],
    hashed: string[],
    sampled: boolean,
    cut: string[] | undefined,
  ): void
  /** Continues with `then` once an asynchronous validator settles (default: `promise.then(then)`). */
  wait?<T>(promise: Promise<T>, then: (value: T) => void | Promise<void>): Promise<void>
}

// the events the kit emits by itself are known to any catalogue
const OWN = new Set(['session_started', 'user_identified', 'experiment_exposed'])

/**
 * The stages an event goes through once built, in the browser and on the server alike: naming, catalogue
 * validation, sampling, privacy, middleware and the `maxEventBytes` bound. Returns the function that runs
 * them on one event (with the property paths the JSON rules cut, handed on to `pass`); it returns a
 * promise only when an asynchronous validator is involved. Throws what a middleware throws.
 */
export function createStages(
  options: StageOptions,
  maxEventBytes: number,
  hooks: StageHooks,
): (event: AnalyticsEvent, cut?: string[]) => void | Promise<void> {
  const sample = createSampler(options.sampling)
  const filterPrivacy = createPrivacyFilter(options.privacy)
  const { events: schemas, naming } = options
  const middleware = options.middleware ?? []
  const { stop, pass } = hooks
  const wait = hooks.wait ?? ((promise, then) => promise.then(then))
  // consecutive events share a context object, so its size bound is taken once
  let boundContext: object | undefined
  let contextBound = 0

  const validated = (event: AnalyticsEvent, cut: string[] | undefined, result?: ValidationResult) => {
    const name = event.event_name
    if (result && !result.ok) {
      const send = options.invalidEvents === 'send'
      let detail: string | undefined
      if (process.env.NODE_ENV !== 'production') {
        detail = result.issues.join('; ')
        warnOnce(
          `invalid:${name}:${detail}`,
          `"${name}" ${send ? `is invalid (${detail}); sent anyway.` : `was dropped: ${detail}`}`,
        )
      }
      if (!send) return stop(event, 'invalid', 'validation', detail)
    }
    const unit =
      options.sampling?.unit === 'session' && event.session_id
        ? event.session_id
        : event.user_id || event.anonymous_id
    const { keep, rate } = sample(name, unit)
    if (!keep)
      return stop(
        event,
        'sampled_out',
        'sampling',
        process.env.NODE_ENV !== 'production' ? `rate ${rate}` : undefined,
      )
    if (rate < 1) {
      event.properties.sampled = true
      event.properties.sample_rate = rate
    }
    const { redacted, hashed } = filterPrivacy(event)
    let out: AnalyticsEvent | null | undefined = event
    for (const fn of middleware) {
      out = fn(out)
      if (!out) return stop(event, 'middleware', 'middleware')
    }
    // middleware may return anything, so only then is the exact size (and serialisability) checked;
    // otherwise an upper bound avoids serialising every event, and the exact size is taken only above it
    const { context, event_name, anonymous_id, session_id, user_id } = out
    if (context !== boundContext) {
      boundContext = context
      contextBound = jsonSizeBound(context)
    }
    // 240 bytes hold the keys, punctuation, message id, timestamp and seq; an id character is at most 6
    const ids = event_name.length + anonymous_id.length + session_id.length + (user_id?.length ?? 0)
    const bound = 240 + 6 * ids + jsonSizeBound(out.properties) + contextBound
    if ((middleware.length || bound > maxEventBytes) && jsonSize(out) > maxEventBytes)
      return stop(
        out,
        'too_large',
        'enqueue',
        process.env.NODE_ENV !== 'production' ? `larger than ${maxEventBytes} bytes` : undefined,
      )
    pass(out, redacted, hashed, rate < 1, cut)
  }

  return (event, cut) => {
    const name = event.event_name
    if (naming !== 'off' && !isEventName(name)) {
      const problem = process.env.NODE_ENV !== 'production' ? checkEventName(name) : undefined
      if (naming === 'strict') return stop(event, 'naming', 'naming', problem)
      if (process.env.NODE_ENV !== 'production') warnOnce(`naming:${name}`, problem!)
    }
    const schema = schemas?.[name]
    if (schemas && !schema && !OWN.has(name)) {
      const message =
        process.env.NODE_ENV !== 'production' ? `"${name}" is not in the event catalogue` : undefined
      if (options.unknownEvents === 'drop') return stop(event, 'unknown_event', 'validation', message)
      if (process.env.NODE_ENV !== 'production' && options.unknownEvents === 'warn')
        warnOnce(`unknown:${name}`, `${message}; it was sent anyway.`)
    }
    if (!schema) return validated(event, cut)
    const result = validateProperties(schema, event.properties)
    return result instanceof Promise
      ? wait(result, (r) => validated(event, cut, r))
      : validated(event, cut, result)
  }
}
