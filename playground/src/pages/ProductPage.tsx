import { useState } from 'react'
import { fetchProduct, useRequest } from '../api.js'
import { cart, cartValue, useCart } from '../cart.js'
import { TrackedButton, useTrack } from '../hooks.js'
import { Link } from '../Link.js'
import { ProductArt } from '../ProductArt.js'
import { navigate } from '../router.js'
import { formatPrice, useSettings } from '../settings.js'
import { useTrackOnce } from '../useTrackOnce.js'

/** One product, with a quantity and an add-to-cart button. */
export function ProductPage({ id }: { id: number }) {
  const request = useRequest(String(id), () => fetchProduct(id))
  const lines = useCart()
  const { currency } = useSettings()
  const track = useTrack()
  const [quantity, setQuantity] = useState(1)
  const [added, setAdded] = useState(false)
  const product = request.status === 'done' ? request.data : null

  useTrackOnce(product ? String(product.id) : null, () => {
    if (product)
      track('product_viewed', {
        product_id: product.id,
        product_name: product.name,
        price: product.price,
        category: product.category,
      })
  })

  if (request.status === 'loading') return <p className="hint">Loading…</p>
  if (!product)
    return (
      <div>
        <h1>Product not found</h1>
        <Link href="/">Back to the shop</Link>
      </div>
    )

  return (
    <div className="product-detail">
      <ProductArt product={product} size={220} />
      <div>
        <h1>{product.name}</h1>
        <p className="price" style={{ fontSize: 20 }}>
          {formatPrice(product.price, currency)}
        </p>
        <p className="hint">
          Opening this page sent <code>product_viewed</code>. “Add to cart” sends <code>product_added</code>.
        </p>
        <div className="toolbar">
          <label className="check">
            Quantity
            <select value={quantity} onChange={(e) => setQuantity(Number(e.target.value))}>
              {[1, 2, 3, 4].map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
          <TrackedButton
            type="button"
            className="primary"
            event="product_added"
            properties={{
              product_id: product.id,
              product_name: product.name,
              price: product.price,
              quantity,
              cart_value: cartValue(lines) + product.price * quantity,
            }}
            onClick={() => {
              cart.add(product, quantity)
              setAdded(true)
            }}
          >
            Add to cart
          </TrackedButton>
          {added && (
            <button type="button" onClick={() => navigate('/cart')}>
              Go to cart →
            </button>
          )}
        </div>
        <Link href="/">← Back to the shop</Link>
      </div>
    </div>
  )
}
