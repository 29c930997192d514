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

type Holder = Record<string | number, unknown>

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
  { maxStringLength: max, maxDepth, maxItems }: JsonLimits,
  cut?: string[],
): Record<string, JsonValue> {
  // most properties are a flat object of short strings, finite numbers and booleans: copied without a walk
  try {
    if (Object.getPrototypeOf(input) === Object.prototype) {
      const out: Holder = {}
      let n = 0
      for (const key in input) {
        const v = input[key]
        const t = typeof v
        if (v === undefined) continue
        // -0 would come back from JSON as 0
        if (
          !(t === 'string'
            ? (v as string).length <= max
            : t === 'number'
              ? Number.isFinite(v) && !Object.is(v, -0)
              : t === 'boolean' || v === null) ||
          key === '__proto__' ||
          ++n > maxItems
        )
          throw 0
        out[key] = v
      }
      return out as Record<string, JsonValue>
    }
  } catch {}
  // the objects being walked, to spot a reference to an enclosing one; one walk per call, so a getter that
  // tracks another event gets a walk of its own
  const open: unknown[] = []
  const at = (path: string, key: string | number) => (path ? `${path}.${key}` : `${key}`)
  const lose = <T>(path: string, value?: T) => {
    cut?.push(path)
    return value
  }
  const walk = (holder: Holder, key: string | number, path: string, depth: number): JsonValue | undefined => {
    let opened = 0
    try {
      const value = holder[key] as Holder
      switch (typeof value) {
        case 'string': {
          if ((value as unknown as string).length <= max) return value as unknown as string
          // never leave half of a surrogate pair behind
          const end =
            max > 0 && (value as unknown as string).charCodeAt(max - 1) >> 10 === 0x36 ? max - 1 : max
          return lose(path, (value as unknown as string).slice(0, end) + TRUNCATED)
        }
        case 'number':
          // -0 would come back from JSON as 0
          return Number.isFinite(value) ? (value as unknown as number) || 0 : lose(path, null)
        case 'boolean':
          return value as unknown as boolean
        case 'bigint':
          return String(value)
        case 'object':
          if (!value) return null
          if (open.includes(value)) return lose(path, '[Circular]')
          if (depth > maxDepth) return lose(path, '[Truncated]')
          opened = open.push(value)
          if (Array.isArray(value) || value instanceof Set || ArrayBuffer.isView(value)) {
            const list = Array.isArray(value) ? value : Array.from(value as unknown as ArrayLike<unknown>)
            if (list.length > maxItems) lose(path)
            return Array.from(
              { length: Math.min(list.length, maxItems) },
              (_, i) => walk(list as unknown as Holder, i, at(path, i), depth + 1) ?? null,
            )
          }
          if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
          if (value instanceof RegExp) return String(value)
          if (typeof value.toJSON === 'function') return walk({ 0: value.toJSON('') }, 0, path, depth + 1)
          {
            const source = value instanceof Map ? Object.fromEntries(value) : value
            const keys = Object.keys(source)
            if (value instanceof Error) keys.unshift('name', 'message', 'stack')
            const out: Holder = {}
            let n = 0
            for (const k of keys) {
              if (n === maxItems) {
                lose(path)
                break
              }
              const v = walk(source, k, at(path, k), depth + 1)
              if (v === undefined) continue
              n++
              // a plain assignment to "__proto__" would replace the prototype instead of adding a key
              if (k === '__proto__')
                Object.defineProperty(out, k, { value: v, enumerable: true, writable: true })
              else out[k] = v
            }
            return out as Record<string, JsonValue>
          }
      }
    } catch {
      // a getter, revoked proxy, toJSON or trap that throws: the value cannot be read safely
      cut?.push(path)
    } finally {
      if (opened) open.pop()
    }
  }
  const result = walk({ '': input }, '', '', 0)
  return result && typeof result === 'object' && !Array.isArray(result) ? result : {}
}

// printable ASCII without `"` and `\`: JSON writes these characters as they are, one byte each
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/

/**
 * An upper bound of the UTF-8 size of `JSON.stringify(value)`, exact for plain ASCII text and close for
 * typical events, computed without building the string. Each UTF-16 unit of other text is counted as 6
 * bytes (the longest escape), each number as 24.
 */
export function jsonSizeBound(value: unknown): number {
  const t = typeof value
  if (t === 'string') return (PLAIN.test(value as string) ? 1 : 6) * (value as string).length + 2
  if (t === 'number') return 24
  if (t === 'boolean') return 5
  if (t !== 'object') return 0
  if (!value) return 4
  let n = 2
  if (Array.isArray(value)) for (const item of value) n += (jsonSizeBound(item) || 4) + 1
  else
    for (const key in value) {
      const item = (value as Holder)[key]
      if (item !== undefined) n += jsonSizeBound(key) + jsonSizeBound(item) + 2
    }
  return n
}

/** The exact UTF-8 size of `JSON.stringify(value)`; throws where `JSON.stringify` does. */
export function jsonSize(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length
}
