'use client'

import { createAnalytics, fetchTransport, keepIdentityCookie, withExperiments } from 'instrumentkit'
import { AnalyticsProvider, usePageView } from 'instrumentkit/react'
import { usePathname, useSearchParams } from 'next/navigation'
import { type ReactNode, Suspense, useState } from 'react'

/** The client, made once in the browser with the ids the server rendered with. */
export function Providers({ anonymousId, children }: { anonymousId: string; children: ReactNode }) {
  const [analytics] = useState(() => {
    const client = createAnalytics({
      transport: fetchTransport({ url: '/api/analytics/batch' }),
      // the server assigned experiments with this id: the browser adopts it, so both agree on the unit
      anonymousId,
      experiments: withExperiments(),
    })
    // and keeps it, with the session id, in the cookie the server reads with readIdentity()
    keepIdentityCookie(client)
    return client
  })
  return (
    <AnalyticsProvider client={analytics}>
      <Suspense>
        <PageViews />
      </Suspense>
      {children}
    </AnalyticsProvider>
  )
}

/** A page view on the first render and on every client-side route change. */
function PageViews() {
  const pathname = usePathname()
  const search = useSearchParams().toString()
  usePageView(undefined, [pathname, search])
  return null
}
