import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveDashboard } from '../../src/server.js'

let root: string
let outside: string

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'ik-dashboard-'))
  root = join(base, 'app')
  outside = join(base, 'secret.txt')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><meta name="instrumentkit-api-base" content="/api/analytics" /><script src="./assets/index-abc.js"></script>',
  )
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log("dashboard")')
  writeFileSync(join(root, 'assets', 'index-abc.css'), '.ikdash{}')
  writeFileSync(outside, 'do not serve')
})

afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }))

const get = (url: string, method = 'GET') => new Request(`http://127.0.0.1${url}`, { method })

describe('serveDashboard', () => {
  it('serves index.html at its base path with the query API base written in', async () => {
    const serve = serveDashboard({ root, apiBase: '/collector/api' })
    const res = (await serve(get('/')))!
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const html = await res.text()
    expect(html).toContain('<meta name="instrumentkit-api-base" content="/collector/api"')
  })

  it('serves built assets with their content type and a long cache', async () => {
    const serve = serveDashboard({ root })
    const js = (await serve(get('/assets/index-abc.js')))!
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(js.headers.get('cache-control')).toContain('immutable')
    expect(await js.text()).toBe('console.log("dashboard")')
    const css = (await serve(get('/assets/index-abc.css')))!
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('answers a deep link with index.html and a missing asset with 404', async () => {
    const serve = serveDashboard({ root })
    const deep = (await serve(get('/experiments/checkout_flow')))!
    expect(deep.status).toBe(200)
    expect(await deep.text()).toContain('instrumentkit-api-base')
    expect((await serve(get('/assets/gone.js')))!.status).toBe(404)
  })

  it('never serves a file outside its folder', async () => {
    const serve = serveDashboard({ root })
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/index-abc.js%00.html',
    ]) {
      const res = (await serve(get(path)))!
      const body = await res.text()
      expect(body, path).not.toContain('do not serve')
      expect([400, 404], path).toContain(res.status)
    }
  })

  it('leaves other paths and methods to the caller, and redirects its base to the slashed form', async () => {
    const serve = serveDashboard({ root, basePath: '/dashboard' })
    expect(await serve(get('/api/analytics/health'))).toBeNull()
    expect(await serve(get('/dashboard', 'POST'))).toBeNull()
    expect(await serve(get('/dashboardx'))).toBeNull()
    const redirect = (await serve(get('/dashboard?x=1')))!
    expect(redirect.status).toBe(308)
    expect(redirect.headers.get('location')).toBe('/dashboard/?x=1')
    const js = (await serve(get('/dashboard/assets/index-abc.js')))!
    expect(await js.text()).toBe('console.log("dashboard")')
  })

  it('answers HEAD without a body', async () => {
    const serve = serveDashboard({ root })
    const res = (await serve(get('/assets/index-abc.js', 'HEAD')))!
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe('24')
    expect(await res.text()).toBe('')
  })

  it('says how to build the app when it is missing', async () => {
    const serve = serveDashboard({ root: join(root, 'nowhere') })
    const res = (await serve(get('/')))!
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('npm run build')
  })

  it('finds the package’s own built app by default', async () => {
    const res = (await serveDashboard()(get('/')))!
    // built or not, the answer is about the dashboard app, never another folder's index
    expect([200, 503]).toContain(res.status)
    if (res.status === 200) expect(await res.text()).toContain('instrumentkit dashboard')
  })
})
