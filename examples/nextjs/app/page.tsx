import Link from 'next/link'
import { checkoutButton } from '@/lib/experiments'
import { analytics } from '@/lib/server'
import { getVisitor } from '@/lib/visitor'
import { subscribeToNewsletter } from './actions'
import { CheckoutButton } from './CheckoutButton'

export default async function Home() {
  // the variation the browser computes for the same id: what the server renders is what stays, no flicker
  const { variation } = analytics.experiments.assign(checkoutButton, await getVisitor())
  return (
    <main>
      <h1>Shop</h1>
      <CheckoutButton serverVariation={variation} />
      <form action={subscribeToNewsletter}>
        <input type="hidden" name="plan" value="weekly" />
        <button type="submit">Subscribe</button>
      </form>
      <Link href="/about">About</Link>
    </main>
  )
}
