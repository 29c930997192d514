import { describe, expect, it } from 'vitest'
import { memoryStore } from '../../../src/server.js'
import { DAY, eventRow, gaugeRow, rejectionRow, T0, writeSet } from './storeRows.js'

describe('memoryStore', () => {
  it('keeps written rows in order, duplicates included, as copies the writer cannot change', async () => {
    const store = memoryStore()
    await store.init()
    const row = eventRow({ message_id: 'a' })
    await store.write(writeSet({ events: [row, eventRow({ message_id: 'b' })], metrics: [gaugeRow()] }))
    await store.write(writeSet({ events: [eventRow({ message_id: 'a' })], rejections: [rejectionRow()] }))
    row.event_name = 'changed_later'
    expect(store.events().map((e) => [e.message_id, e.event_name])).toEqual([
      ['a', 'checkout_completed'],
      ['b', 'checkout_completed'],
      ['a', 'checkout_completed'],
    ])
    expect(store.metrics()).toEqual([gaugeRow()])
    expect(store.rejections()).toEqual([rejectionRow()])
  })

  it('lists recent message ids newest first, once each, within the limit', async () => {
    const store = memoryStore()
    await store.write(
      writeSet({
        events: [
          eventRow({ message_id: 'old', received_at_ms: T0 - DAY }),
          eventRow({ message_id: 'a', received_at_ms: T0 + 1 }),
          eventRow({ message_id: 'b', received_at_ms: T0 + 2 }),
          eventRow({ message_id: 'a', received_at_ms: T0 + 3 }),
        ],
      }),
    )
    expect(await store.recentMessageIds(T0, 10)).toEqual(['a', 'b'])
    expect(await store.recentMessageIds(T0, 1)).toEqual(['a'])
  })

  it('refuses SQL with a message pointing to duckdbStore, and writes after close', async () => {
    const store = memoryStore()
    await expect(store.query('SELECT 1')).rejects.toThrow(/duckdbStore/)
    expect(await store.ping()).toBe(true)
    await store.close()
    expect(await store.ping()).toBe(false)
    await expect(store.write(writeSet({ events: [eventRow()] }))).rejects.toThrow(/close/)
  })
})
