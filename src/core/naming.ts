const EVENT_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/
const METRIC_NAME = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*\.[a-z][a-z0-9_]*$/

/** How naming violations are handled: warn in development, drop, or ignore. */
export type NamingMode = 'warn' | 'strict' | 'off'

/** Whether an event name follows the `[object]_[action]` snake_case rule (`checkout_completed`). */
export function isEventName(name: string): boolean {
  return EVENT_NAME.test(name)
}

/**
 * Checks an event name against the `[object]_[action]` snake_case rule (`checkout_completed`).
 * Returns why it is wrong, or undefined when it is fine.
 *
 * @example
 * checkEventName('checkout_completed') // undefined
 * checkEventName('CheckoutCompleted') // 'event names are [object]_[action] in snake_case, …'
 */
export function checkEventName(name: string): string | undefined {
  if (isEventName(name)) return undefined
  return `event names are [object]_[action] in snake_case, like "checkout_completed"; got "${name}"`
}

/**
 * Checks a metric name against `[namespace].[metric].[unit]` (`api.latency.ms`).
 * Returns why it is wrong, or undefined when it is fine.
 */
export function checkMetricName(name: string): string | undefined {
  if (METRIC_NAME.test(name)) return undefined
  return `metric names are [namespace].[metric].[unit] in lower case, like "api.latency.ms"; got "${name}"`
}
