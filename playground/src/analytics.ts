import { createAnalytics } from '../../src/index.js'
import { shopEvents } from './events.js'

/** The playground's one client, shared by every page and feature. */
export const analytics = createAnalytics({
  events: shopEvents,
  batch: { intervalMs: 2_000 },
  defaults: { app: 'playground-shop' },
  sampling: { events: { product_card_hovered: 0.25 } },
  privacy: { hashKeys: ['email'] },
  experiments: { urlOverrides: true },
})
