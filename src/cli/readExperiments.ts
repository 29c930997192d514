import { readFileSync } from 'node:fs'
import type { ReportedExperiment } from '../server/reports/reportContext.js'

/**
 * Reads the experiment definitions `serve --experiments <file>` is given: a JSON array of
 * `{ key, variations, weights?, active?, plannedDays? }`, the same shape `defineExperiment` takes.
 * Throws an Error naming the file and the entry that is wrong.
 */
export function readExperiments(file: string): ReportedExperiment[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`--experiments ${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!Array.isArray(parsed)) throw new Error(`--experiments ${file}: expected a JSON array of experiments`)
  return parsed.map((entry: unknown, i) => {
    const where = `--experiments ${file}: [${i}]`
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where}: expected an object`)
    const { key, variations, weights, active, plannedDays } = entry as Record<string, unknown>
    if (typeof key !== 'string' || !key) throw new Error(`${where}.key: expected a non-empty string`)
    if (
      !Array.isArray(variations) ||
      variations.length < 2 ||
      !variations.every((v) => typeof v === 'string')
    )
      throw new Error(`${where}.variations: expected at least two variation names`)
    if (
      weights !== undefined &&
      !(
        Array.isArray(weights) &&
        weights.length === variations.length &&
        weights.every((w) => typeof w === 'number')
      )
    )
      throw new Error(`${where}.weights: expected one number per variation`)
    if (plannedDays !== undefined && !(Number.isInteger(plannedDays) && (plannedDays as number) > 0))
      throw new Error(`${where}.plannedDays: expected a whole number of days`)
    return {
      key,
      variations: variations as [string, ...string[]],
      ...(weights !== undefined && { weights: weights as number[] }),
      ...(typeof active === 'boolean' && { active }),
      ...(plannedDays !== undefined && { plannedDays: plannedDays as number }),
    }
  })
}
