import type { JsonValue } from './types.js'

/** Limits applied while making properties JSON-safe (docs/client.md, "Property values"). */
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
  // most properties are a flat object of short strings, numbers and booleans: copied without a walk
  const flat = copyFlat(input, limits)
  if (flat) return flat
  // module-level state keeps a call free of closures; a getter may call track() again, so restore it
  const saved = [L, C, base] as const
  L = limits
  C = cut
  base = ancestors.length
  try {
    const result = walk(input, '', '', 0)
    return result && typeof result === 'object' && !Array.isArray(result) ? result : {}
  } finally {
    ancestors.length = base
    ;[L, C, base] = saved
  }
}

// a copy of a plain object whose values JSON keeps as they are, or undefined when anything needs the walk
function copyFlat(input: Record<string, unknown>, limits: JsonLimits): Record<string, JsonValue> | undefined {
  try {
    if (Object.getPrototypeOf(input) !== Object.prototype) return undefined
    const out: Record<string, JsonValue> = {}
    let n = 0
    for (const key in input) {
      const value = input[key]
      switch (typeof value) {
        case 'string':
          if (value.length > limits.maxStringLength) return undefined
          break
        case 'number':
          // -0 would come back from JSON as 0
          if (!Number.isFinite(value) || Object.is(value, -0)) return undefined
          break
        case 'boolean':
          break
        case 'undefined':
          continue
        default:
          if (value !== null) return undefined
      }
      if (key === '__proto__' || ++n > limits.maxItems) return undefined
      out[key] = value as JsonValue
    }
    return out
  } catch {
    return undefined
  }
}

let L: JsonLimits
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
  const type = typeof value
  if (type === 'string') {
    const text = value as string
    let end = L.maxStringLength
    if (text.length <= end) return text
    C?.push(at(parent, key))
    // never leave half of a surrogate pair behind
    if (end > 0 && text.charCodeAt(end - 1) >> 10 === 0x36) end--
    return text.slice(0, end) + TRUNCATED
  }
  if (type === 'number') {
    // -0 would come back from JSON as 0
    if (Number.isFinite(value)) return (value as number) || 0
    C?.push(at(parent, key))
    return null
  }
  if (type === 'boolean') return value as boolean
  if (type === 'bigint') return String(value)
  if (value === null) return null
  if (type !== 'object') return undefined
  const object = value as Record<string, unknown>
  const path = depth ? at(parent, key) : ''
  const lossy =
    ancestors.indexOf(object, base) !== -1 ? '[Circular]' : depth > L.maxDepth ? '[Truncated]' : ''
  if (lossy) {
    C?.push(path)
    return lossy
  }
  ancestors.push(object)
  try {
    if (Array.isArray(object) || object instanceof Set || ArrayBuffer.isView(object)) {
      const array = Array.isArray(object) ? object : Array.from(object as unknown as ArrayLike<unknown>)
      const n = Math.min(array.length, L.maxItems)
      if (n < array.length) C?.push(path)
      const out: JsonValue[] = []
      for (let i = 0; i < n; i++) out.push(walk(array[i], path, i, depth + 1) ?? null)
      return out
    }
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString()
    if (object instanceof RegExp) return String(object)
    if (typeof object.toJSON === 'function') return walk(object.toJSON(''), path, null, depth + 1)
    const source = object instanceof Map ? Object.fromEntries(object) : object
    const keys = Object.keys(source)
    if (object instanceof Error) keys.unshift('name', 'message', 'stack')
    const out: Record<string, JsonValue> = {}
    let n = 0
    for (const k of keys) {
      if (n === L.maxItems) {
        C?.push(path)
        break
      }
      let v: JsonValue | undefined
      try {
        v = walk(source[k], path, k, depth + 1)
      } catch {
        // a getter that throws
        C?.push(at(path, k))
        continue
      }
      if (v === undefined) continue
      n++
      // a plain assignment to "__proto__" would replace the prototype instead of adding a key
      if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true })
      else out[k] = v
    }
    return out
  } catch {
    // a revoked proxy, a throwing toJSON or trap: the value cannot be read safely
    C?.push(path)
    return undefined
  } finally {
    ancestors.pop()
  }
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
