import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { duckdbStore } from '../../../src/server.js'
import { buildCli, killAll, type Running, startServe } from './support.js'

let cli: string
let dir: string
beforeAll(async () => {
  cli = await buildCli()
  dir = mkdtempSync(join(tmpdir(), 'ik-crash-'))
}, 60_000)
afterAll(() => {
  killAll()
  rmSync(dir, { recursive: true, force: true })
})

const ROUNDS = 4
const SENDERS = 6
const BATCH = 25

describe('a collector killed with SIGKILL under load', () => {
  it('keeps every event it answered 200 for, and counts none twice', { timeout: 120_000 }, async () => {
    const db = join(dir, 'events.duckdb')
    const acknowledged = new Set<string>()
    const attempted = new Set<string>()
    let serial = 0
    let answered = 0
    let failed = 0
    // batches that got no answer are sent again after the restart, as the client does
    const unanswered: string[][] = []

    const body = (ids: string[]) =>
      JSON.stringify({
        sent_at: new Date().toISOString(),
        events: ids.map((id, i) => ({
          event_name: 'item_viewed',
          message_id: id,
          timestamp: new Date().toISOString(),
          anonymous_id: `anon-${id.split('-')[0]}`,
          session_id: 's',
          seq: i,
          properties: { item: id },
          context: {},
        })),
      })

    const sendUntilDown = async (running: Running) => {
      let down = false
      running.exited.then(() => {
        down = true
      })
      await Promise.all(
        Array.from({ length: SENDERS }, async (_, sender) => {
          while (!down) {
            const ids = unanswered.pop() ?? Array.from({ length: BATCH }, () => `${sender}-${++serial}`)
            for (const id of ids) attempted.add(id)
            try {
              const response = await fetch(`${running.url}/api/analytics/batch`, {
                method: 'POST',
                body: body(ids),
              })
              if (response.status !== 200) throw new Error(`status ${response.status}`)
              await response.json()
              for (const id of ids) acknowledged.add(id)
              answered++
            } catch {
              failed++
              unanswered.push(ids)
            }
          }
        }),
      )
    }

    for (let round = 0; round < ROUNDS; round++) {
      const running = await startServe(cli, ['--db', db])
      const load = sendUntilDown(running)
      // kill it in the middle of the traffic: after some batches were answered, at a moment that varies
      const before = answered
      const deadline = Date.now() + 30_000
      while (answered < before + 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      await new Promise((r) => setTimeout(r, 50 + round * 70))
      running.child.kill('SIGKILL')
      await load
    }

    // a last, orderly run takes the batches that never got an answer, and a re-send of answered ones
    const last = await startServe(cli, ['--db', db])
    while (unanswered.length) {
      const ids = unanswered.pop()!
      const response = await fetch(`${last.url}/api/analytics/batch`, { method: 'POST', body: body(ids) })
      expect(response.status).toBe(200)
      for (const id of ids) acknowledged.add(id)
    }
    const resent = [...acknowledged].slice(0, BATCH)
    const again = await (
      await fetch(`${last.url}/api/analytics/batch`, { method: 'POST', body: body(resent) })
    ).json()
    expect(again).toMatchObject({ accepted: 0, duplicates: BATCH })
    expect(await last.stop()).toBe(0)

    expect(answered).toBeGreaterThan(ROUNDS * 5)
    expect(failed).toBeGreaterThan(0)
    const store = duckdbStore({ path: db })
    await store.init()
    const stored = new Set(
      (await store.query<{ message_id: string }>('SELECT message_id FROM events_unique')).map(
        (r) => r.message_id,
      ),
    )
    const [counts] = await store.query<{ rows: number; ids: number }>(
      'SELECT count(*) AS rows, count(DISTINCT message_id) AS ids FROM events_unique',
    )
    await store.close()
    const missing = [...acknowledged].filter((id) => !stored.has(id))
    expect(missing).toEqual([])
    expect(counts!.rows).toBe(counts!.ids)
    // nothing is stored that was never sent
    expect([...stored].filter((id) => !attempted.has(id))).toEqual([])
    expect(stored.size).toBe(attempted.size)
  })
})
