// PostHog: posthog-js with its React bindings (PostHogProvider + usePostHog). The client-side rate
// limit is raised so that bursts are delivered rather than discarded.
import posthog from 'posthog-js'
import { PostHogProvider, usePostHog } from 'posthog-js/react'
import { defineAdapter } from './defineAdapter.jsx'

function Wrapper({ children }) {
  return <PostHogProvider client={posthog}>{children}</PostHogProvider>
}

function TrackedButton({ event, properties, children }) {
  const client = usePostHog()
  return (
    // biome-ignore lint/a11y/useButtonType: the same element as the plain buttons it is compared with
    <button onClick={() => client.capture(event, properties)}>{children}</button>
  )
}

function useTrackFn() {
  const client = usePostHog()
  return (event, properties) => client.capture(event, properties)
}

defineAdapter({
  async init() {
    posthog.init('phc_bench', {
      api_host: 'https://us.i.posthog.com',
      rate_limiting: { events_per_second: 1_000_000, events_burst_limit: 1_000_000 },
    })
  },
  track: (name, properties) => posthog.capture(name, properties),
  react: { Wrapper, TrackedButton, useTrackFn },
})
