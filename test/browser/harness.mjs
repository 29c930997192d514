// Real-browser harness shared by the delivery suite and bench/flush.mjs: headless Chromium, a page
// bundle built from src/, small sites on 127.0.0.1 (each port is its own origin) and a test collector
// that deduplicates by message_id and fails on command. Plain ESM so that Node can run it without a build.
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import { resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const INSTALL_HINT = `Chromium was not found at ${CHROMIUM}. Install it with:
  apt-get update && apt-get install -y chromium
(or point CHROMIUM_PATH at a Chromium binary).`

/**
 * A desktop Chrome's user agent, for pages whose events must count: headless Chromium says "HeadlessChrome",
 * which the collector stores as a bot, and reports leave bots out.
 */
export const CHROME_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

const root = resolve(import.meta.dirname, '../..')

/**
 * Launches headless Chromium; throws with the install command when the binary is missing.
 * `backForwardCache: true` keeps the back/forward cache on (Playwright turns it off by default); `args`
 * are more command-line switches.
 */
export async function launchChromium({ backForwardCache = false, args = [] } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(INSTALL_HINT)
  const { chromium } = await import('playwright-core')
  return chromium.launch({
    executablePath: CHROMIUM,
    ...(backForwardCache && { ignoreDefaultArgs: ['--disable-back-forward-cache'] }),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
  })
}

/** Bundles `entry` (relative to the repository root) and what it imports from src/ into one IIFE script. */
export async function buildBundle(entry, { mode = 'production' } = {}) {
  const { build } = await import('vite')
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    mode,
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    build: {
      write: false,
      minify: mode === 'production',
      target: 'es2022',
      lib: { entry: resolve(root, entry), formats: ['iife'], name: 'instrumentkitTestPage' },
    },
  })
  const result = Array.isArray(output) ? output[0] : output
  const chunk = result.output.find((o) => o.type === 'chunk')
  return chunk.code
}

/**
 * Serves `routes` (path → HTML or JS string, or a function of the URL) on 127.0.0.1 at a free port,
 * with `Cache-Control: no-store` unless `cacheable` (no-store keeps pages out of the back/forward cache).
 */
export async function startSite(routes, { cacheable = false } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const route = routes[url.pathname]
    if (route === undefined) {
      res.writeHead(404).end()
      return
    }
    const body = typeof route === 'function' ? route(url) : route
    const type = url.pathname.endsWith('.js') ? 'text/javascript' : 'text/html'
    res.writeHead(200, {
      'content-type': `${type}; charset=utf-8`,
      ...(!cacheable && { 'cache-control': 'no-store' }),
    })
    res.end(body)
  })
  const port = await listen(server, 0)
  return { origin: `http://127.0.0.1:${port}`, close: () => closeServer(server) }
}

/**
 * A collector at `<origin>/batch` that decompresses (`?compression=gzip` or the gzip magic bytes),
 * counts every event by message_id, and fails on command: `down()` refuses connections until `up()`;
 * `failNext(n, status, headers)` answers the next n batches with a status; `rejectAbove(bytes)` answers
 * 413 to larger bodies; `dropResponses(n)` records the next n batches but closes the connection unanswered;
 * `answerAfter(ms)` records each batch at once but answers it only `ms` later (a slow collector);
 * `refuse()` records each request (marked `refused`) but closes its connection without reading a batch,
 * until `up()`: an outage a test can see the requests of.
 */
export async function startCollector() {
  const counts = new Map()
  const names = new Map()
  const requests = []
  let preflights = 0
  let failures = []
  let limit = Infinity
  let drops = 0
  let delay = 0
  let refusing = false
  const sockets = new Set()

  const handle = async (req, res) => {
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'Retry-After',
    }
    if (req.method === 'OPTIONS') {
      preflights++
      res.writeHead(204, { ...cors, 'access-control-allow-headers': '*' }).end()
      return
    }
    const chunks = []
    for await (const chunk of req) chunks.push(chunk)
    let raw = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const record = {
      at: Date.now(),
      bytes: raw.length,
      gzip: url.searchParams.get('compression') === 'gzip',
      contentType: req.headers['content-type'],
      mode: req.headers['sec-fetch-mode'],
      status: 200,
      events: 0,
    }
    requests.push(record)
    if (refusing) {
      record.status = 0
      record.refused = true
      req.socket.destroy()
      return
    }
    if (raw.length > limit) {
      record.status = 413
      res.writeHead(413, cors).end()
      return
    }
    if (failures.length > 0) {
      const { status, headers } = failures.shift()
      record.status = status
      res.writeHead(status, { ...cors, ...headers }).end()
      return
    }
    try {
      if (record.gzip || (raw[0] === 0x1f && raw[1] === 0x8b)) raw = gunzipSync(raw)
      const body = JSON.parse(raw.toString('utf8'))
      record.events = body.events.length
      record.sentAt = body.sent_at
      record.body = raw.toString('utf8')
      for (const event of body.events) {
        counts.set(event.message_id, (counts.get(event.message_id) ?? 0) + 1)
        names.set(event.message_id, event.event_name)
      }
    } catch {
      record.status = 400
      res.writeHead(400, cors).end()
      return
    }
    if (delay > 0) await new Promise((r) => setTimeout(r, delay))
    if (drops > 0) {
      drops--
      record.status = 0
      req.socket.destroy()
      return
    }
    res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{"ok":true}')
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy())
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await listen(server, 0)
  const origin = `http://127.0.0.1:${port}`

  const ids = (name) => [...counts.keys()].filter((id) => name === undefined || names.get(id) === name)
  return {
    origin,
    url: `${origin}/batch`,
    requests,
    get preflights() {
      return preflights
    },
    /** Distinct events received, optionally only those named `name`. */
    unique: (name) => ids(name).length,
    /** Every copy received, duplicates included. */
    raw: (name) => ids(name).reduce((n, id) => n + counts.get(id), 0),
    /** How many times each message_id arrived. */
    copies: (id) => counts.get(id) ?? 0,
    ids,
    failNext(n, status, headers = {}) {
      for (let i = 0; i < n; i++) failures.push({ status, headers })
    },
    rejectAbove(bytes) {
      limit = bytes
    },
    dropResponses(n) {
      drops = n
    },
    answerAfter(ms) {
      delay = ms
    },
    async down() {
      await closeServer(server, sockets)
    },
    refuse() {
      refusing = true
    },
    async up() {
      refusing = false
      if (!server.listening) await listen(server, port)
    },
    reset() {
      counts.clear()
      names.clear()
      requests.length = 0
      preflights = 0
      failures = []
      limit = Infinity
      drops = 0
      delay = 0
      refusing = false
    },
    close: () => closeServer(server, sockets),
  }
}

/** Polls `check` until it returns true; fails after `timeoutMs` with `message`. */
export async function until(check, timeoutMs, message = 'condition') {
  const end = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

function listen(server, port) {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolvePort(server.address().port)
    })
  })
}

function closeServer(server, sockets = new Set()) {
  return new Promise((done) => {
    for (const socket of sockets) socket.destroy()
    if (!server.listening) return done()
    server.close(() => done())
  })
}
