/** What the page lifecycle reports: leaving or hiding (`exit`), and coming back (`back`). */
export interface PageExitHandlers {
  /**
   * The page was hidden (`visibilitychange` to hidden) or is being unloaded or frozen (`pagehide`,
   * `unloading` true). Mobile browsers often fire only the first, so both are listened to.
   */
  exit(unloading: boolean): void
  /** The page is visible again, or was restored from the back/forward cache (`pageshow` persisted). */
  back(restored: boolean): void
}

/**
 * Listens to the page lifecycle events that precede the loss of a page. Uses no `unload` or
 * `beforeunload` listener, which would keep the page out of the back/forward cache. Returns the
 * function that removes the listeners; a no-op outside browsers.
 */
export function onPageExit(handlers: PageExitHandlers): () => void {
  const g = globalThis as {
    addEventListener?: typeof addEventListener
    removeEventListener?: typeof removeEventListener
    document?: Document
  }
  const doc = g.document
  if (typeof g.addEventListener !== 'function' || !doc) return () => {}
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') handlers.exit(false)
    else handlers.back(false)
  }
  const onPageHide = () => handlers.exit(true)
  const onPageShow = (e: Event) => {
    if ((e as PageTransitionEvent).persisted) handlers.back(true)
  }
  doc.addEventListener('visibilitychange', onVisibility)
  g.addEventListener('pagehide', onPageHide)
  g.addEventListener('pageshow', onPageShow)
  return () => {
    doc.removeEventListener('visibilitychange', onVisibility)
    g.removeEventListener?.('pagehide', onPageHide)
    g.removeEventListener?.('pageshow', onPageShow)
  }
}
