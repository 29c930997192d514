// A browser-like page for one SDK: jsdom plus what every browser the SDKs target has and jsdom lacks
// (fetch, sendBeacon, streams, CompressionStream), with the network replaced by a recorder.
import { createRequire } from 'node:module'
import { gunzipSync } from 'node:zlib'
import { JSDOM } from 'jsdom'

const require = createRequire(import.meta.url)
// jsdom keeps a Blob's bytes on its implementation object; reading them there keeps decoding synchronous
const idlUtils = (() => {
  try {
    return require('jsdom/lib/generated/idl/utils.js')
  } catch {
    return undefined
  }
})()

const PAGE = `<!doctype html><html lang="en"><head><title>Shop – search results</title></head><body></body></html>`
const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'

// What the Segment CDN answers for a source with only the Segment.io destination (metrics sampling off)
const SEGMENT_SETTINGS = {
  integrations: {
    'Segment.io': {
      apiKey: 'bench_write_key',
      apiHost: 'api.segment.io/v1',
      unbundledIntegrations: [],
      addBundledMetadata: true,
      maybeBundledConfigIds: {},
    },
  },
  plan: {
    track: { __default: { enabled: true, integrations: {} } },
    identify: { __default: { enabled: true } },
  },
  edgeFunction: {},
  analyticsNextEnabled: true,
  middlewareSettings: {},
  enabledMiddleware: {},
  metrics: { sampleRate: 0 },
  legacyVideoPluginsEnabled: false,
  remotePlugins: [],
}

