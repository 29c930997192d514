// instrumentkit, from src/ (the current code), at its defaults with the fetch transport.
import * as core from '../../src/index.ts'
import * as react from '../../src/react.ts'
import { defineAdapter } from './defineAdapter.jsx'

const URL = 'https://collector.example.com/api/analytics/batch'
// bench/browserBusy.mjs measures a few variants to show what each default costs: the page sets
// `__ikVariant = { transport, client }` (options added to the defaults) before this script runs
const variant = globalThis.__ikVariant ?? {}
const transport = core.fetchTransport({ url: URL, ...variant.transport })
const analytics = core.createAnalytics({ transport, ...variant.client })

defineAdapter({
  init: async () => {},
  track: analytics.track,
  flush: () => analytics.flush(),
  react:
    react.TrackedButton && react.useTrack
      ? {
          Wrapper: ({ children }) => (
            <react.AnalyticsProvider client={analytics}>{children}</react.AnalyticsProvider>
          ),
          TrackedButton: react.TrackedButton,
          TrackedLink: react.TrackedLink,
          TrackedForm: react.TrackedForm,
          useTrackFn: react.useTrack,
        }
      : undefined,
})
