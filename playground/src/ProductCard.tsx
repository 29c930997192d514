import { analytics } from './analytics.js'
import type { Product } from './api.js'
import { Link } from './Link.js'
import { ProductArt } from './ProductArt.js'
import { formatPrice, useSettings } from './settings.js'

/** A product in the list; counts as an impression once it has been on screen for a second. */
export function ProductCard({ product, position }: { product: Product; position: number }) {
  const { currency } = useSettings()
  return (
    <Link
      href={`/products/${product.id}`}
      className="card"
      data-testid="product-card"
      onMouseEnter={() => analytics.track('product_card_hovered', { product_id: product.id })}
    >
      <ProductArt product={product} />
      <strong>{product.name}</strong>
      <span className="price">{formatPrice(product.price, currency)}</span>
      <span className="tag">{product.category}</span>
    </Link>
  )
}
