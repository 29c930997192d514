import type { Analytics } from '../core/createAnalytics.js'
import { createRateLimiter } from './createRateLimiter.js'
import { metricsOf } from './withMetrics.js'

/** Options of `instrumentErrors`. */
export interface InstrumentErrorsOptions {
  /** Messages to leave out (substring or pattern), e.g. `['ResizeObserver loop']`. */
  ignore?: (string | RegExp)[]
  /** An identical error (same message and origin) is tracked once per this many milliseconds (default 60,000). */
  dedupeMs?: number
  /** `error_occurred` events per minute at most (default 10); every error is still counted in `errors.occurred.count`. */
  maxPerMinute?: number
}

/** Names of the metrics `instrumentErrors` records. */
export const ERROR_METRICS = {
  /** Counter, tag `mechanism` (`onerror` or `onunhandledrejection`): every uncaught error, tracked or not. */
  occurred: 'errors.occurred.count',
  /** Counter, tag `cause` (`duplicate` or `rate_limit`): errors not tracked as events. */
  suppressed: 'errors.suppressed.count',
} as const

const MAX_MESSAGE = 1_000
const MAX_STACK = 4_000
const MAX_FINGERPRINTS = 200
const URL_TOKEN = /[a-z][\w+.-]*:\/\/[^\s()]+/gi
const POSITION = /^(.*?)(:\d+(?::\d+)?)?$/

/** Removes the query string and fragment of every URL in `text` (they may carry tokens), keeping `:line:col`. */
export function stripUrlQueries(text: string): string {
  return text.replace(URL_TOKEN, (token) => {
    const [, url = token, position = ''] = POSITION.exec(token) ?? []
    const cut = url.search(/[?#]/)
    return (cut < 0 ? url : url.slice(0, cut)) + position
  })
}

interface Caught {
  mechanism: 'onerror' | 'onunhandledrejection'
  message: string
  error_name?: string
  source?: string
  line?: number
  column?: number
  stack?: string
}

function describe(value: unknown): { message: string; error_name?: string; stack?: string } {
  if (value instanceof Error || (typeof value === 'object' && value !== null && 'message' in value)) {
    const e = value as Partial<Error>
    return {
      message: String(e.message ?? ''),
      ...(typeof e.name === 'string' && { error_name: e.name }),
      ...(typeof e.stack === 'string' && { stack: e.stack }),
    }
  }
  if (typeof value === 'string') return { message: value }
  try {
    return { message: JSON.stringify(value) ?? String(value) }
  } catch {
    return { message: Object.prototype.toString.call(value) }
  }
}

/**
 * Tracks uncaught errors (`window` `error`) and unhandled promise rejections as `error_occurred`, with
 * `message`, `error_name`, `source`, `line`, `column`, `stack` (URLs without query strings) and
 * `mechanism`. Identical errors are tracked once per `dedupeMs` and all of them at most `maxPerMinute`,
 * so an error loop cannot flood the queue; `errors.occurred.count` still counts every one.
 * Returns the function that removes the listeners.
 *
 * @example
 * const stop = instrumentErrors(analytics, { ignore: ['ResizeObserver loop'] })
 */
export function instrumentErrors(analytics: Analytics, options: InstrumentErrorsOptions = {}): () => void {
  const target = globalThis as {
    addEventListener?: typeof addEventListener
    removeEventListener?: typeof removeEventListener
  }
  if (typeof target.addEventListener !== 'function') return () => {}
  const { internals } = analytics
  const metrics = metricsOf(analytics)
  const dedupeMs = options.dedupeMs ?? 60_000
  const allow = createRateLimiter(
    { perKey: Number.POSITIVE_INFINITY, total: options.maxPerMinute ?? 10, windowMs: 60_000 },
    internals.now,
  )
  const lastSeen = new Map<string, number>()

  const report = (caught: Caught) => {
    try {
      if (
        options.ignore?.some((rule) =>
          typeof rule === 'string' ? caught.message.includes(rule) : rule.test(caught.message),
        )
      )
        return
      metrics.increment(ERROR_METRICS.occurred, 1, { mechanism: caught.mechanism })
      const firstFrame = caught.stack?.split('\n').find((line) => /:\d+/.test(line))
      const fingerprint = `${caught.message}|${caught.source ?? ''}:${caught.line ?? ''}:${caught.column ?? ''}|${firstFrame ?? ''}`
      const now = internals.now()
      const seen = lastSeen.get(fingerprint)
      if (seen !== undefined && now - seen < dedupeMs) {
        metrics.increment(ERROR_METRICS.suppressed, 1, { cause: 'duplicate' })
        return
      }
      if (lastSeen.size >= MAX_FINGERPRINTS) lastSeen.clear()
      lastSeen.set(fingerprint, now)
      if (!allow('error')) {
        metrics.increment(ERROR_METRICS.suppressed, 1, { cause: 'rate_limit' })
        return
      }
      analytics.track('error_occurred', {
        message: stripUrlQueries(caught.message).slice(0, MAX_MESSAGE),
        mechanism: caught.mechanism,
        ...(caught.error_name && { error_name: caught.error_name }),
        ...(caught.source && { source: stripUrlQueries(caught.source) }),
        ...(caught.line && { line: caught.line }),
        ...(caught.column && { column: caught.column }),
        ...(caught.stack && { stack: stripUrlQueries(caught.stack).slice(0, MAX_STACK) }),
      })
    } catch {
      // reporting an error must never raise another
    }
  }

  const onError = (event: ErrorEvent) => {
    const described = event.error != null ? describe(event.error) : { message: String(event.message ?? '') }
    report({
      mechanism: 'onerror',
      ...described,
      message: described.message || String(event.message ?? ''),
      ...(event.filename && { source: event.filename }),
      ...(event.lineno && { line: event.lineno }),
      ...(event.colno && { column: event.colno }),
    })
  }

  const onRejection = (event: PromiseRejectionEvent) => {
    report({ mechanism: 'onunhandledrejection', ...describe(event.reason) })
  }

  target.addEventListener('error', onError as EventListener)
  target.addEventListener('unhandledrejection', onRejection as EventListener)
  return () => {
    target.removeEventListener?.('error', onError as EventListener)
    target.removeEventListener?.('unhandledrejection', onRejection as EventListener)
  }
}
