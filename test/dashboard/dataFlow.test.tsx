import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { Profiler } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { dashboardStyles } from '../../src/dashboard/dashboardStyles.js'
import { Dashboard, DashboardProvider, OverviewView, QualityView } from '../../src/dashboard.js'
import { fixtureFetch, fixtures } from '../../stories/dashboard/fixtures.js'

const NOW = Date.parse('2026-12-07T12:00:00.000Z')

beforeEach(() => {
  vi.useFakeTimers({ now: NOW })
  // Testing Library drains microtasks behind a setTimeout(0) that it advances only for Jest's fake timers
  vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) })
})

afterEach(() => {
  cleanup()
  sessionStorage.clear()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

/** Lets pending fetches and their state updates finish. */
const settle = () => act(() => vi.advanceTimersByTimeAsync(0))

describe('the read token', () => {
  it('asks for the token on a 401, sends it as a Bearer header and keeps it for the tab', async () => {
    const api = fixtureFetch({ token: 's3cret' })
    render(<Dashboard fetch={api.fetch} refreshMs={0} tokenStorageKey="ik:token" />)
    await settle()
    expect(screen.getByText(/needs the collector’s read token/)).toBeTruthy()
    expect(screen.queryByText('Requests per second')).toBeNull()
    fireEvent.change(screen.getByLabelText('Read token'), { target: { value: 's3cret' } })
    fireEvent.click(screen.getByRole('button', { name: 'Use token' }))
    await settle()
    expect(screen.getByText('Requests per second')).toBeTruthy()
    expect(api.requests.at(-1)!.authorization).toBe('Bearer s3cret')
    expect(sessionStorage.getItem('ik:token')).toBe('s3cret')

    // a reload of the page reads it back and does not ask again
    cleanup()
    const again = fixtureFetch({ token: 's3cret' })
    render(<Dashboard fetch={again.fetch} refreshMs={0} tokenStorageKey="ik:token" />)
    await settle()
    expect(again.requests[0]!.authorization).toBe('Bearer s3cret')
    expect(screen.getByText('Requests per second')).toBeTruthy()
  })

  it('sends a token the app hands over later, in place of the one in use', async () => {
    const api = fixtureFetch({ token: 'second' })
    const { rerender } = render(
      <DashboardProvider fetch={api.fetch} refreshMs={0} token="first">
        <QualityView />
      </DashboardProvider>,
    )
    await settle()
    expect(screen.getByText(/The read token was not accepted/)).toBeTruthy()
    rerender(
      <DashboardProvider fetch={api.fetch} refreshMs={0} token="second">
        <QualityView />
      </DashboardProvider>,
    )
    await settle()
    expect(api.requests.at(-1)!.authorization).toBe('Bearer second')
    expect(screen.getByText('Duplicates', { selector: 'dt' })).toBeTruthy()
  })

  it('says so when a typed token is refused', async () => {
    const api = fixtureFetch({ token: 'right' })
    render(<Dashboard fetch={api.fetch} refreshMs={0} />)
    await settle()
    fireEvent.change(screen.getByLabelText('Read token'), { target: { value: 'wrong' } })
    fireEvent.click(screen.getByRole('button', { name: 'Use token' }))
    await settle()
    expect(screen.getByText(/The read token was not accepted/)).toBeTruthy()
  })
})

describe('loading, refresh and errors', () => {
  it('says it is loading until the answer arrives, then when the data is from', async () => {
    const api = fixtureFetch({ delayMs: 500 })
    render(
      <DashboardProvider fetch={api.fetch} refreshMs={0}>
        <QualityView />
      </DashboardProvider>,
    )
    expect(screen.getByRole('status').textContent).toBe('Loading…')
    expect(screen.getByRole('region', { name: 'Data quality' }).getAttribute('aria-busy')).toBe('true')
    await act(() => vi.advanceTimersByTimeAsync(500))
    expect(screen.getByRole('status').textContent).toMatch(/^Updated 7 Dec 2026/)
  })

  it('refreshes on its interval without re-rendering when the answer is unchanged, and shows a change', async () => {
    let errors = 12
    const api = fixtureFetch({
      answer: (report) =>
        report === 'overview'
          ? {
              status: 200,
              body: {
                ...fixtures.overview,
                recent_errors: [{ ...fixtures.overview.recent_errors[0]!, count: errors }],
              },
            }
          : undefined,
    })
    let commits = 0
    render(
      <DashboardProvider fetch={api.fetch} refreshMs={30_000}>
        <Profiler id="overview" onRender={() => commits++}>
          <OverviewView />
        </Profiler>
      </DashboardProvider>,
    )
    await settle()
    expect(screen.getByText('Payment gateway timeout').parentElement!.textContent).toContain('12 occurrences')
    const before = commits
    await act(() => vi.advanceTimersByTimeAsync(30_000))
    await act(() => vi.advanceTimersByTimeAsync(30_000))
    expect(api.requests).toHaveLength(3)
    expect(commits).toBe(before)

    errors = 13
    await act(() => vi.advanceTimersByTimeAsync(30_000))
    expect(api.requests).toHaveLength(4)
    expect(screen.getByText('Payment gateway timeout').parentElement!.textContent).toContain('13 occurrences')
  })

  it('does not refresh while the page is hidden', async () => {
    const api = fixtureFetch()
    render(
      <DashboardProvider fetch={api.fetch} refreshMs={10_000}>
        <QualityView />
      </DashboardProvider>,
    )
    await settle()
    const hidden = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
    await act(() => vi.advanceTimersByTimeAsync(60_000))
    expect(api.requests).toHaveLength(1)
    hidden.mockRestore()
    await act(() => vi.advanceTimersByTimeAsync(10_000))
    expect(api.requests).toHaveLength(2)
  })

  it('keeps the last numbers and says the refresh failed when the collector goes away', async () => {
    let down = false
    const api = fixtureFetch()
    const flaky = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (down) throw new TypeError('Failed to fetch')
      return api.fetch(input, init)
    }) as typeof fetch
    render(
      <DashboardProvider fetch={flaky} refreshMs={10_000}>
        <QualityView />
      </DashboardProvider>,
    )
    await settle()
    down = true
    await act(() => vi.advanceTimersByTimeAsync(10_000))
    expect(screen.getByRole('alert').textContent).toMatch(
      /^Could not refresh: Could not reach the query API at \/api\/analytics\/query\/quality/,
    )
    expect(screen.getByText('Duplicates', { selector: 'dt' })).toBeTruthy()
  })

  it('aborts the request in flight when the view goes away', async () => {
    const api = fixtureFetch({ delayMs: 1000 })
    const { unmount } = render(
      <DashboardProvider fetch={api.fetch} refreshMs={0}>
        <QualityView />
      </DashboardProvider>,
    )
    expect(api.requests[0]!.signal!.aborted).toBe(false)
    unmount()
    expect(api.requests[0]!.signal!.aborted).toBe(true)
  })
})

