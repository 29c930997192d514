import { createAnalytics } from '../../src/index.js'

/** The playground's one client, shared by every page and feature. */
export const analytics = createAnalytics({
  batch: { intervalMs: 2_000 },
  defaults: { app: 'playground-shop' },
})
