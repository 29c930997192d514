import { useEffect, useRef, useState } from 'react'
import { categories, fetchProducts, type Product, useRequest } from '../api.js'
import { useTrack } from '../hooks.js'
import { ProductCard } from '../ProductCard.js'

/** The product list, with a search box and category filters. */
export function ShopPage() {
  const [typed, setTyped] = useState('')
  const [query, setQuery] = useState('')
  const [category, setCategory] = useState<string | null>(null)
  const track = useTrack()
  const products = useRequest(`${query}|${category ?? ''}`, () => fetchProducts(query, category))

  // search on a pause in typing, not on every key
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), 350)
    return () => clearTimeout(timer)
  }, [typed])

  const results = products.status === 'done' ? products.data : null
  // one search_performed per search typed, once its results are in; changing the filter is not a new search
  const searched = useRef('')
  useEffect(() => {
    if (!query) searched.current = ''
    if (!query || !results || searched.current === query) return
    searched.current = query
    track('search_performed', { query, results_count: results.length })
  }, [query, results, track])

  const choose = (next: string | null) => {
    setCategory(next)
    track('filter_applied', { filter: 'category', value: next ?? 'all' })
  }

  return (
    <div>
      <h1>Trail and running gear</h1>
      <ol className="callout" style={{ paddingLeft: 32 }}>
        <li>Open a product and add it to the cart.</li>
        <li>Check out: the checkout is an A/B test, so you see one of two flows.</li>
        <li>Watch each step arrive on the right, and open an event to see everything it carries.</li>
      </ol>
      <p className="hint">
        Cards that stay on screen for a second send <code>product_seen</code>; searching sends{' '}
        <code>search_performed</code>, filters <code>filter_applied</code>.
      </p>
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search products"
          placeholder="Search products…"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="button" aria-pressed={category === null} onClick={() => choose(null)}>
          All
        </button>
        {categories.map((c) => (
          <button key={c} type="button" aria-pressed={category === c} onClick={() => choose(c)}>
            {c}
          </button>
        ))}
      </div>
      {products.status === 'loading' && <p className="hint">Loading…</p>}
      {products.status === 'error' && <p className="bad">Could not load products: {products.error}</p>}
      {results && results.length === 0 && <p>No product matches “{query}”.</p>}
      {results && (
        <div className="grid">
          {results.map((product: Product, position) => (
            <ProductCard
              key={product.id}
              product={product}
              position={position}
              list={query ? 'search_results' : (category ?? 'all_products')}
            />
          ))}
        </div>
      )}
    </div>
  )
}
