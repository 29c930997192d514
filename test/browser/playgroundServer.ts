import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createServer } from 'vite'

/**
 * The playground's dev server in-process on a free port of 127.0.0.1, with the collector writing to a
 * DuckDB file of its own, so a playground running beside the tests keeps its file.
 */
export async function startPlayground(): Promise<{ base: string; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ik-playground-'))
  process.env.PLAYGROUND_DB = join(dataDir, 'events.duckdb')
  const server = await createServer({
    configFile: resolve(import.meta.dirname, '../../playground/vite.config.ts'),
    server: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'error',
  })
  await server.listen()
  return {
    base: server.resolvedUrls?.local[0] ?? '',
    async close() {
      await server.close()
      delete process.env.PLAYGROUND_DB
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
