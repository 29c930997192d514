import { isbot } from 'isbot'
import UAParser from 'ua-parser-js'
import { isObject } from './parseBatch.js'

/** What the collector derives from a user agent and client hints. */
export interface Enrichment {
  /** The browser, e.g. `Chrome`, from the user agent (else the client hints' brand); null when unknown. */
  browser: string | null
  /** The browser's version; null when unknown. */
  browser_version: string | null
  /** The operating system, e.g. `macOS`; null when unknown. */
  os: string | null
  /** Its version; null when unknown. */
  os_version: string | null
  /** The kind of device; `desktop` when nothing says otherwise, `bot` for bots. */
  device_type: 'desktop' | 'mobile' | 'tablet' | 'bot' | 'tv' | 'console' | 'wearable' | 'embedded'
  /** Whether the user agent is a known bot or crawler (isbot). */
  is_bot: boolean
}

const DEVICE: Record<string, Enrichment['device_type']> = {
  mobile: 'mobile',
  tablet: 'tablet',
  smarttv: 'tv',
  console: 'console',
  wearable: 'wearable',
  embedded: 'embedded',
}
// brands browsers put in client hints that name no browser ("Not A;Brand") or only the engine
const FILLER = /not.?a.?brand|^chromium$/i

/**
 * Derives browser, OS and device type from a user agent (ua-parser-js) and the browser's client hints
 * (`navigator.userAgentData`: brands, `mobile`, `platform`), which stay exact where Chromium freezes the
 * user-agent string. Bots are recognised with isbot. Results are cached per distinct input: a site
 * sees few distinct user agents, and parsing one costs far more than a lookup.
 */
export function createEnricher(cacheSize = 2_000): (userAgent: string, hints: unknown) => Enrichment {
  const cache = new Map<string, Enrichment>()
  return (userAgent, hints) => {
    const key = isObject(hints) ? `${userAgent}\u0000${JSON.stringify(hints)}` : userAgent
    let found = cache.get(key)
    if (!found) {
      found = enrich(userAgent, isObject(hints) ? hints : undefined)
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string)
      cache.set(key, found)
    }
    return found
  }
}

function enrich(userAgent: string, hints: Record<string, unknown> | undefined): Enrichment {
  const { browser, os, device } = new UAParser(userAgent).getResult()
  const bot = userAgent !== '' && isbot(userAgent)
  const out: Enrichment = {
    browser: browser.name ?? null,
    browser_version: browser.version ?? null,
    os: os.name ?? null,
    os_version: os.version ?? null,
    device_type: bot ? 'bot' : (DEVICE[device.type ?? ''] ?? 'desktop'),
    is_bot: bot,
  }
  if (!hints) return out
  const brand = Array.isArray(hints.brands)
    ? hints.brands.find(
        (b): b is { brand: string; version: string } =>
          isObject(b) &&
          typeof b.brand === 'string' &&
          typeof b.version === 'string' &&
          !FILLER.test(b.brand),
      )
    : undefined
  if (brand && !out.browser) {
    out.browser = brand.brand
    out.browser_version = brand.version
  }
  if (typeof hints.platform === 'string' && hints.platform && !out.os) out.os = hints.platform
  if (hints.mobile === true && out.device_type === 'desktop') out.device_type = 'mobile'
  return out
}
