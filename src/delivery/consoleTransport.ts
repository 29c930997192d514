import type { Batch, Transport } from './types.js'

/** The console methods `consoleTransport` writes with; any object that has them will do. */
export type ConsoleLike = Pick<Console, 'groupCollapsed' | 'groupEnd' | 'log'>

/**
 * Prints each batch as a collapsed console group — one line per event with its properties, then the
 * metric points — and acknowledges it. For development; the client uses it when no transport is given.
 *
 * @example
 * const analytics = createAnalytics({
 *   transport: import.meta.env.DEV ? consoleTransport() : fetchTransport({ url: '/api/analytics/batch' }),
 * })
 */
export function consoleTransport(options: { console?: ConsoleLike } = {}): Transport {
  const print = (batch: Batch, exit: boolean) => {
    const out = options.console ?? console
    const metrics = batch.metrics?.length ? ` + ${batch.metrics.length} metric points` : ''
    try {
      out.groupCollapsed(
        `[instrumentkit] ${exit ? 'page-exit ' : ''}batch: ${batch.events.length} events${metrics}, sent_at ${batch.sent_at}`,
      )
      for (const e of batch.events)
        out.log(`${e.event_name} #${e.seq}`, e.properties, {
          message_id: e.message_id,
          timestamp: e.timestamp,
          user_id: e.user_id,
          anonymous_id: e.anonymous_id,
          session_id: e.session_id,
          context: e.context,
        })
      for (const m of batch.metrics ?? []) out.log(`${m.type} ${m.name}`, m.tags, m)
      out.groupEnd()
    } catch {
      // a console that throws must not turn into a failed batch
    }
  }
  return {
    name: 'console',
    async send(batch) {
      print(batch, false)
      return { ok: true, status: 200 }
    },
    sendOnExit(batch) {
      print(batch, true)
      return true
    },
  }
}
