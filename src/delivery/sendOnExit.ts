/**
 * Hands a body to the browser to deliver while the page goes away: `navigator.sendBeacon`, or `fetch`
 * with `keepalive` where sendBeacon is missing or refuses (it refuses past the 64 KB in-flight quota and
 * in some webviews). The request is CORS-simple — a `text/plain` string body and no custom header — so no
 * preflight has to finish during unload (posthog-js #4139). Returns false when neither could be queued.
 */
export function sendOnExit(url: string, body: string): boolean {
  const nav = (globalThis as { navigator?: Navigator }).navigator
  try {
    if (typeof nav?.sendBeacon === 'function' && nav.sendBeacon(url, body)) return true
  } catch {
    // some embedded browsers throw instead of returning false
  }
  if (typeof fetch !== 'function') return false
  try {
    fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain' } }).catch(
      () => {},
    )
    return true
  } catch {
    return false
  }
}
