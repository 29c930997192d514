import { useEffect, useState } from 'react'

/** A product as the playground API serves it. */
export interface Product {
  id: number
  name: string
  price: number
  category: 'shoes' | 'clothing' | 'gear'
}

/** The categories the shop filters by. */
export const categories = ['shoes', 'clothing', 'gear'] as const

/** Reads JSON from the playground API; non-2xx answers become errors that name the status. */
export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init)
  if (!response.ok) throw new Error(`${path} answered ${response.status}`)
  return (await response.json()) as T
}

/** Products matching a search text and an optional category. */
export function fetchProducts(q: string, category: string | null): Promise<Product[]> {
  const params = new URLSearchParams()
  if (q) params.set('q', q)
  if (category) params.set('category', category)
  const query = params.toString()
  return getJson<Product[]>(`/api/products${query ? `?${query}` : ''}`)
}

/** One product by id. */
export function fetchProduct(id: number): Promise<Product> {
  return getJson<Product>(`/api/products/${id}`)
}

/** State of a request made by `useRequest`. */
export type RequestState<T> =
  | { status: 'loading' }
  | { status: 'done'; data: T }
  | { status: 'error'; error: string }

/**
 * Runs `load` whenever `key` changes and returns its state; an answer that arrives after the key
 * changed again is ignored, so fast typing in the search box never shows stale results.
 */
export function useRequest<T>(key: string, load: () => Promise<T>): RequestState<T> {
  const [state, setState] = useState<{ key: string; value: RequestState<T> }>({
    key,
    value: { status: 'loading' },
  })
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names the request; `load` is a fresh closure each render
  useEffect(() => {
    let current = true
    load().then(
      (data) => current && setState({ key, value: { status: 'done', data } }),
      (error: unknown) => current && setState({ key, value: { status: 'error', error: String(error) } }),
    )
    return () => {
      current = false
    }
  }, [key])
  return state.key === key ? state.value : { status: 'loading' }
}
