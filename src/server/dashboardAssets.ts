// the library build leaves Node's types out for the browser entries; this module runs only on Node
/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { dirname, extname, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Options of `serveDashboard`. */
export interface ServeDashboardOptions {
  /** Folder of the built app (default: the `dist/dashboard-app` this package ships). */
  root?: string
  /** Path the dashboard is served under (default `/`). */
  basePath?: string
  /** Query API base the app calls (default `/api/analytics`), written into the served `index.html`. */
  apiBase?: string
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'SAMEORIGIN',
}

/** The package's built app: found from this module upwards, so it works from src/, dist/esm and dist/cjs alike. */
function defaultRoot(): string {
  let dir = moduleDir()
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'dist', 'dashboard-app')
    if (existsSync(join(dir, 'package.json')) && isThisPackage(join(dir, 'package.json'))) return candidate
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return resolve('dist', 'dashboard-app')
}

function moduleDir(): string {
  // the CJS build has __dirname and no import.meta.url; the ESM build the opposite
  if (typeof __dirname === 'string') return __dirname
  return dirname(fileURLToPath(import.meta.url))
}

function isThisPackage(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'instrumentkit'
  } catch {
    return false
  }
}

const escapeAttribute = (value: string) =>
  value.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c] ?? c)

/**
 * Serves the built dashboard app (`npm run build` writes it to `dist/dashboard-app`) from any
 * Web-standard server. Answers GET and HEAD under `basePath` with the file asked for and its content
 * type; a path without a file extension gets `index.html`, so deep links reload. Anything else
 * (another path, another method) gets `null`, for the caller to route on. Paths that try to leave the
 * folder (`..`, encoded or not) get 404, never a file from outside.
 *
 * @example
 * const dashboard = serveDashboard({ basePath: '/' })
 * const handle = async (request: Request) =>
 *   (await collector.fetch(request)) ?? (await dashboard(request)) ?? new Response('Not found', { status: 404 })
 */
export function serveDashboard(
  options: ServeDashboardOptions = {},
): (request: Request) => Promise<Response | null> {
  const root = resolve(options.root ?? defaultRoot())
  const base = `/${(options.basePath ?? '/').replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '')
  const apiBase = options.apiBase ?? '/api/analytics'
  let indexHtml: Promise<string | null> | undefined

  const readIndex = () => {
    indexHtml ??= readFile(join(root, 'index.html'), 'utf8').then(
      (html) =>
        html.replace(
          /<meta name="instrumentkit-api-base" content="[^"]*"/,
          `<meta name="instrumentkit-api-base" content="${escapeAttribute(apiBase)}"`,
        ),
      () => {
        // a later request may find it once the app is built
        indexHtml = undefined
        return null
      },
    )
    return indexHtml
  }

  const respond = (
    request: Request,
    status: number,
    body: string | Uint8Array,
    headers: Record<string, string>,
  ) =>
    new Response(request.method === 'HEAD' ? null : (body as BodyInit), {
      status,
      headers: { ...SECURITY_HEADERS, ...headers },
    })

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null
    let pathname: string
    try {
      pathname = new URL(request.url).pathname
    } catch {
      return null
    }
    if (base && pathname !== base && !pathname.startsWith(`${base}/`)) return null
    // relative asset URLs in index.html need the trailing slash to resolve under the base
    if (base && pathname === base)
      return respond(request, 308, '', { location: `${base}/${new URL(request.url).search}` })

    let relative: string
    try {
      relative = decodeURIComponent(pathname.slice(base.length))
    } catch {
      return respond(request, 400, 'Bad path', { 'content-type': 'text/plain; charset=utf-8' })
    }
    const segments = relative.split(/[/\\]+/).filter(Boolean)
    if (segments.some((s) => s === '..' || s.includes('\0'))) return notFound(request)
    const file = resolve(root, ...segments)
    if (file !== root && !file.startsWith(root + sep)) return notFound(request)

    const ext = extname(file)
    if (segments.length > 0 && ext !== '' && ext !== '.html') {
      try {
        const info = await stat(file)
        if (!info.isFile()) return notFound(request)
        const body = await readFile(file)
        return respond(request, 200, new Uint8Array(body), {
          'content-type': TYPES[ext] ?? 'application/octet-stream',
          'content-length': String(body.byteLength),
          // Vite names built assets by content hash, so they never change under the same name
          'cache-control': segments[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache',
        })
      } catch {
        return notFound(request)
      }
    }

    const html = await readIndex()
    if (html === null)
      return respond(
        request,
        503,
        'The dashboard app is not built. Run `npm run build` (it writes dist/dashboard-app).',
        { 'content-type': 'text/plain; charset=utf-8' },
      )
    return respond(request, 200, html, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' })
  }

  function notFound(request: Request) {
    return respond(request, 404, 'Not found', { 'content-type': 'text/plain; charset=utf-8' })
  }
}
