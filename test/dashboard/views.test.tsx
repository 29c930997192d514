import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  BusinessView,
  Dashboard,
  DashboardProvider,
  ExperimentsView,
  ExperimentView,
  FunnelView,
  OverviewView,
  QualityView,
  RetentionView,
} from '../../src/dashboard.js'
import type { FunnelReport } from '../../src/server.js'
import {
  experimentFlatFixture,
  experimentSrmFixture,
  experimentWinFixture,
  fixtureFetch,
  fixtures,
  overviewEmptyFixture,
} from '../../stories/dashboard/fixtures.js'

// the whole suite shares two cores: a first render that pulls in every view may take seconds
vi.setConfig({ testTimeout: 20_000 })
configure({ asyncUtilTimeout: 5_000 })

// the fixtures' bodies, for answers that change one field
const fixtureFetchBody = (name: keyof typeof fixtures) => structuredClone(fixtures[name])

afterEach(() => {
  cleanup()
  sessionStorage.clear()
})

function renderWith(ui: React.ReactNode, options: Parameters<typeof fixtureFetch>[0] = {}) {
  const api = fixtureFetch(options)
  const result = render(
    <DashboardProvider fetch={api.fetch} refreshMs={0}>
      {ui}
    </DashboardProvider>,
  )
  return { ...result, requests: api.requests }
}

const text = (el: HTMLElement) => el.textContent?.replace(/\s+/g, ' ').trim() ?? ''

/** An `answer` giving the funnel fixture these steps. */
const funnelSteps = (steps: FunnelReport['steps']) => (report: string) =>
  report === 'funnel' ? { status: 200, body: { ...fixtureFetchBody('funnel'), steps } } : undefined

describe('OverviewView', () => {
  it('shows the operational numbers, service health with a lagging queue and grouped errors', async () => {
    const { requests } = renderWith(<OverviewView />)
    await screen.findByText('Requests per second')
    expect(requests[0]!.url.pathname).toBe('/api/analytics/query/overview')
    const tiles = text(screen.getByText('Requests per second').closest('dl')!)
    expect(tiles).toContain('Requests per second1,234')
    expect(tiles).toContain('Error rate (5xx)0.12%')
    expect(tiles).toContain('Latency p50145 ms')
    expect(tiles).toContain('p95 410 ms · p99 980 ms')
    expect(tiles).toContain('Active users, 5 min8,456')

    const orders = screen.getByRole('row', { name: /Queue orders/ })
    expect(text(orders)).toContain('Lagging')
    expect(text(orders)).toContain('5,400 waiting')
    expect(text(screen.getByRole('row', { name: /payments.charge/ }))).toContain('Failing')
    expect(text(screen.getByRole('row', { name: /^Collector/ }))).toContain('Healthy')

    expect(screen.getByText('Payment gateway timeout').parentElement!.textContent).toContain('12 occurrences')
    // ratings are words, not only colours
    expect(text(screen.getByRole('row', { name: /^CLS/ }))).toContain('Poor')
    expect(text(screen.getByRole('row', { name: /^INP/ }))).toContain('Needs improvement')
  })

  it('says what to instrument when no request metrics arrived', async () => {
    renderWith(<OverviewView />, {
      answer: (report) => (report === 'overview' ? { status: 200, body: overviewEmptyFixture } : undefined),
    })
    expect(await screen.findByText(/No request metrics in this window/)).toHaveProperty(
      'textContent',
      expect.stringContaining('http.server.duration.ms'),
    )
    expect(text(screen.getByText('Error rate (5xx)').parentElement!)).toContain('—')
  })
})

