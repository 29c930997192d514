import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AnalyticsDevtools } from '../../src/devtools.js'
import {
  instrumentEngagement,
  instrumentErrors,
  instrumentFetch,
  instrumentWebVitals,
} from '../../src/index.js'
import { AnalyticsProvider } from '../../src/react.js'
import { App } from './App.js'
import { analytics } from './analytics.js'
import { experiments } from './experiments.js'
import './styles.css'

// automatic instrumentation; the collector panel's own polling is not the shop's traffic
instrumentFetch(analytics, { ignore: ['/api/analytics/'] })
instrumentErrors(analytics)
instrumentWebVitals(analytics)
instrumentEngagement(analytics)

// on a wide and tall screen the devtools open docked below the collector panel (styles.css gives the
// right column their width); elsewhere their button opens them over the page
const wide = window.matchMedia('(min-width: 1360px) and (min-height: 1000px)').matches

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AnalyticsProvider client={analytics}>
      <App />
      <AnalyticsDevtools initialOpen={wide} position="bottom-right" experiments={experiments} />
    </AnalyticsProvider>
  </StrictMode>,
)
