import type { JsonValue } from './types.js'

/** Limits applied while making properties JSON-safe. */
export interface JsonLimits {
  maxStringLength: number
  maxDepth: number
}

/** Converts arbitrary properties to JSON-safe values. */
export function toJsonSafe(value: Record<string, unknown>, _limits: JsonLimits): Record<string, JsonValue> {
  try {
    return JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>
  } catch {
    return {}
  }
}
