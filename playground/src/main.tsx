import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AnalyticsProvider } from '../../src/react.js'
import { App } from './App.js'
import { analytics } from './analytics.js'
import './styles.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AnalyticsProvider client={analytics}>
      <App />
    </AnalyticsProvider>
  </StrictMode>,
)
