import { Link } from '../Link.js'

/** Any path the shop does not know. */
export function NotFoundPage() {
  return (
    <div>
      <h1>Page not found</h1>
      <Link href="/">Back to the shop</Link>
    </div>
  )
}
