// The app `instrumentkit serve` hosts: the whole dashboard, its section in the URL's hash (so a link
// or a reload opens the same view), the read token asked for on a 401 and kept for the tab.
import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { Dashboard } from '../Dashboard.js'

const apiBase =
  document.querySelector<HTMLMetaElement>('meta[name="instrumentkit-api-base"]')?.content || '/api/analytics'

const routeFromHash = () => decodeURI(window.location.hash.replace(/^#\/?/, '')) || 'overview'

function App() {
  const [route, setRoute] = useState(routeFromHash)
  useEffect(() => {
    const onHash = () => setRoute(routeFromHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  useEffect(() => {
    document.title = `${route.split('/')[0]} · instrumentkit dashboard`
  }, [route])
  return (
    <Dashboard
      baseUrl={apiBase}
      tokenStorageKey="instrumentkit:read-token"
      route={route}
      onRouteChange={(next) => {
        window.location.hash = `/${encodeURI(next)}`
      }}
      experiment={{ metric: 'checkout_completed', value: 'order_value' }}
    />
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
