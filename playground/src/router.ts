import { type MouseEvent, useSyncExternalStore } from 'react'

const listeners = new Set<() => void>()

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

/**
 * Goes to `to` (a path like `/products/3`) without reloading the page.
 * The current query string is kept when `to` has none, so a QA override such as `?checkout_flow=1`
 * holds for the whole visit instead of vanishing at the first click.
 */
export function navigate(to: string): void {
  const target = to.includes('?') ? to : `${to}${window.location.search}`
  if (target === window.location.pathname + window.location.search) return
  window.history.pushState(null, '', target)
  window.scrollTo(0, 0)
  for (const listener of listeners) listener()
}

/** The current path (`/cart`), re-rendering the caller when it changes. */
export function usePath(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => '/',
  )
}

/**
 * Matches `path` against a pattern such as `/products/:id`; returns the named parts, or null.
 *
 * @example
 * matchPath('/products/:id', '/products/3') // { id: '3' }
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = trimSlash(pattern).split('/')
  const got = trimSlash(path).split('/')
  if (want.length !== got.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!
    const g = got[i]!
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(g)
    else if (w !== g) return null
  }
  return params
}

const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p)

/**
 * A click handler for links to pages of this app: plain left clicks navigate in place, while
 * modified clicks (new tab, new window) keep the browser's behaviour.
 */
export function onLinkClick(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0) return
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  event.preventDefault()
  navigate(event.currentTarget.getAttribute('href') ?? '/')
}