describe('the date range', () => {
  it('sends a relative window from the time of each request, and custom days as they are', async () => {
    const api = fixtureFetch()
    render(<Dashboard fetch={api.fetch} refreshMs={0} initialRoute="quality" />)
    await settle()
    expect(api.requests[0]!.url.searchParams.has('from')).toBe(false)
    fireEvent.change(screen.getByLabelText('Date range'), { target: { value: '7d' } })
    await settle()
    expect(api.requests.at(-1)!.url.searchParams.get('from')).toBe('2026-11-30T12:00:00.000Z')
    fireEvent.change(screen.getByLabelText('Date range'), { target: { value: 'custom' } })
    await settle()
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-01' } })
    await settle()
    const last = api.requests.at(-1)!.url.searchParams
    expect([last.get('from'), last.get('to')]).toEqual(['2026-12-01', '2026-12-07'])
  })
})

describe('styles', () => {
  it('scopes every rule under .ikdash, so nothing reaches the host app', () => {
    const selectors = dashboardStyles
      .replace(/@media[^{]*\{/g, '')
      .split('}')
      .map((block) => block.split('{')[0]!.trim())
      .filter(Boolean)
    expect(selectors.length).toBeGreaterThan(40)
    for (const group of selectors)
      for (const selector of group.split(','))
        expect(selector.trim(), `selector "${selector.trim()}"`).toMatch(/^\.ikdash[\s.:-]|^\.ikdash$/)
  })

  it('adds its stylesheet to the document once, however many views are shown', async () => {
    const api = fixtureFetch()
    render(
      <DashboardProvider fetch={api.fetch} refreshMs={0}>
        <QualityView />
        <OverviewView />
      </DashboardProvider>,
    )
    await settle()
    expect(document.querySelectorAll('#instrumentkit-dashboard-styles')).toHaveLength(1)
  })
})
