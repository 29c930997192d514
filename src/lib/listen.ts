type Target = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>

/**
 * Listens to `types` on `target` where it can take listeners (a no-op outside browsers) and returns the
 * function that stops listening.
 */
export function listen(target: unknown, types: string, handler: (event: Event) => void): () => void {
  const t = target as Partial<Target> | undefined
  const each = (method: keyof Target) => {
    for (const type of types.split(' ')) t?.[method]?.(type, handler)
  }
  each('addEventListener')
  return () => each('removeEventListener')
}
