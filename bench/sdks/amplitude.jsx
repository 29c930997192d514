// Amplitude: analytics-browser at its defaults.
import * as amplitude from '@amplitude/analytics-browser'
import { defineAdapter } from './defineAdapter.jsx'

defineAdapter({
  init: () => amplitude.init('bench_api_key').promise,
  track: (name, properties) => {
    amplitude.track(name, properties)
  },
  flush: () => amplitude.flush().promise,
})
