import { type ReactNode, useEffect, useLayoutEffect } from 'react'
import { TrackingScope } from '../../src/react.js'
import { CollectorPanel } from './CollectorPanel.js'
import { itemCount, useCart } from './cart.js'
import { usePageView } from './hooks.js'
import { Link } from './Link.js'
import { CartPage } from './pages/CartPage.js'
import { CheckoutPage } from './pages/CheckoutPage.js'
import { DashboardPage } from './pages/DashboardPage.js'
import { FeaturesPage } from './pages/FeaturesPage.js'
import { LabPage } from './pages/LabPage.js'
import { NotFoundPage } from './pages/NotFoundPage.js'
import { OrderPage } from './pages/OrderPage.js'
import { ProductPage } from './pages/ProductPage.js'
import { SettingsPage } from './pages/SettingsPage.js'
import { ShopPage } from './pages/ShopPage.js'
import { SignupPage } from './pages/SignupPage.js'
import { matchPath, usePath } from './router.js'
import { useSettings } from './settings.js'

interface Route {
  /** Sent as `page` with `page_viewed`: the route, not the path, so product pages group together. */
  name: string
  title: string
  element: ReactNode
}

function resolve(path: string): Route {
  let m = matchPath('/', path)
  if (m) return { name: 'shop', title: 'Shop', element: <ShopPage /> }
  m = matchPath('/products/:id', path)
  if (m) return { name: 'product', title: 'Product', element: <ProductPage id={Number(m.id)} /> }
  if (matchPath('/cart', path)) return { name: 'cart', title: 'Cart', element: <CartPage /> }
  if (matchPath('/checkout', path)) return { name: 'checkout', title: 'Checkout', element: <CheckoutPage /> }
  m = matchPath('/orders/:id', path)
  if (m) return { name: 'order', title: 'Order confirmed', element: <OrderPage orderId={m.id!} /> }
  if (matchPath('/signup', path)) return { name: 'signup', title: 'Sign up', element: <SignupPage /> }
  if (matchPath('/settings', path)) return { name: 'settings', title: 'Settings', element: <SettingsPage /> }
  if (matchPath('/lab', path)) return { name: 'lab', title: 'Failure lab', element: <LabPage /> }
  if (matchPath('/dashboard', path))
    return { name: 'dashboard', title: 'Dashboard', element: <DashboardPage /> }
  if (matchPath('/features', path))
    return { name: 'features', title: 'Kit features', element: <FeaturesPage /> }
  return { name: 'not_found', title: 'Not found', element: <NotFoundPage /> }
}

/**
 * Tracks `page_viewed` on every navigation. It renders before the page, so its effect runs before the
 * page's own effects and the page view comes first in the session, ahead of what happens on the page.
 */
function PageViews({ path, route }: { path: string; route: Route }) {
  // the title must be in place before page_viewed reads it
  useLayoutEffect(() => {
    document.title = `${route.title} · Trailhead playground`
  }, [route.title])
  usePageView({ page: route.name }, [path])
  return null
}

/** The playground shop: a header, the current page, and what the collector received beside it. */
export function App() {
  const path = usePath()
  const route = resolve(path)
  const lines = useCart()
  const { theme } = useSettings()

  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])

  return (
    <>
      <PageViews path={path} route={route} />
      <header className="header">
        <Link href="/" className="logo">
          Trailhead
        </Link>
        <nav aria-label="Shop">
          <Link href="/">Shop</Link>
          <Link href="/cart">Cart ({itemCount(lines)})</Link>
          <Link href="/signup">Sign up</Link>
          <Link href="/settings">Settings</Link>
          <Link href="/lab">Failure lab</Link>
          <Link href="/features">Kit features</Link>
          <Link href="/dashboard">Dashboard</Link>
        </nav>
      </header>
      <p className="intro">
        A demo shop instrumented with <strong>instrumentkit</strong>: browse, add to cart and check out. The
        collector panel shows what the collector stored; the <strong>◈ instrumentkit</strong> button (bottom
        right) opens the devtools, which follow each event inside the browser.
      </p>
      <div className="layout">
        {/* the dashboard brings its own panels and margins */}
        <main className={route.name === 'dashboard' ? 'page flush' : 'page'}>
          {/* every event tracked on the page through the kit's hooks and components says which page */}
          <TrackingScope properties={{ page: route.name }}>{route.element}</TrackingScope>
        </main>
        <aside aria-label="Delivery">
          <CollectorPanel />
        </aside>
      </div>
    </>
  )
}
