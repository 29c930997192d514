/** Sampling settings. */
export interface SamplingOptions {
  /** Default rate for every event, 0 to 1 (default 1: keep all). */
  rate?: number
  /** Per-event rates, overriding `rate`. */
  events?: Record<string, number>
  /** Sample by user (default) or by session. */
  unit?: 'user' | 'session'
}

/** Decides whether an event is kept: `{ keep, rate }`. */
export function createSampler(
  options: SamplingOptions = {},
): (eventName: string, unitId: string) => { keep: boolean; rate: number } {
  return (eventName) => ({ keep: true, rate: options.events?.[eventName] ?? options.rate ?? 1 })
}
