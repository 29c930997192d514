import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { duckdbStore } from '../../../src/server.js'
import { buildCli, killAll, startServe } from './support.js'

let cli: string
let dir: string
beforeAll(async () => {
  cli = await buildCli()
  dir = mkdtempSync(join(tmpdir(), 'ik-serve-'))
}, 60_000)
afterAll(() => {
  killAll()
  rmSync(dir, { recursive: true, force: true })
})

const event = (id: string) => ({
  event_name: 'signup_completed',
  message_id: id,
  timestamp: new Date().toISOString(),
  anonymous_id: 'a1',
  session_id: 's1',
  seq: 1,
  properties: { method: 'email' },
  context: {},
})

describe('instrumentkit serve', { timeout: 60_000 }, () => {
  it('prints where it listens, stores batches in the DuckDB file, and stops cleanly on SIGTERM', async () => {
    const db = join(dir, 'nested', 'events.duckdb')
    const running = await startServe(cli, ['--db', db, '--write-key', 'wk_1'])
    expect(running.output()).toContain(`/api/analytics/batch`)
    expect(running.output()).toContain(`DuckDB ${db}`)
    const denied = await fetch(`${running.url}/api/analytics/batch`, {
      method: 'POST',
      body: JSON.stringify({ events: [event('e0')] }),
    })
    expect(denied.status).toBe(401)
    const ok = await fetch(`${running.url}/api/analytics/batch`, {
      method: 'POST',
      body: JSON.stringify({ write_key: 'wk_1', events: [event('e1'), event('e2')] }),
    })
    expect(await ok.json()).toMatchObject({ ok: true, accepted: 2 })
    expect(await running.stop()).toBe(0)
    expect(running.output()).toContain('stopped')
    const store = duckdbStore({ path: db })
    await store.init()
    const rows = await store.query<{ message_id: string }>(
      'SELECT message_id FROM events_unique ORDER BY message_id',
    )
    expect(rows.map((r) => r.message_id)).toEqual(['e1', 'e2'])
    await store.close()
  })

  it('opens the query API only on loopback without a token, and requires one when given', async () => {
    const open = await startServe(cli, ['--db', join(dir, 'open.duckdb')])
    expect(open.output()).toContain('open to this machine only')
    expect((await fetch(`${open.url}/api/analytics/query/nope`)).status).toBe(404)
    await open.stop()
    const guarded = await startServe(cli, ['--db', join(dir, 'guarded.duckdb'), '--read-token', 'rt_1'])
    expect((await fetch(`${guarded.url}/api/analytics/query/nope`)).status).toBe(401)
    expect(
      (await fetch(`${guarded.url}/api/analytics/query/nope`, { headers: { authorization: 'Bearer rt_1' } }))
        .status,
    ).toBe(404)
    // everything outside the collector's base path is the dashboard app, or a note to build it first
    const home = await fetch(`${guarded.url}/`)
    if (guarded.output().includes('not built here')) {
      expect(home.status).toBe(503)
      expect(await home.text()).toContain('npm run build')
    } else {
      expect(home.status).toBe(200)
      expect(home.headers.get('content-type')).toContain('text/html')
    }
    expect(await guarded.stop('SIGINT')).toBe(0)
  })

  it('explains a bad option or a busy port in one line and exits 1', () => {
    const bad = spawnSync(process.execPath, [cli, 'serve', '--port', 'eighty'], { encoding: 'utf8' })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('--port: "eighty" is not a port number')
    expect(bad.stderr).not.toContain('    at ')
    const both = spawnSync(
      process.execPath,
      [cli, 'serve', '--db', 'x', '--clickhouse', 'http://127.0.0.1:1'],
      {
        encoding: 'utf8',
      },
    )
    expect(both.stderr).toContain('--db and --clickhouse are two different stores')
    const unknown = spawnSync(process.execPath, [cli, 'serve', '--colour'], { encoding: 'utf8' })
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toContain("Unknown option '--colour'")
    const help = spawnSync(process.execPath, [cli, 'serve', '--help'], { encoding: 'utf8' })
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('Usage: instrumentkit serve')
  })

  it('gives the experiment reports the planned length from --experiments, and explains a bad file', async () => {
    const file = join(dir, 'experiments.json')
    writeFileSync(
      file,
      JSON.stringify([{ key: 'checkout_flow', variations: ['control', 'one_page'], plannedDays: 14 }]),
    )
    const running = await startServe(cli, ['--db', join(dir, 'experiments.duckdb'), '--experiments', file])
    const exposure = {
      ...event('x1'),
      event_name: 'experiment_exposed',
      properties: { experiment_key: 'checkout_flow', variation_name: 'control' },
      context: {
        user_agent:
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      },
    }
    await fetch(`${running.url}/api/analytics/batch`, {
      method: 'POST',
      body: JSON.stringify({ events: [exposure] }),
    })
    const report = await (await fetch(`${running.url}/api/analytics/query/experiments`)).json()
    expect(report.experiments[0]).toMatchObject({ key: 'checkout_flow', day: 1, planned_days: 14 })
    await running.stop()
    writeFileSync(file, JSON.stringify([{ key: 'checkout_flow', variations: ['control'] }]))
    const bad = spawnSync(process.execPath, [cli, 'serve', '--experiments', file], { encoding: 'utf8' })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain(
      `--experiments ${file}: [0].variations: expected at least two variation names`,
    )
  })

  it('says which port is in use', async () => {
    const first = await startServe(cli, ['--db', join(dir, 'a.duckdb')])
    const port = new URL(first.url).port
    const second = spawnSync(
      process.execPath,
      [cli, 'serve', '--port', port, '--db', join(dir, 'b.duckdb')],
      {
        encoding: 'utf8',
      },
    )
    expect(second.status).toBe(1)
    expect(second.stderr).toContain(`port ${port} on 127.0.0.1 is in use; pick another with --port`)
    await first.stop()
  })
})
