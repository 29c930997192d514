import type { StandardSchemaV1 } from './standardSchema.js'

/** The outcome of validating one event's properties; each issue reads `path: message`. */
export type ValidationResult = { ok: true; value: unknown } | { ok: false; issues: string[] }

/**
 * Runs a Standard Schema validator (Zod, Valibot, ArkType, `eventSchema`…) on an event's properties.
 * Returns a promise only when the validator is asynchronous; a validator that throws or rejects gives
 * an invalid result rather than an exception.
 */
export function validateProperties(
  schema: StandardSchemaV1,
  value: unknown,
): ValidationResult | Promise<ValidationResult> {
  try {
    const result = schema['~standard'].validate(value)
    if (typeof (result as PromiseLike<unknown>).then === 'function')
      return Promise.resolve(result).then(toResult).catch(threw)
    return toResult(result as StandardSchemaV1.Result<unknown>)
  } catch (error) {
    return threw(error)
  }
}

const threw = (error: unknown): ValidationResult => ({
  ok: false,
  issues: [`the validator threw: ${String(error)}`],
})

function toResult(result: StandardSchemaV1.Result<unknown>): ValidationResult {
  if (!result.issues) return { ok: true, value: result.value }
  return {
    ok: false,
    issues: result.issues.map((issue) => {
      const path = (issue.path ?? [])
        .map((segment) => String(typeof segment === 'object' ? segment.key : segment))
        .join('.')
      return path ? `${path}: ${issue.message}` : issue.message
    }),
  }
}
