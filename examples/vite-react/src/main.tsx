import { AnalyticsProvider } from 'instrumentkit/react'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './index.css'
import App from './App.tsx'
import { analytics } from './analytics.ts'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AnalyticsProvider client={analytics}>
      <App />
    </AnalyticsProvider>
  </StrictMode>,
)
