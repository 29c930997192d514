import type { Product } from './api.js'

const colours: Record<Product['category'], string> = {
  shoes: '#d9673b',
  clothing: '#3b6fd9',
  gear: '#2e9a6b',
}

/** A stand-in picture for a product: its initials on its category's colour. */
export function ProductArt({ product, size = 96 }: { product: Product; size?: number }) {
  const initials = product.name
    .split(' ')
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('')
  return (
    <div
      aria-hidden="true"
      style={{
        height: size,
        borderRadius: 8,
        display: 'grid',
        placeItems: 'center',
        background: colours[product.category],
        color: '#fff',
        fontSize: size / 2.6,
        fontWeight: 700,
        letterSpacing: 1,
      }}
    >
      {initials}
    </div>
  )
}
