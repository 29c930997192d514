import { warnOnce } from '../lib/warn.js'
import type { Namespace } from './inNamespace.js'

/**
 * Which id an experiment hashes: `'auto'` (default) the user id when identified, else the anonymous id;
 * `'user'` only the user id (anonymous visitors are not in the experiment); `'anonymous'` always the
 * anonymous id (the variant stays the same across login); or a function of both for custom units.
 */
export type ExperimentUnit =
  | 'auto'
  | 'user'
  | 'anonymous'
  | ((ids: { userId: string | null; anonymousId: string }) => string | null | undefined)

/** A plain, typed description of an A/B experiment; see `defineExperiment`. */
export interface ExperimentDefinition<TVariation extends string = string> {
  /** Unique key: the `experiment_key` of exposures, the URL override parameter and the default seed. */
  key: string
  /** Variation names; the first is the control, shown to units not in the experiment. */
  variations: readonly [TVariation, ...TVariation[]]
  /** Share of traffic per variation, summing to 1 (default: equal). */
  weights?: readonly number[]
  /** Share of units included, 0 to 1 (default 1). */
  coverage?: number
  /** Mutual exclusion: only units in this namespace slice are included. */
  namespace?: Namespace
  /** Hashing seed (default: `key`). Change it to re-randomise. */
  seed?: string
  /** GrowthBook hash version (default 2). */
  hashVersion?: 1 | 2
  /** `false` stops the experiment: everyone sees the control and no exposure is tracked (default true). */
  active?: boolean
  /** Which id is hashed to pick the variation (default `'auto'`: the user id when identified, else the anonymous id). */
  unit?: ExperimentUnit
}

/**
 * Why a unit got its variation: hashed into it, forced by a programmatic or URL override, or one of
 * the reasons it is not in the experiment (and sees the control).
 */
export type AssignmentReason =
  | 'hashed'
  | 'override'
  | 'url_override'
  | 'inactive'
  | 'no_unit'
  | 'namespace'
  | 'coverage'
  | 'invalid'
  | 'no_client'

/** The variation a unit sees, from `analytics.experiments.assign`. */
export interface Assignment<TVariation extends string = string> {
  /** The experiment's key. */
  key: string
  /** The variation's name (the control when not in the experiment). */
  variation: TVariation
  /** The variation's index in `variations`. */
  index: number
  /** True when hashed into the experiment or forced by an override. */
  inExperiment: boolean
  /** Why the unit got this variation. */
  reason: AssignmentReason
  /** The id that was hashed, when there was one. Never sent with events. */
  unitId?: string
}

/**
 * Declares an experiment; the variation names become a union type, so `useExperiment` and
 * `assign` return `variation: 'control' | 'treatment'`. Problems are reported once in development.
 *
 * @example
 * export const checkoutFlow = defineExperiment({
 *   key: 'checkout_flow',
 *   variations: ['control', 'one_page'],
 *   weights: [0.5, 0.5],
 * })
 */
export function defineExperiment<const TVariation extends string>(
  definition: ExperimentDefinition<TVariation>,
): ExperimentDefinition<TVariation> {
  if (process.env.NODE_ENV !== 'production') {
    const problem = checkExperiment(definition)
    if (problem) warnOnce(`experiment:${definition?.key}`, problem)
  }
  return definition
}

/** The reason a definition cannot run, or undefined when it is valid. */
export function checkExperiment(definition: ExperimentDefinition): string | undefined {
  const { key, variations, weights } = definition ?? {}
  if (typeof key !== 'string' || !key) return 'an experiment needs a non-empty string key.'
  if (!Array.isArray(variations) || variations.length < 2)
    return `experiment "${key}" needs at least two variations; everyone sees the first.`
  if (new Set(variations).size !== variations.length)
    return `experiment "${key}" has duplicate variation names.`
  if (weights && weights.length !== variations.length)
    return `experiment "${key}" has ${weights.length} weights for ${variations.length} variations; equal weights are used.`
  const total = weights?.reduce((sum, w) => sum + w, 0) ?? 1
  if (total < 0.99 || total > 1.01)
    return `experiment "${key}" has weights summing to ${total}, not 1; equal weights are used.`
  return undefined
}
