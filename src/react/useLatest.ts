import { useInsertionEffect, useRef } from 'react'

/**
 * A ref that always holds the value of the last committed render, for callbacks that must keep their
 * identity yet read current props. Updated in an insertion effect, which runs before any layout or
 * passive effect and does nothing on the server.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value)
  useInsertionEffect(() => {
    ref.current = value
  })
  return ref
}
