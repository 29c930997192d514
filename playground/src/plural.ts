/**
 * A count with its noun, singular for exactly one: `plural(1, 'batch', 'batches')` is "1 batch".
 * The plural defaults to the noun plus "s".
 *
 * @example
 * plural(3, 'event') // "3 events"
 */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : nouns}`
}