/** Answers of the fake network: SDK configuration endpoints get what they expect, everything else `{}`. */
export function answerFor(url) {
  if (/\/v1\/projects\/[^/]+\/settings/.test(url)) return SEGMENT_SETTINGS
  if (/\/api\/features\//.test(url)) return { status: 200, features: {}, dateUpdated: '2026-11-28T00:00:00Z' }
  if (/amplitude\.com/.test(url))
    return { code: 200, events_ingested: 1, payload_size_bytes: 1, server_upload_time: 1 }
  return {}
}

/**
 * Creates the page. `network.mode` is `'ok'` (every request answered 200 at once) or `'hang'` (requests
 * never complete, so whatever an SDK holds for them stays in memory).
 */
export function createPage() {
  const dom = new JSDOM(PAGE, {
    url: 'https://shop.example.com/search?q=shoes&utm_source=newsletter&utm_medium=email',
    referrer: 'https://www.google.com/',
    runScripts: 'outside-only',
    pretendToBeVisual: true,
    userAgent: CHROME_UA,
  })
  const window = dom.window
  const requests = []
  const network = { mode: 'ok', requests }

  const record = (via, url, method, headers, body) => {
    const req = { via, url: String(url), method: method ?? 'POST', headers: headers ?? {}, body }
    // while hanging, keep no reference to the body: whatever stays in memory is held by the SDK
    if (network.mode === 'hang') {
      req.body = undefined
      return req
    }
    requests.push(req)
    // a streamed body (fetch with duplex: 'half') is read in full before it is counted
    if (body && typeof body.getReader === 'function') {
      req.pending = true
      req.body = undefined
      readAll(body).then((bytes) => {
        req.body = bytes
        req.pending = false
      })
    }
    return req
  }
  const respond = (url) =>
    new Response(JSON.stringify(answerFor(String(url))), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })

  window.fetch = function fetch(input, init = {}) {
    const url = typeof input === 'string' ? input : (input?.url ?? String(input))
    record('fetch', url, init.method, normaliseHeaders(init.headers), init.body)
    if (network.mode === 'hang') return new Promise(() => {})
    return Promise.resolve(respond(url))
  }
  window.navigator.sendBeacon = function sendBeacon(url, body) {
    record('beacon', url, 'POST', {}, body)
    return true
  }
  window.XMLHttpRequest = class XMLHttpRequest {
    static UNSENT = 0
    static OPENED = 1
    static DONE = 4
    readyState = 0
    status = 0
    responseText = ''
    response = ''
    timeout = 0
    withCredentials = false
    #listeners = {}
    #method = 'GET'
    #url = ''
    #headers = {}
    open(method, url) {
      this.#method = method
      this.#url = String(url)
      this.readyState = 1
    }
    setRequestHeader(name, value) {
      this.#headers[name.toLowerCase()] = value
    }
    getResponseHeader() {
      return null
    }
    getAllResponseHeaders() {
      return ''
    }
    addEventListener(type, fn) {
      this.#listeners[type] = [...(this.#listeners[type] ?? []), fn]
    }
    removeEventListener(type, fn) {
      this.#listeners[type] = (this.#listeners[type] ?? []).filter((f) => f !== fn)
    }
    abort() {}
    send(body) {
      record('xhr', this.#url, this.#method, this.#headers, body)
      if (network.mode === 'hang') return
      setTimeout(() => {
        this.readyState = 4
        this.status = 200
        this.responseText = JSON.stringify(answerFor(this.#url))
        this.response = this.responseText
        for (const type of ['readystatechange', 'load', 'loadend']) {
          this[`on${type}`]?.({ target: this })
          for (const fn of this.#listeners[type] ?? []) fn({ target: this })
        }
      }, 0)
    }
  }
  // present in every browser these SDKs support, missing from jsdom
  for (const name of [
    'Response',
    'Request',
    'ReadableStream',
    'WritableStream',
    'TransformStream',
    'CompressionStream',
    'DecompressionStream',
    'TextEncoderStream',
    'TextDecoderStream',
    'structuredClone',
  ]) {
    if (window[name] === undefined) window[name] = globalThis[name]
  }
  // Blob.prototype.stream, which browsers have and jsdom lacks (CompressionStream input)
  if (typeof window.Blob.prototype.stream !== 'function') {
    window.Blob.prototype.stream = function stream() {
      const bytes = new Uint8Array(bodyBytes(this))
      return new ReadableStream({
        start(controller) {
          controller.enqueue(bytes)
          controller.close()
        },
      })
    }
  }
  installFastCrypto(window)
  return { dom, window, network }
}

// jsdom's crypto goes through its IDL layer: randomUUID costs ~2 µs and getRandomValues(16 bytes) ~10 µs
// there, against well under 0.3 µs for a browser's native ones, which would swamp the per-call costs
// measured here. Both are replaced, for every SDK alike, by page-side versions that serve a pool of bytes
// from Node's CSPRNG (one cross-realm call per 4 KB).
function installFastCrypto(window) {
  window.__benchRandomFill = (array) => globalThis.crypto.getRandomValues(array)
  window.eval(`(() => {
    const fill = window.__benchRandomFill
    delete window.__benchRandomFill
    const pool = new Uint8Array(4096)
    let pos = pool.length
    const take = (n) => {
      if (pos + n > pool.length) { fill(pool); pos = 0 }
      pos += n
      return pos - n
    }
    const hex = []
    for (let i = 0; i < 256; i++) hex.push((i + 0x100).toString(16).slice(1))
    crypto.getRandomValues = function getRandomValues(array) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
      if (bytes.length > 1024) { fill(bytes); return array }
      const at = take(bytes.length)
      bytes.set(pool.subarray(at, at + bytes.length))
      return array
    }
    crypto.randomUUID = function randomUUID() {
      const p = take(16), b = pool
      return hex[b[p]] + hex[b[p + 1]] + hex[b[p + 2]] + hex[b[p + 3]] + '-' + hex[b[p + 4]] + hex[b[p + 5]] + '-' +
        hex[(b[p + 6] & 0x0f) | 0x40] + hex[b[p + 7]] + '-' + hex[(b[p + 8] & 0x3f) | 0x80] + hex[b[p + 9]] + '-' +
        hex[b[p + 10]] + hex[b[p + 11]] + hex[b[p + 12]] + hex[b[p + 13]] + hex[b[p + 14]] + hex[b[p + 15]]
    }
  })()`)
}

async function readAll(stream) {
  const chunks = []
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(value))
  }
  return new Uint8Array(Buffer.concat(chunks))
}

function normaliseHeaders(headers) {
  if (!headers) return {}
  if (typeof headers.forEach === 'function' && !Array.isArray(headers)) {
    const out = {}
    headers.forEach((v, k) => {
      out[k.toLowerCase()] = v
    })
    return out
  }
  const entries = Array.isArray(headers) ? headers : Object.entries(headers)
  return Object.fromEntries(entries.map(([k, v]) => [String(k).toLowerCase(), String(v)]))
}

/** The bytes of a request body as they would go on the wire, read synchronously. */
export function bodyBytes(body) {
  if (body == null) return new Uint8Array(0)
  if (typeof body === 'string') return new TextEncoder().encode(body)
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  if (Object.prototype.toString.call(body) === '[object ArrayBuffer]') return new Uint8Array(body)
  const tag = Object.prototype.toString.call(body)
  if (tag === '[object URLSearchParams]') return new TextEncoder().encode(body.toString())
  if (tag === '[object Blob]' || tag === '[object File]') {
    const impl = idlUtils?.implForWrapper(body)
    if (impl?._bytes) return impl._bytes
    throw new Error('cannot read a Blob body synchronously')
  }
  if (tag === '[object FormData]') {
    let text = ''
    for (const [k, v] of body.entries()) text += `${k}=${typeof v === 'string' ? v : '[file]'}&`
    return new TextEncoder().encode(text)
  }
  throw new Error(`unknown body type ${tag}`)
}

/** What the payload is, for the wire table: gzip, base64 form, or plain JSON. */
export function describeBody(req) {
  const bytes = bodyBytes(req.body)
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip JSON'
  const head = new TextDecoder().decode(bytes.subarray(0, 5))
  if (head.startsWith('data=')) return 'base64 JSON in a form body'
  return 'JSON'
}

/** Decodes a request body to the JSON it carries (gunzipping and base64-decoding as needed). */
export function decodeBody(req) {
  let bytes = bodyBytes(req.body)
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes)
  let text = new TextDecoder().decode(bytes)
  if (text.startsWith('data='))
    text = Buffer.from(new URLSearchParams(text).get('data') ?? '', 'base64').toString()
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The events a decoded body carries, whatever the SDK's envelope. */
export function eventsIn(payload) {
  if (payload == null || typeof payload !== 'object') return []
  if (Array.isArray(payload)) return payload
  for (const key of ['events', 'batch']) if (Array.isArray(payload[key])) return payload[key]
  return [payload]
}

/** The event's name in any of the anchors' field conventions. */
export function eventName(event) {
  return event?.event_name ?? event?.event ?? event?.event_type ?? event?.eventName
}
