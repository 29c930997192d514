import { warnOnce } from '../lib/warn.js'
import { businessEvents } from './catalogue.js'

/** Sampling settings (docs/client.md, "Sampling"). */
export interface SamplingOptions {
  /** Default rate for every event, from 0 (none) to 1 (all, the default). */
  rate?: number
  /** Per-event rates, overriding `rate`. A rate given here applies even to business-critical events. */
  events?: Record<string, number>
  /** Decide by user (the user id, else the anonymous id; default) or by session. */
  unit?: 'user' | 'session'
  /** More events that are never sampled unless `events` names them; the catalogue's business events always are. */
  critical?: string[]
  /** Mixed into the hash, so that a different seed samples a different set of units (default none). */
  seed?: string
}

/** The decision for one event: keep it or not, and at which rate. */
export interface SampleDecision {
  /** Whether the event is kept. */
  keep: boolean
  /** The rate that applied, from 0 to 1 (1: not sampled). */
  rate: number
}

const KEEP: SampleDecision = Object.freeze({ keep: true, rate: 1 })

/**
 * A deterministic fraction in [0, 1) for a unit id: FNV-1a (32 bit) followed by the MurmurHash3 finaliser,
 * so that similar ids (`user_1`, `user_2`) still spread evenly.
 */
export function unitFraction(id: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32
}

const clamp = (rate: number, name: string): number => {
  if (typeof rate === 'number' && rate >= 0 && rate <= 1) return rate
  if (process.env.NODE_ENV !== 'production')
    warnOnce(`rate:${name}`, `sampling rate for "${name}" must be between 0 and 1; got ${rate}. Keeping all.`)
  return 1
}

/**
 * Creates the sampling stage. The decision depends only on the unit id, never on the event, so a unit is
 * wholly in or out at a given rate and the units kept at a lower rate are a subset of those kept at a
 * higher one: a sampled funnel is never half-recorded. Business-critical events are kept unless
 * `events` gives them a rate of their own.
 */
export function createSampler(
  options: SamplingOptions = {},
): (eventName: string, unitId: string) => SampleDecision {
  const rate = clamp(options.rate ?? 1, 'rate')
  const rates = new Map<string, number>()
  for (const [name, r] of Object.entries(options.events ?? {})) rates.set(name, clamp(r, name))
  const critical = new Set([...businessEvents, ...(options.critical ?? [])])
  const seed = options.seed ?? ''
  let lastUnit: string | undefined
  let lastFraction = 0
  return (eventName, unitId) => {
    const r = rates.get(eventName) ?? (critical.has(eventName) ? 1 : rate)
    if (r >= 1) return KEEP
    if (unitId !== lastUnit) {
      lastUnit = unitId
      lastFraction = unitFraction(seed + unitId)
    }
    return { keep: lastFraction < r, rate: r }
  }
}
