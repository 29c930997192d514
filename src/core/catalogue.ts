import type { StandardSchemaV1 } from './standardSchema.js'

type Kinds = { s: string; n: number; b: boolean }
type Field<F extends string> = F extends `${infer K}?:${infer T}`
  ? { [P in K]?: Kinds[T & keyof Kinds] }
  : F extends `${infer K}:${infer T}`
    ? { [P in K]: Kinds[T & keyof Kinds] }
    : unknown
type Fields<S extends string> = S extends `${infer H},${infer R}` ? Field<H> & Fields<R> : Field<S>

/** The properties a spec string describes: `'order_id:s,coupon?:s'` → `{ order_id: string; coupon?: string }`. */
export type SpecProperties<S extends string> = { [K in keyof Fields<S>]: Fields<S>[K] }

const KIND: Record<string, string> = { s: 'string', n: 'number', b: 'boolean' }

/**
 * A tiny Standard Schema validator for event properties, written as a spec string: comma-separated
 * `name:kind` fields, `?` after the name for optional ones, kinds `s` (string), `n` (finite number) and
 * `b` (boolean). Extra properties are allowed (tracking scopes and defaults add them); `null` counts as
 * absent. The spec is also the TypeScript type of `track`'s properties.
 *
 * @example
 * const events = { plan_selected: eventSchema('plan:s,seats?:n') }
 * analytics.track('plan_selected', { plan: 'team' }) // typed: { plan: string; seats?: number }
 */
export function eventSchema<const S extends string>(spec: S): StandardSchemaV1<SpecProperties<S>> {
  let fields: [string, string, boolean][] | undefined
  return {
    '~standard': {
      version: 1,
      vendor: 'instrumentkit',
      validate(value) {
        fields ??= spec
          .split(',')
          .filter(Boolean)
          .map((field) => {
            const [key = '', kind = 's'] = field.split(':')
            const optional = key.endsWith('?')
            return [optional ? key.slice(0, -1) : key, KIND[kind] ?? 'string', optional]
          })
        if (typeof value !== 'object' || value === null || Array.isArray(value))
          return { issues: [{ message: 'expected an object of properties' }] }
        const issues: StandardSchemaV1.Issue[] = []
        for (const [key, type, optional] of fields) {
          const v = (value as Record<string, unknown>)[key]
          if (v == null) {
            if (!optional) issues.push({ message: `required ${type}`, path: [key] })
          } else if (typeof v !== type || (type === 'number' && !Number.isFinite(v)))
            issues.push({ message: `expected ${type}, got ${typeof v}`, path: [key] })
        }
        return issues.length ? { issues } : { value: value as SpecProperties<S> }
      },
    },
  }
}

/**
 * Turns a map of event names to spec strings into a map of validators, for the `events` option.
 *
 * @example
 * const analytics = createAnalytics({ events: { ...standardEvents, ...defineEvents({ plan_selected: 'plan:s' }) } })
 */
export function defineEvents<const T extends Record<string, string>>(
  specs: T,
): { [K in keyof T]: StandardSchemaV1<SpecProperties<T[K]>> } {
  const out: Record<string, StandardSchemaV1> = {}
  for (const name of Object.keys(specs)) out[name] = eventSchema(specs[name]!)
  return out as { [K in keyof T]: StandardSchemaV1<SpecProperties<T[K]>> }
}

/** Business-critical events: never sampled unless `sampling.events` gives them a rate. */
export const businessEvents = [
  'signup_completed',
  'trial_started',
  'subscription_created',
  'payment_succeeded',
  'payment_failed',
  'upgrade_completed',
  'cancellation_requested',
  'purchase_completed',
  'checkout_completed',
] as const

/**
 * The standard events a product team tracks, with the properties each carries, ready for the `events`
 * option as-is or spread into an app's own catalogue. Amounts are in major units (`149.99`) with an
 * ISO 4217 `currency`; durations are `_ms`.
 *
 * @example
 * const analytics = createAnalytics({ events: { ...standardEvents, plan_selected: z.object({ plan: z.string() }) } })
 * analytics.track('checkout_completed', { order_id: 'ord_1', order_value: 149.99, currency: 'USD' })
 */
export const standardEvents = /* @__PURE__ */ defineEvents({
  // user actions
  /** A page was shown: `analytics.page()` and `usePageView` track it. */
  page_viewed: 'path?:s,url?:s,title?:s,referrer?:s',
  /** A button was clicked. */
  button_clicked: 'label:s,location?:s',
  /** A link was followed; `external` when it leaves the site. */
  link_clicked: 'url:s,label?:s,external?:b',
  /** The user began filling in a form. */
  form_started: 'form_name?:s',
  /** A form was submitted, with the time since it was started and whether it succeeded. */
  form_submitted: 'form_name?:s,duration_ms?:n,success?:b',
  /** A search ran, with how many results it found. */
  search_performed: 'query:s,results_count?:n',
  /** A filter was applied to a list or report. */
  filter_applied: 'filter:s,value?:s',
  // feature usage
  /** A feature was opened or used. */
  feature_accessed: 'feature:s',
  /** A setting was changed. */
  setting_changed: 'setting:s,value?:s',
  /** An export was started. */
  export_initiated: 'format:s,rows?:n',
  /** An import finished. */
  import_completed: 'rows:n,format?:s',
  /** A report was generated. */
  report_generated: 'report:s,duration_ms?:n',
  // business
  /** An account was created. */
  signup_completed: 'method:s,plan?:s',
  /** A trial began. */
  trial_started: 'plan:s,trial_days?:n',
  /** A subscription was created: `value` per `interval` in `currency`. */
  subscription_created: 'plan:s,value:n,currency:s,interval?:s',
  /** A payment went through. */
  payment_succeeded: 'amount:n,currency:s,payment_id?:s',
  /** A payment was refused, with the reason when known. */
  payment_failed: 'amount:n,currency:s,reason?:s,payment_id?:s',
  /** A plan was upgraded. */
  upgrade_completed: 'from_plan:s,to_plan:s,value?:n,currency?:s',
  /** The user asked to cancel a plan. */
  cancellation_requested: 'plan:s,reason?:s',
  /** A purchase was completed. */
  purchase_completed: 'order_id:s,order_value:n,currency:s',
  /** A checkout was completed; the dashboard's default conversion event, with `order_value` as revenue. */
  checkout_completed: 'order_id:s,order_value:n,currency:s',
  // system
  /** An error reached the app: `instrumentErrors` and `AnalyticsErrorBoundary` track it. */
  error_occurred: 'message:s,error_name?:s,source?:s,stack?:s,component_stack?:s',
  /** A request was aborted or timed out: `instrumentFetch` tracks it. */
  timeout_detected: 'endpoint:s,timeout_ms?:n',
  /** A request failed (network error or 5xx): `instrumentFetch` tracks it. */
  api_call_failed: 'endpoint:s,method?:s,status?:n,error?:s',
  /** A request was answered 429: `instrumentFetch` tracks it. */
  rate_limit_exceeded: 'endpoint:s,retry_after_ms?:n',
  // experiments
  /** A user was shown a variation of an experiment: the experiments module tracks it. */
  experiment_exposed: 'experiment_key:s,variation_name:s,variation_index?:n',
})
