import { expect, onTestFinished, vi } from 'vitest'

/**
 * Collects what the current test writes to `console.warn` (the kit's development warnings) or
 * `console.error` instead of printing it, so a green run prints nothing. With `expected`, the test
 * also fails unless some message matched it by the time the test ended, and, for warnings, unless
 * every one carries the `[instrumentkit]` tag. Returns a function that reads the messages so far.
 */
export function captureWarnings(expected?: RegExp, method: 'warn' | 'error' = 'warn'): () => string[] {
  const messages: string[] = []
  const spy = vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
    messages.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' '))
  })
  onTestFinished(() => {
    spy.mockRestore()
    if (!expected) return
    expect(
      messages.some((m) => expected.test(m)),
      `a console.${method} matching ${expected}`,
    ).toBe(true)
    if (method === 'warn') expect(messages.filter((m) => !m.startsWith('[instrumentkit] '))).toEqual([])
  })
  return () => messages
}
