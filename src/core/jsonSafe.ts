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

/** The limits of the `limits` option: those on property values, and the largest event. */
export interface ClientLimits extends JsonLimits {
  /** Largest serialized event in bytes (default 32,768); a larger one is dropped as `too_large`. */
  maxEventBytes: number
}

/**
 * The limits a client applies: each given one that is a number of at least 0, the default otherwise (a
 * limit left undefined, negative or not a number keeps its default rather than switching the check off).
 */
export function resolveLimits(given?: Partial<ClientLimits>): ClientLimits {
  const limits: ClientLimits = {
    maxStringLength: 8_192,
    maxDepth: 10,
    maxItems: 1_000,
    maxEventBytes: 32_768,
  }
  for (const key in limits) {
    const value = given?.[key as keyof ClientLimits]
    if (typeof value === 'number' && value >= 0) limits[key as keyof ClientLimits] = value
  }
  return limits
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
  const result = copyFlat(input, limits) ?? walkFrom(limits, cut)(input, '', '', 0)
  return result && typeof result === 'object' && !Array.isArray(result) ? result : {}
}

// most properties are a flat object of short strings, finite numbers and booleans: copied without a walk
function copyFlat(input: Record<string, unknown>, limits: JsonLimits): Record<string, JsonValue> | undefined {
  try {
    if (Object.getPrototypeOf(input) !== Object.prototype) return
    const out: Record<string, unknown> = {}
    let n = 0
    for (const key in input) {
      const v = input[key]
      const t = typeof v
      if (v === undefined) continue
      if (
        !(t === 'string'
          ? (v as string).length <= limits.maxStringLength
          : t === 'number'
            ? // -0 would come back from JSON as 0
              Number.isFinite(v) && !Object.is(v, -0)
            : t === 'boolean' || v === null) ||
        key === '__proto__' ||
        ++n > limits.maxItems
      )
        return
      out[key] = v
    }
    return out as Record<string, JsonValue>
  } catch {}
}

// a path is only spelled out for what is reported or descended into
const at = (parent: string, key: string | number) => (parent ? `${parent}.${key}` : `${key}`)

// one walk per call, so a getter that tracks another event gets a walk (and cut list) of its own
function walkFrom({ maxStringLength: max, maxDepth, maxItems }: JsonLimits, cut?: string[]) {
  // the objects being walked, to spot a reference to an enclosing one
  const open: object[] = []
  const walk = (
    value: unknown,
    parent: string,
    key: string | number,
    depth: number,
  ): JsonValue | undefined => {
    switch (typeof value) {
      case 'string':
        if (value.length <= max) return value
        cut?.push(at(parent, key))
        // never leave half of a surrogate pair behind
        return value.slice(0, max > 0 && value.charCodeAt(max - 1) >> 10 === 0x36 ? max - 1 : max) + TRUNCATED
      case 'number':
        if (Number.isFinite(value)) return value || 0 // -0 would come back from JSON as 0
        cut?.push(at(parent, key))
        return null
      case 'boolean':
        return value
      case 'bigint':
        return String(value)
      case 'object':
        if (value) break
        return null
      default:
        return undefined
    }
    const path = at(parent, key)
    const lossy = open.includes(value) ? '[Circular]' : depth > maxDepth ? '[Truncated]' : ''
    if (lossy) {
      cut?.push(path)
      return lossy
    }
    open.push(value)
    try {
      if (Array.isArray(value) || value instanceof Set || ArrayBuffer.isView(value)) {
        const list = Array.isArray(value) ? value : Array.from(value as unknown as ArrayLike<unknown>)
        const n = Math.min(list.length, maxItems)
        if (n < list.length) cut?.push(path)
        const out: JsonValue[] = []
        for (let i = 0; i < n; i++) out.push(walk(list[i], path, i, depth + 1) ?? null)
        return out
      }
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
      if (value instanceof RegExp) return String(value)
      const object = value as Record<string, unknown>
      if (typeof object.toJSON === 'function') return walk(object.toJSON(''), parent, key, depth + 1)
      const source = value instanceof Map ? Object.fromEntries(value) : object
      const keys = Object.keys(source)
      if (value instanceof Error) keys.unshift('name', 'message', 'stack')
      const out: Record<string, JsonValue> = {}
      let n = 0
      for (const k of keys) {
        if (n === maxItems) {
          cut?.push(path)
          break
        }
        let v: JsonValue | undefined
        try {
          v = walk(source[k], path, k, depth + 1)
        } catch {
          // a getter that throws
          cut?.push(at(path, k))
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
      cut?.push(path)
      return undefined
    } finally {
      open.pop()
    }
  }
  return walk
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
      const item = (value as Record<string, unknown>)[key]
      if (item !== undefined) n += jsonSizeBound(key) + jsonSizeBound(item) + 2
    }
  return n
}

/** The exact UTF-8 size of `JSON.stringify(value)`; throws where `JSON.stringify` does. */
export function jsonSize(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length
}
