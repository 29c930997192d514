import type { Product } from './api.js'
import { useExposure, useTrack } from './hooks.js'
import { Link } from './Link.js'
import { ProductArt } from './ProductArt.js'
import { formatPrice, useSettings } from './settings.js'

/**
 * A product in a list. It counts as an impression (`product_seen`) once half of it has been on
 * screen for a second.
 */
export function ProductCard({
  product,
  position,
  list,
}: {
  product: Product
  position: number
  list: string
}) {
  const { currency } = useSettings()
  const track = useTrack()
  const ref = useExposure(
    'product_seen',
    { product_id: product.id, position, list },
    { threshold: 0.5, minVisibleMs: 1_000 },
  )
  return (
    <Link
      ref={ref}
      href={`/products/${product.id}`}
      className="card"
      data-testid="product-card"
      onMouseEnter={() => track('product_card_hovered', { product_id: product.id })}
    >
      <ProductArt product={product} size={72} />
      <strong>{product.name}</strong>
      <span className="price">{formatPrice(product.price, currency)}</span>
      <span className="tag">{product.category}</span>
    </Link>
  )
}
