import { readIdentity } from 'instrumentkit/server'
import { headers } from 'next/headers'
import { cache } from 'react'

/**
 * The visitor of this request, the same for the layout and the page: the ids of the browser's identity
 * cookie, or on a first visit a new anonymous id, which the browser client then adopts.
 */
export const getVisitor = cache(async () => {
  const fromCookie = readIdentity((await headers()).get('cookie'))
  return fromCookie ?? { anonymousId: crypto.randomUUID() }
})
