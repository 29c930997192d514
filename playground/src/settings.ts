import { useSyncExternalStore } from 'react'

/** The shopper's preferences, shown on the settings page. */
export interface Settings {
  theme: 'light' | 'dark'
  currency: 'USD' | 'EUR'
  newsletter: boolean
}

const KEY = 'shop:settings'
const DEFAULTS: Settings = { theme: 'light', currency: 'USD', newsletter: false }
const listeners = new Set<() => void>()
let current: Settings = load()

function load(): Settings {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY)
    return raw ? { ...DEFAULTS, ...(JSON.parse(raw) as Partial<Settings>) } : DEFAULTS
  } catch {
    return DEFAULTS
  }
}

/** Reads and changes the shopper's preferences (kept in localStorage). */
export const settings = {
  get: () => current,
  set<K extends keyof Settings>(key: K, value: Settings[K]) {
    current = { ...current, [key]: value }
    try {
      localStorage.setItem(KEY, JSON.stringify(current))
    } catch {
      // preferences then last for this page load only
    }
    for (const listener of listeners) listener()
  },
  subscribe(listener: () => void) {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  },
}

/** The shopper's preferences, re-rendering the caller when they change. */
export function useSettings(): Settings {
  return useSyncExternalStore(settings.subscribe, settings.get, () => DEFAULTS)
}

const EUR_PER_USD = 0.92

/** A price in the shopper's currency: the catalogue is in USD. */
export function convert(usd: number, currency: Settings['currency']): number {
  return currency === 'EUR' ? Math.round(usd * EUR_PER_USD * 100) / 100 : usd
}

const formatters = {
  USD: new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }),
  EUR: new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }),
}

/** A price formatted in the shopper's currency. */
export function formatPrice(usd: number, currency: Settings['currency']): string {
  return formatters[currency].format(convert(usd, currency))
}
