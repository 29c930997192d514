import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { duckdbStore } from '../../../src/server.js'

const root = mkdtempSync(join(tmpdir(), 'ik-duckdb-crash-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Runs the writer child until it acknowledged `acks` writes, then kills it with SIGKILL mid-stream. */
async function writeThenKill(script: string, path: string, runId: string, acks: number): Promise<number[]> {
  const child = spawn(process.execPath, [script, path, runId, '200'], { stdio: ['ignore', 'pipe', 'pipe'] })
  const acked: number[] = []
  let stderr = ''
  child.stderr.on('data', (d) => {
    stderr += d
  })
  await new Promise<void>((resolve, reject) => {
    let buffer = ''
    child.stdout.on('data', (chunk) => {
      buffer += chunk
      const lines = buffer.split('\n')
      buffer = lines.pop()!
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(Number(line.slice(4)))
      }
      if (acked.length >= acks) {
        child.kill('SIGKILL')
        resolve()
      }
    })
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited with ${code}: ${stderr}`))
    })
  })
  await new Promise((resolve) => child.once('exit', resolve))
  return acked
}

describe('duckdbStore durability', () => {
  it('keeps every acknowledged write, and no part of an unacknowledged one, across kill -9', async () => {
    // inside the repository, so the bundle resolves @duckdb/node-api from node_modules
    const script = join(
      import.meta.dirname,
      '../../../node_modules/.cache/instrumentkit-tests',
      `writer-${process.pid}.mjs`,
    )
    await build({
      entryPoints: [join(import.meta.dirname, 'fixtures/writeUntilKilled.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['@duckdb/*'],
      outfile: script,
      logLevel: 'silent',
    })
    const path = join(root, 'crash', 'events.duckdb')
    const acked: Record<string, number[]> = {}
    for (const run of ['r0', 'r1', 'r2'])
      acked[run] = await writeThenKill(script, path, run, 15 + Math.floor(Math.random() * 10))

    const store = duckdbStore({ path })
    try {
      await store.init()
      const batches = await store.query<{ batch: string; n: number }>(
        `SELECT regexp_extract(message_id, '^(r[0-9]+-[0-9]+)-', 1) AS batch, count(*) AS n FROM events GROUP BY 1`,
      )
      const stored = new Map(batches.map((b) => [b.batch, b.n]))
      for (const [run, list] of Object.entries(acked)) {
        expect(list.length).toBeGreaterThanOrEqual(15)
        for (const n of list) expect(stored.get(`${run}-${n}`), `${run}-${n}`).toBe(200)
      }
      // a write the kill interrupted is either all there or not at all
      for (const n of stored.values()) expect(n).toBe(200)
      expect(await store.query('SELECT count(*) AS n FROM events_unique')).toEqual([{ n: 200 * stored.size }])
    } finally {
      await store.close()
    }
  })
})
