const ID_SEGMENT = /^(?:\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,})$/i

/**
 * Collapses the ids in a URL path so that it can be a low-cardinality tag: path segments that are
 * numbers, UUIDs or long (16+) hex strings become `:id`.
 *
 * @example
 * collapseEndpoint('/users/42/orders/3f2b9c1e-8a4d-4b7e-9f10-2c3d4e5f6a7b') // '/users/:id/orders/:id'
 */
export function collapseEndpoint(path: string): string {
  return path
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? ':id' : segment))
    .join('/')
}
