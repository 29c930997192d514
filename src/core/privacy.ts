import type { AnalyticsEvent } from './types.js'

/** Privacy settings. */
export interface PrivacyOptions {
  hashKeys?: string[]
  hashUserId?: boolean
}

/** Which property paths the privacy stage changed. */
export interface PrivacyResult {
  redacted: string[]
  hashed: string[]
}

/** Creates the privacy stage: it rewrites the event's properties (and user id) in place. */
export function createPrivacyFilter(_options: PrivacyOptions = {}): (event: AnalyticsEvent) => PrivacyResult {
  return () => ({ redacted: [], hashed: [] })
}
