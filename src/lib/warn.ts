const said = new Set<string>()

/**
 * Prints a development warning tagged `[instrumentkit]`, once per `key`.
 * Callers guard it with `process.env.NODE_ENV !== 'production'` so bundlers remove it from production builds.
 */
export function warnOnce(key: string, message: string, ...details: unknown[]): void {
  if (said.has(key)) return
  said.add(key)
  try {
    console.warn(`[instrumentkit] ${message}`, ...details)
  } catch {
    // a console that throws (some embedded webviews) must not break tracking
  }
}