describe('BusinessView', () => {
  it('compares the day with the day before in words and arrows, and lists the daily numbers', async () => {
    const { requests } = renderWith(<BusinessView conversion="order_completed" />)
    const signups = await screen.findByText('Signups', { selector: 'dt' })
    expect(requests[0]!.url.searchParams.get('conversion')).toBe('order_completed')
    expect(text(signups.parentElement!)).toBe('Signups342▲ +20.0% vs 2026-12-06')
    expect(text(screen.getByText('Conversions', { selector: 'dt' }).parentElement!)).toBe(
      'Conversions1,150▼ −8.0% vs 2026-12-06',
    )
    expect(text(screen.getByText('Revenue', { selector: 'dt' }).parentElement!)).toContain('52,341.00')
    expect(text(screen.getByText('Sessions', { selector: 'dt' }).parentElement!)).toContain(
      'median length 5.2 min',
    )
    const table = screen.getByRole('table')
    expect(within(table).getAllByRole('row')).toHaveLength(15)
    expect(text(within(table).getByRole('row', { name: /2026-12-07/ }))).toMatch(/^2026-12-07/)
  })
})

describe('FunnelView', () => {
  it('asks for the steps in order and states the conversion from the first to the last', async () => {
    const { requests } = renderWith(
      <FunnelView
        steps={['page_viewed', 'signup_completed', 'trial_started', 'checkout_completed']}
        within={86_400}
      />,
    )
    await screen.findByText(/of users who did page_viewed/)
    const asked = requests[0]!.url.searchParams
    expect(asked.get('steps')).toBe('page_viewed,signup_completed,trial_started,checkout_completed')
    expect(asked.get('within')).toBe('86400')
    expect(text(screen.getByText(/of users who did page_viewed/))).toBe(
      '1.2% of users who did page_viewed went on to checkout_completed within 1 d.',
    )
    expect(screen.getByText(/→ 12.0% → 45.0%/).textContent).toContain('100.0% → 12.0% → 45.0% → 23.0%')
    const steps = within(screen.getByRole('list', { name: 'Funnel steps' })).getAllByRole('listitem')
    expect(text(steps[1]!)).toContain('1,200 users')
    expect(text(steps[1]!)).toContain('median 2.4 min after the previous step')
  })

  it('sends new steps when they are changed, and none while fewer than two are named', async () => {
    const { requests } = renderWith(<FunnelView steps={['page_viewed']} />)
    expect(screen.getByText(/Name at least two events/)).toBeTruthy()
    expect(requests).toHaveLength(0)
    fireEvent.change(screen.getByLabelText(/Steps, in order/), {
      target: { value: 'page_viewed, checkout_completed' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Show funnel' }))
    await screen.findByText(/of users who did/)
    expect(requests.at(-1)!.url.searchParams.get('steps')).toBe('page_viewed,checkout_completed')
  })

  it('shows the 400 message of a bad parameter', async () => {
    renderWith(<FunnelView steps={['a', 'b']} />, {
      answer: (report) =>
        report === 'funnel'
          ? { status: 400, body: { error: 'steps: "a" is not an event name', param: 'steps' } }
          : undefined,
    })
    expect(text(await screen.findByRole('alert'))).toBe(
      'Could not load this report: steps: "a" is not an event name',
    )
  })

  it('says nobody entered when the first step has no users', async () => {
    const none = { users: 0, conversion_from_first: null, conversion_from_previous: null }
    renderWith(<FunnelView steps={['a_b', 'c_d']} />, {
      answer: funnelSteps([
        { event: 'a_b', ...none, median_seconds_from_previous: null },
        { event: 'c_d', ...none, median_seconds_from_previous: null },
      ]),
    })
    expect(
      await screen.findByText('No user did a_b in this window, so no one entered the funnel.'),
    ).toBeTruthy()
  })

  it('counts one user as "1 user", as a first visit shows it', async () => {
    const one = { users: 1, conversion_from_first: 1, conversion_from_previous: 1 }
    renderWith(<FunnelView steps={['page_viewed', 'signup_button_clicked']} />, {
      answer: funnelSteps([
        { event: 'page_viewed', ...one, median_seconds_from_previous: null },
        { event: 'signup_button_clicked', ...one, median_seconds_from_previous: 0.3 },
      ]),
    })
    await screen.findByText(/of users who did page_viewed/)
    const steps = within(screen.getByRole('list', { name: 'Funnel steps' })).getAllByRole('listitem')
    expect(steps).toHaveLength(2)
    for (const step of steps) {
      expect(text(step)).toContain('1 user')
      expect(text(step)).not.toContain('1 users')
    }
  })
})

describe('RetentionView', () => {
  it('writes every cohort cell as a percentage and leaves periods not begun empty', async () => {
    const { requests } = renderWith(<RetentionView period="day" />)
    const row = await screen.findByRole('row', { name: /2026-12-05/ })
    expect(requests[0]!.url.searchParams.get('period')).toBe('day')
    const cells = within(row).getAllByRole('cell').map(text)
    expect(cells).toEqual(['350', '100.0%', '40.0%', '28.0%', 'not begun'])
    expect(screen.getByRole('columnheader', { name: 'Day 3' })).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Cohorts by'), { target: { value: 'week' } })
    await waitFor(() => expect(requests.at(-1)!.url.searchParams.get('period')).toBe('week'))
  })
})

describe('ExperimentView', () => {
  it('states the quoted result in words, with the interval and day N of M', async () => {
    const { requests } = renderWith(
      <ExperimentView experimentKey="new_checkout_flow" metric="checkout_completed" value="order_value" />,
    )
    await screen.findByText(/Treatment \+10% conversion/)
    const asked = requests[0]!.url.searchParams
    expect([asked.get('key'), asked.get('metric'), asked.get('value')]).toEqual([
      'new_checkout_flow',
      'checkout_completed',
      'order_value',
    ])
    expect(screen.getByText(/Treatment \+10% conversion/).textContent).toBe(
      'Treatment +10% conversion (p<0.05): better than control, significant.',
    )
    expect(screen.getByText('Day 7 of 14')).toBeTruthy()
    expect(screen.queryByText(/Not significant/)).toBeNull()
    expect(screen.queryByText(/Sample ratio mismatch/)).toBeNull()
    expect(screen.getByText(/37 units saw more than one variant/)).toBeTruthy()
    const treatment = screen.getByRole('row', { name: /^treatment/ })
    const cells = within(treatment).getAllByRole('cell').map(text)
    expect(cells.slice(0, 5)).toEqual(['10,445', '1,150', '11.0%', '52,341.00', '5.01'])
    expect(cells[5]).toBe('+10%')
    expect(cells[7]).toBe(experimentWinFixture.variants[1]!.p_value!.toFixed(4))
    expect(cells[7]).toBe('0.0174')
    const interval = screen.getByRole('img', { name: /treatment lift against control/ })
    expect(interval.getAttribute('aria-label')).toMatch(
      /^treatment lift against control: \+10%, interval \+1\.8% to \+19%$/,
    )
  })

  it('flags an insignificant result plainly and says the interval includes no change', async () => {
    renderWith(<ExperimentView experimentKey="x" metric="checkout_completed" />, {
      answer: (report) =>
        report === 'experiment' ? { status: 200, body: experimentFlatFixture } : undefined,
    })
    expect((await screen.findByText(/^Treatment/)).textContent).toMatch(
      /^Treatment \+4\.\d% conversion \(p=0\.\d\d\): not significant/,
    )
    expect(screen.getByText(/Not significant: at this sample size/)).toBeTruthy()
    expect(screen.getByText(/the interval includes no change/)).toBeTruthy()
  })

  it('warns of a sample ratio mismatch before anything else', async () => {
    renderWith(<ExperimentView experimentKey="x" metric="checkout_completed" />, {
      answer: (report) => (report === 'experiment' ? { status: 200, body: experimentSrmFixture } : undefined),
    })
    const alert = await screen.findByRole('alert')
    expect(text(alert)).toMatch(
      /^Sample ratio mismatch \(p<0.001\)\. Units did not split as planned \(expected 10,000 \/ 10,000, got 9,000 \/ 11,000\)/,
    )
    expect(text(alert)).toContain('cannot be trusted')
  })
})

describe('ExperimentsView', () => {
  it('lists each experiment with its status, day N of M and a plain SRM flag, and opens one', async () => {
    const opened: string[] = []
    renderWith(<ExperimentsView onSelect={(key) => opened.push(key)} />)
    const win = await screen.findByRole('row', { name: /new_checkout_flow/ })
    expect(text(win)).toContain('Running')
    expect(text(win)).toContain('Day 7 of 14')
    expect(text(win)).toContain('control 10,234 · treatment 10,445')
    expect(text(win)).toContain('37 excluded (saw more than one variant)')
    expect(text(win)).toContain('As planned')
    const srm = screen.getByRole('row', { name: /pricing_page/ })
    expect(text(srm)).toContain('Sample ratio mismatch (p<0.001)')
    expect(text(srm)).toContain('Day 5 (no planned length)')
    fireEvent.click(within(win).getByRole('button', { name: 'Open experiment new_checkout_flow' }))
    expect(opened).toEqual(['new_checkout_flow'])
  })
})

describe('QualityView', () => {
  it('counts duplicates, bots, rejections, late events, skew, catalogue misses and client drops', async () => {
    renderWith(<QualityView lateAfter={600} />)
    await screen.findByText('Duplicates')
    expect(text(screen.getByText('Duplicates').parentElement!)).toBe(
      'Duplicates1,2500.50% of received, counted once',
    )
    expect(text(screen.getByText('Late events').parentElement!)).toContain('worst 2.3 d')
    expect(text(screen.getByRole('row', { name: /invalid_event/ }))).toBe('invalid_event12 requests41')
    expect(text(screen.getByRole('row', { name: /promo_banner_closed/ }))).toBe('promo_banner_closed420')
    expect(text(screen.getByRole('row', { name: /^checkout_completed/ }))).toContain(
      'order_value: expected number',
    )
    expect(text(screen.getByRole('row', { name: /queue_full/ }))).toBe('queue_full12')
    expect(text(screen.getByRole('list', { name: 'Events by clock skew' }))).toContain('over 1 h150 (0.06%)')
  })
})

describe('Dashboard', () => {
  it('moves between sections from its navigation and opens an experiment from the list', async () => {
    const api = fixtureFetch()
    const routes: string[] = []
    render(<Dashboard fetch={api.fetch} refreshMs={0} onRouteChange={(r) => routes.push(r)} />)
    await screen.findByText('Requests per second')
    const nav = screen.getByRole('navigation', { name: 'Dashboard sections' })
    expect(within(nav).getByRole('button', { name: 'Overview' }).getAttribute('aria-current')).toBe('page')
    fireEvent.click(within(nav).getByRole('button', { name: 'Experiments' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Open experiment new_checkout_flow' }))
    await screen.findByText(/Treatment \+10% conversion/)
    expect(routes).toEqual(['experiments', 'experiments/new_checkout_flow'])
    expect(api.requests.at(-1)!.url.searchParams.get('metric')).toBe('checkout_completed')
    fireEvent.click(screen.getByRole('button', { name: '← All experiments' }))
    await screen.findByRole('row', { name: /pricing_page/ })
  })
})

describe('FunnelView breakdown', () => {
  it('compares the groups of a breakdown step by step', async () => {
    const step = (event: string, users: number, first: number) => ({
      event,
      users,
      conversion_from_first: users / first,
      conversion_from_previous: null,
      median_seconds_from_previous: null,
    })
    const { requests } = renderWith(
      <FunnelView steps={['page_viewed', 'checkout_completed']} breakdown="experiment:checkout_flow" />,
      {
        answer: (report) =>
          report === 'funnel'
            ? {
                status: 200,
                body: {
                  ...fixtures.funnel,
                  steps: [step('page_viewed', 200, 200), step('checkout_completed', 50, 200)],
                  breakdown: {
                    by: 'experiment:checkout_flow',
                    groups: [
                      {
                        value: 'control',
                        steps: [step('page_viewed', 100, 100), step('checkout_completed', 20, 100)],
                      },
                      {
                        value: 'one_page',
                        steps: [step('page_viewed', 100, 100), step('checkout_completed', 30, 100)],
                      },
                    ],
                  },
                },
              }
            : undefined,
      },
    )
    const table = await screen.findByRole('table', { name: 'By experiment:checkout_flow' })
    expect(requests[0]!.url.searchParams.get('breakdown')).toBe('experiment:checkout_flow')
    expect(within(table).getAllByRole('row').map(text)).toEqual([
      'experiment:checkout_flowpage_viewedcheckout_completedConverted',
      'control1002020.0%',
      'one_page1003030.0%',
    ])
  })
})
