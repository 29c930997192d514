import {
  createAnalytics,
  fetchTransport,
  keepIdentityCookie,
  sha256,
  standardEvents,
  withExperiments,
  withMetrics,
} from '../../src/index.js'
import { keepConsent, storedConsent } from './consent.js'
import { shopEvents } from './events.js'

/**
 * The playground's one client, shared by every page and feature. Batches go to the dev server's
 * collector every two seconds (five is the default; shorter here so you see them land).
 */
export const analytics = createAnalytics({
  transport: fetchTransport({ url: '/api/analytics/batch' }),
  // the kit's standard catalogue plus the shop's own Zod schemas: both checked at compile and run time
  events: { ...standardEvents, ...shopEvents },
  // an event missing from the catalogue is still sent, with a warning in the console
  unknownEvents: 'warn',
  batch: { intervalMs: 2_000 },
  defaults: { app: 'playground_shop' },
  // hovering is noisy: keep one visitor in four, decided per visitor so their journey stays whole
  sampling: { events: { product_card_hovered: 0.25 } },
  // the signup email is hashed (SHA-256), not sent in clear; other PII is redacted wherever it appears
  privacy: { hashKeys: ['email'], hash: sha256 },
  // the decision made on the settings page (or in the devtools) on an earlier visit; granted until then
  consent: storedConsent() ?? 'granted',
  // both opt-in: `analytics.metrics` and `analytics.experiments`; `?checkout_flow=1` forces a variation for QA
  metrics: withMetrics(),
  experiments: withExperiments({ urlOverrides: true }),
})

keepConsent(analytics)

// the anonymous id and session also in a cookie, so the shop API's server-side purchase joins them
keepIdentityCookie(analytics)
