import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleForNode } from '../../../scripts/bundleForNode.mjs'
import { duckdbStore } from '../../../src/server.js'
import { eventRow, gaugeRow, manyEvents, writeSet } from './storeRows.js'

const root = mkdtempSync(join(tmpdir(), 'ik-duckdb-crash-'))
// inside the repository, so the bundle resolves @duckdb/node-api from node_modules
const script = join(
  import.meta.dirname,
  '../../../node_modules/.cache/instrumentkit-tests',
  `writer-${process.pid}.mjs`,
)

beforeAll(async () => {
  await bundleForNode(join(import.meta.dirname, 'fixtures/writeUntilKilled.ts'), script)
})
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
  rmSync(script, { force: true })
})

/** Starts the writer child; `onLine` sees each line it prints. */
function startWriter(
  path: string,
  runId: string,
  batchSize: number,
  onLine: (line: string) => void,
): ChildProcess {
  const child = spawn(process.execPath, [script, path, runId, String(batchSize)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let buffer = ''
  child.stdout!.on('data', (chunk) => {
    buffer += chunk
    const lines = buffer.split('\n')
    buffer = lines.pop()!
    for (const line of lines) onLine(line)
  })
  return child
}

/** Runs the writer until it acknowledged `acks` writes, then kills it with SIGKILL mid-stream. */
async function writeThenKill(path: string, runId: string, acks: number): Promise<number[]> {
  const acked: number[] = []
  let stderr = ''
  let child: ChildProcess | undefined
  await new Promise<void>((resolve, reject) => {
    child = startWriter(path, runId, 200, (line) => {
      if (line.startsWith('ack ')) acked.push(Number(line.slice(4)))
      if (acked.length >= acks) {
        child!.kill('SIGKILL')
        resolve()
      }
    })
    child.stderr!.on('data', (d) => {
      stderr += d
    })
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited with ${code}: ${stderr}`))
    })
  })
  if (child!.exitCode === null && child!.signalCode === null) await new Promise((r) => child!.once('exit', r))
  return acked
}

describe('duckdbStore durability', () => {
  it('keeps every acknowledged write, and no part of an unacknowledged one, across kill -9', async () => {
    const path = join(root, 'crash', 'events.duckdb')
    const acked: Record<string, number[]> = {}
    for (const run of ['r0', 'r1', 'r2'])
      acked[run] = await writeThenKill(path, run, 10 + Math.floor(Math.random() * 6))

    const store = duckdbStore({ path })
    try {
      await store.init()
      const batches = await store.query<{ batch: string; n: number }>(
        `SELECT regexp_extract(message_id, '^(r[0-9]+-[0-9]+)-', 1) AS batch, count(*) AS n FROM events GROUP BY 1`,
      )
      const stored = new Map(batches.map((b) => [b.batch, b.n]))
      for (const [run, list] of Object.entries(acked)) {
        expect(list.length).toBeGreaterThanOrEqual(10)
        for (const n of list) expect(stored.get(`${run}-${n}`), `${run}-${n}`).toBe(200)
      }
      // a write the kill interrupted is either all there or not at all
      for (const n of stored.values()) expect(n).toBe(200)
      expect(await store.query('SELECT count(*) AS n FROM events_unique')).toEqual([{ n: 200 * stored.size }])
    } finally {
      await store.close()
    }
  })

  it('rolls a failed write back whole: none of its rows in any table, and the next write goes through', async () => {
    const store = duckdbStore({ path: join(root, 'atomic', 'events.duckdb') })
    try {
      await store.write(writeSet({ events: [eventRow({ message_id: 'kept' })] }))
      // the metric row is refused after every event of the same write was appended
      const bad = writeSet({ events: manyEvents(30, 'lost'), metrics: [gaugeRow({ start_ms: Number.NaN })] })
      await expect(store.write(bad)).rejects.toThrow()
      await store.write(writeSet({ events: [eventRow({ message_id: 'after' })] }))
      const ids = await store.query<{ message_id: string }>(
        'SELECT message_id FROM events ORDER BY message_id',
      )
      expect(ids.map((r) => r.message_id)).toEqual(['after', 'kept'])
      expect(await store.query('SELECT count(*) AS n FROM metric_points')).toEqual([{ n: 0 }])
    } finally {
      await store.close()
    }
  })

  it('shares one database between two stores on the same file in one process', async () => {
    const path = join(root, 'shared', 'events.duckdb')
    const a = duckdbStore({ path })
    const b = duckdbStore({ path })
    try {
      await a.write(writeSet({ events: [eventRow({ message_id: 'from-a' })] }))
      await b.write(writeSet({ events: [eventRow({ message_id: 'from-b' })] }))
      expect(await a.query('SELECT count(*) AS n FROM events')).toEqual([{ n: 2 }])
      await a.close()
      await b.write(writeSet({ events: [eventRow({ message_id: 'b-after-a-closed' })] }))
      expect(await b.query('SELECT count(*) AS n FROM events')).toEqual([{ n: 3 }])
    } finally {
      await a.close()
      await b.close()
    }
    const again = duckdbStore({ path })
    expect(await again.query('SELECT count(*) AS n FROM events')).toEqual([{ n: 3 }])
    await again.close()
  })

  it('refuses a file another process has open, saying so', async () => {
    const path = join(root, 'busy', 'events.duckdb')
    let child: ChildProcess | undefined
    try {
      await new Promise<void>((resolve, reject) => {
        child = startWriter(path, 'busy', 1, (line) => line === 'ready' && resolve())
        child.once('exit', (code) => reject(new Error(`writer exited with ${code}`)))
      })
      const store = duckdbStore({ path })
      await expect(store.init()).rejects.toThrow(/open in another process/)
      await store.close()
    } finally {
      child?.kill('SIGKILL')
      if (child && child.exitCode === null && child.signalCode === null)
        await new Promise((r) => child!.once('exit', r))
    }
  })
})

describe('checkpoints', () => {
  it('folds the write-ahead log into the file beside the writes, and keeps every row', {
    timeout: 120_000,
  }, async () => {
    const path = join(root, 'checkpoints', 'events.duckdb')
    const store = duckdbStore({ path })
    await store.init()
    // 60 writes of 1,000 rows pass the 50,000-row mark once
    for (let i = 0; i < 60; i++) await store.write(writeSet({ events: manyEvents(1_000, `c${i}-`) }))
    // the checkpoint runs on its own connection; wait for the log to shrink rather than for a timer
    const walBytes = () => (existsSync(`${path}.wal`) ? statSync(`${path}.wal`).size : 0)
    const deadline = Date.now() + 60_000
    while (walBytes() > 8 * 1024 * 1024 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    expect(walBytes()).toBeLessThan(8 * 1024 * 1024)
    await store.close()
    const reopened = duckdbStore({ path })
    const [row] = await reopened.query<{ n: number }>('SELECT count(*) AS n FROM events')
    expect(row!.n).toBe(60_000)
    await reopened.close()
  })
})
