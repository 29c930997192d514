import type { Dialect } from './dialect.js'

/**
 * Per experiment and unit: the first exposure time, the variant (meaningful when `variants` is 1) and how
 * many distinct variants the unit saw. `where` narrows the exposures (a key, a time range).
 */
export function experimentExposuresSql(d: Dialect, where: string): string {
  const key = d.jsonText('properties', 'experiment_key')
  const variation = d.jsonText('properties', 'variation_name')
  return (
    `(SELECT exposed_key AS experiment, person, min(exposed_variation) AS variation, ${d.countDistinct('exposed_variation')} AS variants, ` +
    `min(timestamp_ms) AS exposed_at, max(timestamp_ms) AS last_exposed_at FROM ` +
    `(SELECT person, timestamp_ms, ${key} AS exposed_key, ${variation} AS exposed_variation FROM ` +
    d.people(
      'timestamp_ms, properties',
      `${d.notBot} AND event_name = 'experiment_exposed' AND (${where})`,
      false,
    ) +
    `) WHERE exposed_key <> '' AND exposed_variation <> '' GROUP BY exposed_key, person)`
  )
}
