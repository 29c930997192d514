import type { Assignment, AssignmentReason, ExperimentDefinition } from './defineExperiment.js'
import { chooseVariation, getBucketRanges } from './getBucketRanges.js'
import { getQueryStringOverride } from './getQueryStringOverride.js'
import { hash } from './hash.js'
import { inNamespace } from './inNamespace.js'

// one object per definition and reason: useSyncExternalStore needs a stable snapshot, even for a broken
// definition written inline in a component
const controls = new Map<string, Assignment>()

/**
 * The control (the first variation) of `definition` for a unit left out of it because the definition is
 * broken (`invalid`) or there is no client (`no_client`). The same object every time for the same
 * definition and reason; reads a malformed definition without throwing.
 */
export function controlOf<TVariation extends string>(
  definition: ExperimentDefinition<TVariation>,
  reason: 'invalid' | 'no_client',
): Assignment<TVariation> {
  const key = String(definition?.key)
  const variation = String(definition?.variations?.[0] ?? '')
  const id = `${reason}\n${key}\n${variation}`
  let a = controls.get(id)
  if (!a) {
    a = { key, variation, index: 0, inExperiment: false, reason }
    controls.set(id, a)
  }
  return a as Assignment<TVariation>
}

/** The ids an experiment may hash. */
export interface ExperimentUnitIds {
  userId: string | null
  anonymousId: string
}

/** The id `definition` hashes for these ids (see `ExperimentUnit`), or undefined when it has none. */
export function experimentUnit(definition: ExperimentDefinition, ids: ExperimentUnitIds): string | undefined {
  const { unit } = definition
  const id =
    typeof unit === 'function'
      ? unit({ ...ids })
      : unit === 'user'
        ? ids.userId
        : unit === 'anonymous'
          ? ids.anonymousId
          : ids.userId || ids.anonymousId
  return id ? String(id) : undefined
}

/**
 * The variation `unitId` sees in `definition`: a programmatic override (index or name) first, then a
 * `?<key>=<index>` override in `url`, then GrowthBook-compatible hashing with namespace and coverage.
 * Pure and deterministic, so the browser and the server give a unit the same variation.
 */
export function assignVariation(
  definition: ExperimentDefinition,
  unitId: string | undefined,
  options: { override?: number | string | undefined; url?: string } = {},
): Assignment {
  const { key, variations } = definition
  const n = Array.isArray(variations) ? variations.length : 0
  // in the experiment with a variation `index`, or left out (`index` undefined) with the control;
  // `hashed` when the unit was hashed (its id is then part of the assignment)
  const result = (reason: AssignmentReason, hashed?: boolean, index?: number): Assignment => ({
    key,
    variation: String(variations?.[index ?? 0] ?? ''),
    index: index ?? 0,
    inExperiment: index !== undefined,
    reason,
    ...(hashed && { unitId }),
  })
  if (typeof key !== 'string' || !key || n < 2) return result('invalid')
  const forced = options.override
  const forcedIndex = typeof forced === 'string' ? variations.indexOf(forced) : (forced ?? -1)
  if (Number.isInteger(forcedIndex) && forcedIndex >= 0 && forcedIndex < n)
    return result('override', false, forcedIndex)
  const fromUrl = options.url ? getQueryStringOverride(key, options.url, n) : null
  if (fromUrl !== null) return result('url_override', false, fromUrl)
  if (definition.active === false) return result('inactive')
  if (unitId === undefined) return result('no_unit')
  if (definition.namespace && !inNamespace(unitId, definition.namespace)) return result('namespace', true)
  const h = hash(definition.seed ?? key, unitId, definition.hashVersion ?? 2)
  if (h === null) return result('invalid', true)
  const index = chooseVariation(h, getBucketRanges(n, definition.coverage ?? 1, definition.weights))
  return index < 0 ? result('coverage', true) : result('hashed', true, index)
}
