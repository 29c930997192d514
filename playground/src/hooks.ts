import { createAnalyticsHooks } from '../../src/react.js'
import type { analytics } from './analytics.js'

/**
 * The kit's hooks and tracked components typed by the shop's event catalogue: event names complete
 * in the editor and properties are checked against their schemas at compile time.
 */
export const { useTrack, useExposure, usePageView, TrackedButton, TrackedLink, TrackedForm } =
  createAnalyticsHooks<typeof analytics>()
