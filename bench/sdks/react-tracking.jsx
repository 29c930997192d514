// react-tracking: `trackEvent` from `useTracking`. It sends nothing itself; its `dispatch` hands each
// event to the same minimal batcher as the baseline (JSON.stringify of 100 events, one request).
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { useTracking } from 'react-tracking'
import { defineAdapter } from './defineAdapter.jsx'

const URL = 'https://collector.example.com/batch'
const queue = []
let timer
const send = () => {
  clearTimeout(timer)
  timer = undefined
  while (queue.length > 0) fetch(URL, { method: 'POST', body: JSON.stringify(queue.splice(0, 100)) })
}
const dispatch = (data) => {
  queue.push(data)
  if (queue.length >= 100) send()
  else timer ??= setTimeout(send, 1000)
}

function Wrapper({ children }) {
  const { Track } = useTracking({ page: 'search' }, { dispatch })
  return <Track>{children}</Track>
}

function TrackedButton({ event, properties, children }) {
  const { trackEvent } = useTracking()
  return (
    // biome-ignore lint/a11y/useButtonType: the same element as the plain buttons it is compared with
    <button onClick={() => trackEvent({ event, ...properties })}>{children}</button>
  )
}

function useTrackFn() {
  const { trackEvent } = useTracking()
  return (event, properties) => trackEvent({ event, ...properties })
}

let trackEvent
function Capture() {
  trackEvent = useTracking().trackEvent
  return null
}

defineAdapter({
  async init() {
    const root = createRoot(document.createElement('div'))
    flushSync(() =>
      root.render(
        <Wrapper>
          <Capture />
        </Wrapper>,
      ),
    )
  },
  track: (event, properties) => trackEvent({ event, ...properties }),
  flush: async () => send(),
  react: { Wrapper, TrackedButton, useTrackFn },
})
