import { useEffect, useRef } from 'react'

/**
 * Runs `effect` once per value of `key`: again when the key changes, but not a second time when
 * React StrictMode replays effects or the component re-renders with the same key.
 */
export function useTrackOnce(key: string | null, effect: () => void): void {
  const done = useRef<string | null>(null)
  const latest = useRef(effect)
  latest.current = effect
  useEffect(() => {
    if (key === null || done.current === key) return
    done.current = key
    latest.current()
  }, [key])
}
