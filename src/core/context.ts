import type { EventContext } from './types.js'

export const LIBRARY = { name: 'instrumentkit', version: '0.1.0' } as const

/** Returns a function that reads the current context; static parts are computed once. */
export function createContextCollector(extra?: Partial<EventContext>): () => EventContext {
  return () => ({ ...extra, library: LIBRARY })
}
