import { useEffect, useRef, useState } from 'react'
import type { MetricTags, MetricTimer } from '../metrics/createMetrics.js'
import { useLatest } from './useLatest.js'
import { useMetrics } from './useMetrics.js'

/** Options of `useTimer`. */
export interface UseTimerOptions {
  /** Start measuring when the component mounts (default true); otherwise only `start()` starts. */
  startOnMount?: boolean
}

/** What `useTimer` returns; the object and its functions keep their identity across renders. */
export interface TimerControls {
  /** Starts measuring now, discarding a measurement in progress. */
  start(): void
  /** Records the elapsed milliseconds (tags merged with the hook's) and returns them; undefined when not running. */
  stop(tags?: MetricTags): number | undefined
  /** True while a measurement is in progress. */
  running(): boolean
}

/**
 * Measures, in milliseconds, from mount (or from `start()`) to `stop()` (or unmount), and records it in
 * the histogram `name`. React StrictMode's rehearsal unmount does not end the measurement.
 *
 * @example
 * function Checkout() {
 *   const timer = useTimer('checkout.duration.ms', { step: 'payment' })
 *   return <button onClick={() => timer.stop({ outcome: 'paid' })}>Pay</button>
 * }
 */
export function useTimer(name: string, tags?: MetricTags, options: UseTimerOptions = {}): TimerControls {
  const metrics = useMetrics()
  const latest = useLatest({ name, tags, metrics })
  const startOnMount = options.startOnMount !== false
  const state = useRef<{ timer: MetricTimer | undefined; mounted: boolean }>({
    timer: undefined,
    mounted: false,
  })
  const [controls] = useState<TimerControls>(() => ({
    start() {
      const { name, tags, metrics } = latest.current
      state.current.timer = metrics.startTimer(name, tags)
    },
    stop(extra) {
      const timer = state.current.timer
      state.current.timer = undefined
      return timer?.end(extra)
    },
    running: () => state.current.timer !== undefined,
  }))

  // biome-ignore lint/correctness/useExhaustiveDependencies: measures from the first mount only
  useEffect(() => {
    const s = state.current
    s.mounted = true
    if (startOnMount && !s.timer) controls.start()
    return () => {
      s.mounted = false
      // StrictMode unmounts and mounts again synchronously: only a real unmount is still unmounted here
      queueMicrotask(() => {
        if (!s.mounted) controls.stop()
      })
    }
  }, [])

  return controls
}
