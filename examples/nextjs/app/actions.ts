'use server'

import { readIdentity } from 'instrumentkit/server'
import { headers } from 'next/headers'
import { analytics } from '@/lib/server'

/** A server action that tracks server-side, for the visitor whose browser called it. */
export async function subscribeToNewsletter(formData: FormData): Promise<void> {
  const visitor = readIdentity((await headers()).get('cookie'))
  const plan = String(formData.get('plan') ?? 'weekly')
  if (visitor) analytics.track('newsletter_subscribed', { plan }, visitor)
  await analytics.flush()
}
