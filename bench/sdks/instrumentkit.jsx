// instrumentkit, from src/ (the current code), at its defaults with the fetch transport.
import * as core from '../../src/index.ts'
import * as react from '../../src/react.ts'
import { defineAdapter } from './defineAdapter.jsx'

const URL = 'https://collector.example.com/api/analytics/batch'
const transport = core.fetchTransport
  ? core.fetchTransport({ url: URL })
  : // until fetchTransport exists: the smallest fetch transport, so the rest can be measured
    {
      name: 'fetch',
      async send(batch) {
        const res = await fetch(URL, { method: 'POST', body: JSON.stringify(batch) })
        return { ok: res.ok, status: res.status }
      },
    }
const analytics = core.createAnalytics({ transport })

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
