import type { Analytics } from '../../src/index.js'

// The shopper's analytics consent, remembered by the shop: the client does not store the decision
// itself, so the shop passes it back as `consent` on every load, as a consent banner would.
const KEY = 'shop:consent'

/** The decision saved on an earlier visit, if any. */
export function storedConsent(): 'granted' | 'denied' | undefined {
  try {
    const saved = localStorage.getItem(KEY)
    return saved === 'granted' || saved === 'denied' ? saved : undefined
  } catch {
    return undefined
  }
}

/** Applies the shopper's decision to `client` and saves it for the next visits. */
export function setConsent(client: Analytics, consent: 'granted' | 'denied'): void {
  client.setConsent(consent)
  save(consent)
}

/**
 * Also saves a decision made elsewhere (the devtools' Grant and Deny buttons call the client directly)
 * when the page is hidden or left, so a reload keeps it too.
 */
export function keepConsent(client: Analytics): void {
  const persist = () => {
    const { consent } = client.getState()
    if (consent === 'granted' || consent === 'denied') save(consent)
  }
  window.addEventListener('pagehide', persist)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') persist()
  })
}

function save(consent: 'granted' | 'denied') {
  try {
    localStorage.setItem(KEY, consent)
  } catch {
    // storage blocked: the decision lasts for this page load only
  }
}
