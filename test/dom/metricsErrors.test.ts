import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { instrumentErrors, withMetrics } from '../../src/index.js'
import { stripUrlQueries } from '../../src/metrics/instrumentErrors.js'
import { createTestAnalytics } from '../../src/testing.js'

function setup(options: Parameters<typeof instrumentErrors>[1] = {}) {
  const analytics = createTestAnalytics({ metrics: withMetrics({ health: false }) })
  const stop = instrumentErrors(analytics, options)
  const value = (name: string, tags: Record<string, string>) =>
    analytics.metrics
      .peek()
      .filter((p) => p.name === name && JSON.stringify(p.tags) === JSON.stringify(tags))
      .reduce((sum, p) => sum + (p.value ?? 0), 0)
  return { analytics, stop, value }
}

/** Throws inside a real event listener: the DOM reports it as an uncaught error on window. */
function throwFromClickHandler(error: unknown) {
  const button = document.createElement('button')
  button.addEventListener('click', () => {
    throw error
  })
  // a handled error event is not printed again by jsdom
  const quiet = (event: Event) => event.preventDefault()
  window.addEventListener('error', quiet)
  button.click()
  window.removeEventListener('error', quiet)
}

/** What the browser dispatches for a promise rejected with no handler. */
function rejectUnhandled(reason: unknown) {
  const event = new Event('unhandledrejection')
  Object.defineProperties(event, {
    reason: { value: reason },
    promise: { value: Promise.resolve() },
  })
  window.dispatchEvent(event)
}

let stops: (() => void)[] = []
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00.000Z') })
  // jsdom also prints uncaught errors through its virtual console
  vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  for (const stop of stops) stop()
  stops = []
  vi.useRealTimers()
  vi.restoreAllMocks()
})
const track = (s: ReturnType<typeof setup>) => {
  stops.push(s.stop)
  return s
}

describe('instrumentErrors', () => {
  test('an error thrown in an event handler becomes error_occurred with message, name and stack', () => {
    const { analytics, value } = track(setup())
    const error = new TypeError('cart.items is undefined')
    error.stack = [
      'TypeError: cart.items is undefined',
      '    at addToCart (https://shop.example.com/assets/app.js?v=3f2a&token=s3cr3t:120:15)',
      '    at HTMLButtonElement.onclick (https://shop.example.com/checkout#step-2:1:1)',
    ].join('\n')
    throwFromClickHandler(error)
    const event = analytics.lastEvent('error_occurred')
    expect(event?.properties).toMatchObject({
      message: 'cart.items is undefined',
      error_name: 'TypeError',
      mechanism: 'onerror',
      stack: [
        'TypeError: cart.items is undefined',
        '    at addToCart (https://shop.example.com/assets/app.js:120:15)',
        '    at HTMLButtonElement.onclick (https://shop.example.com/checkout:1:1)',
      ].join('\n'),
    })
    expect(JSON.stringify(event)).not.toContain('s3cr3t')
    expect(value('errors.occurred.count', { mechanism: 'onerror' })).toBe(1)
  })

  test('an ErrorEvent’s source, line and column are kept, without the query string', () => {
    const { analytics } = track(setup())
    window.dispatchEvent(
      new ErrorEvent('error', {
        message: 'Script error.',
        filename: 'https://cdn.example.com/widget.js?key=abc123',
        lineno: 3,
        colno: 9,
      }),
    )
    expect(analytics.lastEvent('error_occurred')?.properties).toMatchObject({
      message: 'Script error.',
      source: 'https://cdn.example.com/widget.js',
      line: 3,
      column: 9,
    })
  })

  test('unhandled rejections are tracked, whatever the reason is', () => {
    const { analytics, value } = track(setup())
    rejectUnhandled(new RangeError('quota exceeded'))
    rejectUnhandled('plain string')
    rejectUnhandled({ code: 42 })
    expect(
      analytics.eventsNamed('error_occurred').map((e) => [e.properties.message, e.properties.mechanism]),
    ).toEqual([
      ['quota exceeded', 'onunhandledrejection'],
      ['plain string', 'onunhandledrejection'],
      ['{"code":42}', 'onunhandledrejection'],
    ])
    expect(analytics.eventsNamed('error_occurred')[0]?.properties.error_name).toBe('RangeError')
    expect(value('errors.occurred.count', { mechanism: 'onunhandledrejection' })).toBe(3)
  })

  test('an error loop is tracked once per dedupe window, and every occurrence is counted', () => {
    const { analytics, value } = track(setup({ dedupeMs: 60_000 }))
    const error = new Error('render loop')
    for (let i = 0; i < 500; i++) throwFromClickHandler(error)
    expect(analytics.eventsNamed('error_occurred')).toHaveLength(1)
    expect(value('errors.occurred.count', { mechanism: 'onerror' })).toBe(500)
    expect(value('errors.suppressed.count', { cause: 'duplicate' })).toBe(499)
    vi.advanceTimersByTime(60_000)
    throwFromClickHandler(error)
    expect(analytics.eventsNamed('error_occurred')).toHaveLength(2)
  })

  test('distinct errors are limited per minute, so they cannot flood the queue either', () => {
    const { analytics, value } = track(setup({ maxPerMinute: 10 }))
    for (let i = 0; i < 40; i++) rejectUnhandled(new Error(`failure ${i}`))
    expect(analytics.eventsNamed('error_occurred')).toHaveLength(10)
    expect(value('errors.suppressed.count', { cause: 'rate_limit' })).toBe(30)
    vi.advanceTimersByTime(60_000)
    rejectUnhandled(new Error('after a minute'))
    expect(analytics.lastEvent('error_occurred')?.properties.message).toBe('after a minute')
  })

  test('ignored messages are neither tracked nor counted', () => {
    const { analytics, value } = track(setup({ ignore: ['ResizeObserver loop', /^Non-Error/] }))
    rejectUnhandled(new Error('ResizeObserver loop completed with undelivered notifications.'))
    rejectUnhandled(new Error('Non-Error promise rejection captured'))
    expect(analytics.eventsNamed('error_occurred')).toEqual([])
    expect(value('errors.occurred.count', { mechanism: 'onunhandledrejection' })).toBe(0)
  })

  test('the undo removes the listeners', () => {
    const { analytics, stop } = setup()
    stop()
    rejectUnhandled(new Error('after stop'))
    expect(analytics.eventsNamed('error_occurred')).toEqual([])
  })

  test('PII in a message is redacted by the privacy stage like any property', () => {
    const { analytics } = track(setup())
    rejectUnhandled(new Error('no account for jane.doe@example.com'))
    expect(JSON.stringify(analytics.lastEvent('error_occurred'))).not.toContain('jane.doe@example.com')
  })
})

describe('stripUrlQueries', () => {
  test('removes query strings and fragments from Chrome and Firefox stack frames, keeping positions', () => {
    expect(stripUrlQueries('    at f (https://a.example/app.js?v=1:10:5)')).toBe(
      '    at f (https://a.example/app.js:10:5)',
    )
    expect(stripUrlQueries('f@https://a.example/app.js?v=1&t=2#x:10:5')).toBe(
      'f@https://a.example/app.js:10:5',
    )
    expect(stripUrlQueries('    at https://a.example:8080/app.js:3:1')).toBe(
      '    at https://a.example:8080/app.js:3:1',
    )
    expect(stripUrlQueries('what? no url here')).toBe('what? no url here')
  })
})
