import { useSyncExternalStore } from 'react'
import type { Product } from './api.js'

/** One line of the cart. */
export interface CartLine {
  product: Product
  quantity: number
}

const KEY = 'shop:cart'
const listeners = new Set<() => void>()
let lines: CartLine[] = load()

function load(): CartLine[] {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY)
    return raw ? (JSON.parse(raw) as CartLine[]) : []
  } catch {
    return []
  }
}

function save(next: CartLine[]) {
  lines = next
  try {
    localStorage.setItem(KEY, JSON.stringify(next))
  } catch {
    // a full or blocked storage only costs the cart its survival across reloads
  }
  for (const listener of listeners) listener()
}

/** The shop's cart: a tiny store kept in localStorage so a reload keeps it. */
export const cart = {
  lines: () => lines,
  add(product: Product, quantity = 1) {
    const found = lines.find((l) => l.product.id === product.id)
    save(
      found
        ? lines.map((l) => (l === found ? { ...l, quantity: l.quantity + quantity } : l))
        : [...lines, { product, quantity }],
    )
  },
  remove(productId: number) {
    save(lines.filter((l) => l.product.id !== productId))
  },
  clear() {
    save([])
  },
  subscribe(listener: () => void) {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  },
}

/** Total value of the given lines, rounded to cents. */
export function cartValue(of: CartLine[]): number {
  return Math.round(of.reduce((sum, l) => sum + l.product.price * l.quantity, 0) * 100) / 100
}

/** Number of items (not lines) in the given lines. */
export function itemCount(of: CartLine[]): number {
  return of.reduce((n, l) => n + l.quantity, 0)
}

/** The cart's lines, re-rendering the caller when they change. */
export function useCart(): CartLine[] {
  return useSyncExternalStore(cart.subscribe, cart.lines, () => [])
}
