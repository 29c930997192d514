import { useEffect, useState } from 'react'

/**
 * How the playground's collector answers (`ok`, `down`, `error_503`…), read from the dev server when
 * the caller mounts, so a button shows the mode really in force, and a setter that changes it there.
 */
export function useCollectorMode(): [mode: string | null, choose: (next: string) => Promise<void>] {
  const [mode, setMode] = useState<string | null>(null)
  useEffect(() => {
    let stopped = false
    fetch('/api/analytics/received')
      .then((response) => response.json() as Promise<{ mode?: string }>)
      .then((body) => {
        if (!stopped && typeof body.mode === 'string') setMode((shown) => shown ?? body.mode ?? null)
      })
      .catch(() => {
        // the collector panel says when the dev server cannot be reached
      })
    return () => {
      stopped = true
    }
  }, [])
  const choose = async (next: string) => {
    setMode(next)
    await fetch('/api/analytics/mode', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: next }),
    })
  }
  return [mode, choose]
}
