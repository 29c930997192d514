import fc from 'fast-check'
import { describe, expect, it, onTestFinished } from 'vitest'
import { memoryTransport } from '../../src/index.js'
import { createTestAnalytics } from '../../src/testing.js'
import { captureWarnings } from '../support/captureWarnings.js'

type Hostility =
  | 'cycle'
  | 'getter'
  | 'proxy'
  | 'revoked'
  | 'toJSON'
  | 'function'
  | 'symbolKey'
  | 'proto'
  | 'deep'

// plants hostile values into an arbitrary value, wherever an object can hold them
function plant(value: unknown, hostilities: Hostility[]): Record<string, unknown> {
  const root: Record<string, unknown> = { value }
  let holder: Record<string, unknown> = root
  const objects: Record<string, unknown>[] = [root]
  const collect = (v: unknown, depth: number) => {
    if (depth > 4 || v === null || typeof v !== 'object' || Object.isFrozen(v)) return
    if (!Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set) && !ArrayBuffer.isView(v))
      objects.push(v as Record<string, unknown>)
    for (const child of Object.values(v as object)) collect(child, depth + 1)
  }
  collect(value, 0)
  hostilities.forEach((kind, i) => {
    holder = objects[i % objects.length]!
    const key = `h${i}`
    switch (kind) {
      case 'cycle':
        holder[key] = root
        break
      case 'getter':
        Object.defineProperty(holder, key, {
          enumerable: true,
          get() {
            throw new Error('hostile getter')
          },
        })
        break
      case 'proxy':
        holder[key] = new Proxy(
          {},
          {
            ownKeys() {
              throw new Error('hostile trap')
            },
            get() {
              throw new Error('hostile trap')
            },
          },
        )
        break
      case 'revoked': {
        const { proxy, revoke } = Proxy.revocable({}, {})
        revoke()
        holder[key] = proxy
        break
      }
      case 'toJSON':
        holder[key] = {
          toJSON() {
            throw new Error('hostile toJSON')
          },
        }
        break
      case 'function':
        holder[key] = () => 'no'
        break
      case 'symbolKey':
        holder[Symbol('s') as unknown as string] = 'hidden'
        break
      case 'proto':
        if (!Object.hasOwn(holder, '__proto__'))
          Object.defineProperty(holder, '__proto__', { value: { polluted: true }, enumerable: true })
        break
      case 'deep': {
        let deep: Record<string, unknown> = { end: true }
        for (let d = 0; d < 50; d++) deep = { deep }
        holder[key] = deep
        break
      }
    }
  })
  return root
}

const hostileProperties = fc
  .tuple(
    fc.anything({
      maxDepth: 4,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withBoxedValues: true,
      withObjectString: true,
    }),
    fc.array(
      fc.constantFrom<Hostility>(
        'cycle',
        'getter',
        'proxy',
        'revoked',
        'toJSON',
        'function',
        'symbolKey',
        'proto',
        'deep',
      ),
      { maxLength: 6 },
    ),
  )
  .map(([value, hostilities]) => plant(value, hostilities))

describe('track with arbitrary hostile properties', () => {
  it('never throws, keeps the ledger balanced, and only sends JSON that round-trips', async () => {
    // hostile input may provoke the kit's warnings; each must be tagged, none printed
    const warnings = captureWarnings()
    onTestFinished(() => expect(warnings().filter((m) => !m.startsWith('[instrumentkit] '))).toEqual([]))
    await fc.assert(
      fc.asyncProperty(hostileProperties, fc.string(), async (properties, text) => {
        const transport = memoryTransport()
        const analytics = createTestAnalytics({ transport, limits: { maxEventBytes: 16_384 } })
        expect(() => analytics.track('fuzz_happened', properties)).not.toThrow()
        expect(() => analytics.track('fuzz_happened', { text, nested: properties })).not.toThrow()
        expect(() => analytics.identify('user_1', properties)).not.toThrow()
        for (const event of analytics.events) {
          const json = JSON.stringify(event)
          expect(JSON.parse(json)).toStrictEqual(event)
        }
        await analytics.flush()
        const sent = transport.batches.flatMap((b) => b.events)
        expect(sent.map((e) => e.message_id)).toEqual(analytics.events.map((e) => e.message_id))
        const { ledger } = analytics.getState()
        expect(ledger.tracked).toBe(4)
        expect(ledger.tracked).toBe(ledger.delivered + ledger.droppedTotal + ledger.pending)
        expect(ledger.pending).toBe(0)
        // an event is only ever dropped for being too large
        expect(Object.keys(ledger.dropped).filter((r) => r !== 'too_large')).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it('never pollutes Object.prototype', () => {
    const analytics = createTestAnalytics()
    analytics.track(
      'fuzz_happened',
      JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
    )
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
    const properties = analytics.lastEvent('fuzz_happened')!.properties
    expect(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value).toEqual({ polluted: true })
  })
})
