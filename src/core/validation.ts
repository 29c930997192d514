import type { StandardSchemaV1 } from './standardSchema.js'

/** The outcome of validating one event's properties. */
export type ValidationResult = { ok: true; value: unknown } | { ok: false; issues: string[] }

/** Runs a Standard Schema validator; returns a promise only when the validator is asynchronous. */
export function validateProperties(
  schema: StandardSchemaV1,
  value: unknown,
): ValidationResult | Promise<ValidationResult> {
  const result = schema['~standard'].validate(value)
  return result instanceof Promise
    ? result.then(toResult, (e) => ({ ok: false, issues: [String(e)] }))
    : toResult(result)
}

function toResult(result: StandardSchemaV1.Result<unknown>): ValidationResult {
  if (!result.issues) return { ok: true, value: result.value }
  return { ok: false, issues: result.issues.map((i) => i.message) }
}
