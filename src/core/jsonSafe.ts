import type { JsonValue } from './types.js'

/** Limits applied while making properties JSON-safe (README: "Property values"). */
export interface JsonLimits {
  /** Longer strings are cut to this many characters and end with `…[truncated]` (default 8,192). */
  maxStringLength: number
  /** Objects and arrays nested deeper are replaced by `"[Truncated]"` (default 10). */
  maxDepth: number
  /** Entries kept per object, array, Map or Set; the rest are left out (default 1,000). */
  maxItems: number
}

/** Appended to a string cut at `maxStringLength`. */
export const TRUNCATED = '…[truncated]'

/**
 * Converts arbitrary values to ones `JSON.stringify` keeps unchanged, without ever throwing:
 * Date → ISO string (invalid → null), NaN and ±Infinity → null, BigInt → string, functions, symbols and
 * `undefined` left out (null inside arrays), Map → object, Set and typed arrays → arrays, Error →
 * `{ name, message, stack }`, RegExp → its source, `toJSON()` honoured, a reference to an enclosing object →
 * `"[Circular]"`, getters or proxies that throw → left out, over-long strings, deep nesting and large
 * collections cut by `limits`. The path of every lossy change is pushed to `cut` (like `order.items.3`).
 */
export function toJsonSafe(
  input: Record<string, unknown>,
  limits: JsonLimits,
  cut?: string[],
): Record<string, JsonValue> {
  // module-level state keeps a call free of closures; a getter may call track() again, so restore it
  const saved = [L, C, base] as const
  L = limits
  C = cut
  base = ancestors.length
  try {
    const result = walk(input, '', '', 0)
    return result !== null && typeof result === 'object' && !Array.isArray(result) ? result : {}
  } finally {
    ;[L, C, base] = saved
    ancestors.length = base
  }
}

let L: JsonLimits = { maxStringLength: 0, maxDepth: 0, maxItems: 0 }
let C: string[] | undefined
let base = 0
const ancestors: object[] = []

// paths are only spelled out for what is reported or descended into
// a null key stands for the parent itself (the value a toJSON() returned)
const at = (parent: string, key: string | number | null) =>
  key === null ? parent : parent ? `${parent}.${key}` : String(key)

function walk(
  value: unknown,
  parent: string,
  key: string | number | null,
  depth: number,
): JsonValue | undefined {
  switch (typeof value) {
    case 'string': {
      if (value.length <= L.maxStringLength) return value
      C?.push(at(parent, key))
      let end = L.maxStringLength
      // never leave half of a surrogate pair behind
      if (end > 0 && value.charCodeAt(end - 1) >> 10 === 0x36) end--
      return value.slice(0, end) + TRUNCATED
    }
    case 'number':
      // -0 would come back from JSON as 0
      if (Number.isFinite(value)) return value || 0
      C?.push(at(parent, key))
      return null
    case 'boolean':
      return value
    case 'bigint':
      return value.toString()
    case 'object':
      if (value === null) return null
      break
    default:
      return undefined
  }
  const path = depth ? at(parent, key) : ''
  if (ancestors.indexOf(value, base) !== -1) {
    C?.push(path)
    return '[Circular]'
  }
  if (depth > L.maxDepth) {
    C?.push(path)
    return '[Truncated]'
  }
  ancestors.push(value)
  try {
    return walkObject(value, path, depth)
  } catch {
    // a revoked proxy, a throwing toJSON or trap: the value cannot be read safely
    C?.push(path)
    return undefined
  } finally {
    ancestors.pop()
  }
}

function list(items: ArrayLike<unknown> | Iterable<unknown>, path: string, depth: number): JsonValue[] {
  const out: JsonValue[] = []
  const array = Array.isArray(items) ? items : Array.from(items)
  const n = Math.min(array.length, L.maxItems)
  if (n < array.length) C?.push(path)
  for (let i = 0; i < n; i++) out.push(walk(array[i], path, i, depth + 1) ?? null)
  return out
}

function walkObject(value: object, path: string, depth: number): JsonValue | undefined {
  if (Array.isArray(value) || value instanceof Set || ArrayBuffer.isView(value))
    return list(value as ArrayLike<unknown>, path, depth)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (value instanceof RegExp) return String(value)
  const toJSON = (value as { toJSON?: unknown }).toJSON
  if (typeof toJSON === 'function') return walk(toJSON.call(value, ''), path, null, depth + 1)
  const out: Record<string, JsonValue> = {}
  let n = 0
  const source = (value instanceof Map ? Object.fromEntries(value) : value) as Record<string, unknown>
  const keys = Object.keys(source)
  if (value instanceof Error) keys.unshift('name', 'message', 'stack')
  for (const key of keys) {
    if (n === L.maxItems) {
      C?.push(path)
      break
    }
    let raw: unknown
    try {
      raw = source[key]
    } catch {
      // a getter that throws
      C?.push(at(path, key))
      continue
    }
    const v = walk(raw, path, key, depth + 1)
    if (v === undefined) continue
    n++
    // a plain assignment to "__proto__" would replace the prototype instead of adding a key
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true })
    else out[key] = v
  }
  return out
}

// printable ASCII without `"` and `\`: JSON writes these characters as they are, one byte each
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/

/**
 * An upper bound of the UTF-8 size of `JSON.stringify(value)`, exact for plain ASCII text and close for
 * typical events, computed without building the string. Each UTF-16 unit of other text is counted as 6
 * bytes (the longest escape), each number as 24.
 */
export function jsonSizeBound(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return (PLAIN.test(value) ? value.length : value.length * 6) + 2
    case 'number':
      return 24
    case 'boolean':
      return 5
    case 'object': {
      if (value === null) return 4
      let n = 2
      if (Array.isArray(value)) for (const item of value) n += (jsonSizeBound(item) || 4) + 1
      else
        for (const key in value) {
          const item = (value as Record<string, unknown>)[key]
          if (item !== undefined) n += jsonSizeBound(key) + jsonSizeBound(item) + 2
        }
      return n
    }
    default:
      return 0
  }
}

/** The exact UTF-8 size of `JSON.stringify(value)`; throws where `JSON.stringify` does. */
export function jsonSize(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length
}
