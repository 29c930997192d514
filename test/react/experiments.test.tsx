import { act, cleanup, render, screen } from '@testing-library/react'
import { createRef, StrictMode, useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { chooseVariation, defineExperiment, experimentsOf, getBucketRanges, hash } from '../../src/index.js'
import { AnalyticsProvider, Experiment, useExperiment, Variant } from '../../src/react.js'
import { createTestAnalytics, type TestAnalytics } from '../../src/testing.js'
import { MockObserver, setVisible } from '../support/mockIntersectionObserver.js'

const checkout = defineExperiment({ key: 'checkout_flow', variations: ['control', 'one_page'] })

/** An anonymous id that the experiment puts in `variation`. */
const idFor = (variation: 'control' | 'one_page') => {
  for (let i = 0; ; i++) {
    const id = `anon_${i}`
    if (
      chooseVariation(hash('checkout_flow', id, 2)!, getBucketRanges(2)) === (variation === 'control' ? 0 : 1)
    )
      return id
  }
}

const exposures = (client: TestAnalytics) => client.eventsNamed('experiment_exposed').map((e) => e.properties)

const Checkout = () => (
  <Experiment experiment={checkout}>
    <Variant name="control">
      <button type="button">Checkout</button>
    </Variant>
    <Variant name="one_page">
      <button type="button">Buy now</button>
    </Variant>
  </Experiment>
)

function Reader() {
  const { variation } = useExperiment(checkout)
  return <span>{variation}</span>
}

function Page() {
  const [shown, setShown] = useState(true)
  return (
    <>
      <button type="button" onClick={() => setShown((s) => !s)}>
        toggle
      </button>
      {shown && (
        <>
          <Checkout />
          <Reader />
          <Reader />
        </>
      )}
    </>
  )
}

function Manual() {
  const { variation, expose } = useExperiment(checkout, { exposeOn: 'manual' })
  return (
    <button type="button" onClick={expose}>
      {variation}
    </button>
  )
}

function Buy() {
  const { trackConversion } = useExperiment(checkout)
  return (
    <button type="button" onClick={() => trackConversion('checkout_completed', { order_value: 42 })}>
      buy
    </button>
  )
}

const other = defineExperiment({ key: 'hero_copy', variations: ['short', 'long'] })
const renders = { checkout: 0, other: 0 }
function CheckoutReader() {
  renders.checkout++
  return <span>{useExperiment(checkout).variation}</span>
}

function OtherReader() {
  renders.other++
  return <span>{useExperiment(other).variation}</span>
}

function Alone() {
  const { variation } = useExperiment(checkout)
  return <span>{variation}</span>
}

let analytics: TestAnalytics
beforeEach(() => {
  vi.useFakeTimers()
  vi.stubGlobal('IntersectionObserver', MockObserver)
})
afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('<Experiment>', () => {
  it('renders the assigned variant and nothing else: no wrapper element', () => {
    analytics = createTestAnalytics({ anonymousId: idFor('one_page') })
    const { container } = render(
      <AnalyticsProvider client={analytics}>
        <Checkout />
      </AnalyticsProvider>,
    )
    expect(container.innerHTML).toBe('<button type="button">Buy now</button>')
    cleanup()
    const control = createTestAnalytics({ anonymousId: idFor('control') })
    const second = render(
      <AnalyticsProvider client={control}>
        <Checkout />
      </AnalyticsProvider>,
    )
    expect(second.container.innerHTML).toBe('<button type="button">Checkout</button>')
  })

  it('tracks exactly one exposure under StrictMode', () => {
    analytics = createTestAnalytics({ anonymousId: idFor('one_page') })
    render(
      <StrictMode>
        <AnalyticsProvider client={analytics}>
          <Checkout />
        </AnalyticsProvider>
      </StrictMode>,
    )
    expect(exposures(analytics)).toEqual([
      { experiment_key: 'checkout_flow', variation_name: 'one_page', variation_index: 1 },
    ])
  })

  it('tracks one exposure for several readers of one experiment, and none more on remount', () => {
    analytics = createTestAnalytics({ anonymousId: idFor('control') })
    render(
      <StrictMode>
        <AnalyticsProvider client={analytics}>
          <Page />
        </AnalyticsProvider>
      </StrictMode>,
    )
    expect(screen.getAllByText('control')).toHaveLength(2)
    act(() => screen.getByText('toggle').click())
    act(() => screen.getByText('toggle').click())
    expect(screen.getAllByText('control')).toHaveLength(2)
    expect(exposures(analytics)).toHaveLength(1)
  })

  it('shows the control and exposes no one while the experiment is inactive', () => {
    analytics = createTestAnalytics({ anonymousId: idFor('one_page') })
    render(
      <AnalyticsProvider client={analytics}>
        <Experiment experiment={{ ...checkout, active: false }}>
          <Variant name="control">old</Variant>
          <Variant name="one_page">new</Variant>
        </Experiment>
      </AnalyticsProvider>,
    )
    expect(screen.getByText('old')).toBeTruthy()
    expect(exposures(analytics)).toEqual([])
  })

  it('renders the fallback when no variant matches', () => {
    analytics = createTestAnalytics({ anonymousId: idFor('one_page') })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { container } = render(
      <AnalyticsProvider client={analytics}>
        <Experiment experiment={checkout} fallback={<p>default</p>}>
          <Variant name="control">old</Variant>
        </Experiment>
      </AnalyticsProvider>,
    )
    expect(container.innerHTML).toBe('<p>default</p>')
    warn.mockRestore()
  })

  it('never throws on a missing experiment: it renders the fallback and tracks nothing', () => {
    analytics = createTestAnalytics()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { container } = render(
      <AnalyticsProvider client={analytics}>
        <Experiment experiment={undefined as never} fallback={<p>default</p>}>
          <Variant name="control">old</Variant>
        </Experiment>
      </AnalyticsProvider>,
    )
    expect(container.innerHTML).toBe('<p>default</p>')
    expect(exposures(analytics)).toEqual([])
    warn.mockRestore()
  })

  it('passes the typed result to a render prop', () => {
    analytics = createTestAnalytics({ anonymousId: idFor('one_page') })
    render(
      <AnalyticsProvider client={analytics}>
        <Experiment experiment={checkout}>
          {({ variation, index, inExperiment }) => <output>{`${variation} ${index} ${inExperiment}`}</output>}
        </Experiment>
      </AnalyticsProvider>,
    )
    expect(screen.getByText('one_page 1 true')).toBeTruthy()
    expect(exposures(analytics)).toHaveLength(1)
  })

  it('on "visible", exposes only after the variant’s element was visible enough for long enough, keeping its own ref', () => {
    analytics = createTestAnalytics({ anonymousId: idFor('one_page') })
    const own = createRef<HTMLElement>()
    render(
      <AnalyticsProvider client={analytics}>
        <Experiment experiment={checkout} exposeOn="visible" threshold={0.5} minVisibleMs={1_000}>
          <Variant name="control">
            <section ref={own}>old</section>
          </Variant>
          <Variant name="one_page">
            <section ref={own}>new</section>
          </Variant>
        </Experiment>
      </AnalyticsProvider>,
    )
    const section = screen.getByText('new')
    expect(own.current).toBe(section)
    expect(exposures(analytics)).toEqual([])
    setVisible(section, 0.3)
    act(() => vi.advanceTimersByTime(5_000))
    expect(exposures(analytics)).toEqual([])
    setVisible(section, 0.8)
    act(() => vi.advanceTimersByTime(999))
    setVisible(section, 0)
    act(() => vi.advanceTimersByTime(5_000))
    expect(exposures(analytics)).toEqual([])
    setVisible(section, 0.8)
    act(() => vi.advanceTimersByTime(1_000))
    expect(exposures(analytics)).toHaveLength(1)
  })

  it('on "visible", places the ref through the render prop', () => {
    analytics = createTestAnalytics({ anonymousId: idFor('control') })
    render(
      <AnalyticsProvider client={analytics}>
        <Experiment experiment={checkout} exposeOn="visible" minVisibleMs={0}>
          {({ variation, ref }) => <h1 ref={ref}>{variation}</h1>}
        </Experiment>
      </AnalyticsProvider>,
    )
    setVisible(screen.getByText('control'), 1)
    act(() => vi.advanceTimersByTime(0))
    expect(exposures(analytics)).toEqual([
      { experiment_key: 'checkout_flow', variation_name: 'control', variation_index: 0 },
    ])
  })

  it('on "visible", is a no-op where IntersectionObserver is missing', () => {
    vi.stubGlobal('IntersectionObserver', undefined)
    analytics = createTestAnalytics({ anonymousId: idFor('control') })
    render(
      <AnalyticsProvider client={analytics}>
        <Experiment experiment={checkout} exposeOn="visible">
          <Variant name="control">
            <p>old</p>
          </Variant>
        </Experiment>
      </AnalyticsProvider>,
    )
    act(() => vi.advanceTimersByTime(10_000))
    expect(screen.getByText('old')).toBeTruthy()
    expect(exposures(analytics)).toEqual([])
  })
})

describe('useExperiment', () => {
  it('on "manual", exposes only when asked', () => {
    analytics = createTestAnalytics({ anonymousId: idFor('one_page') })
    render(
      <AnalyticsProvider client={analytics}>
        <Manual />
      </AnalyticsProvider>,
    )
    expect(exposures(analytics)).toEqual([])
    act(() => screen.getByText('one_page').click())
    act(() => screen.getByText('one_page').click())
    expect(exposures(analytics)).toHaveLength(1)
  })

  it('tracks conversions attributed to the variation, with the assignment in the context', () => {
    analytics = createTestAnalytics({ anonymousId: idFor('one_page') })
    render(
      <AnalyticsProvider client={analytics}>
        <Buy />
      </AnalyticsProvider>,
    )
    act(() => screen.getByText('buy').click())
    const event = analytics.lastEvent('checkout_completed')!
    expect(event.properties).toEqual({
      experiment_key: 'checkout_flow',
      variation_name: 'one_page',
      order_value: 42,
    })
    expect(event.context.experiments).toEqual({ checkout_flow: 'one_page' })
  })

  it('re-renders readers of a forced experiment and no reader of another', async () => {
    analytics = createTestAnalytics({ anonymousId: idFor('control') })
    renders.checkout = 0
    renders.other = 0
    render(
      <AnalyticsProvider client={analytics}>
        <CheckoutReader />
        <OtherReader />
      </AnalyticsProvider>,
    )
    await act(async () => {})
    const before = { ...renders }
    await act(async () => experimentsOf(analytics).override('checkout_flow', 'one_page'))
    expect(screen.getByText('one_page')).toBeTruthy()
    expect(renders.checkout).toBe(before.checkout + 1)
    expect(renders.other).toBe(before.other)
    // tracking re-renders nobody
    await act(async () => analytics.track('cart_viewed'))
    expect(renders).toEqual({ checkout: before.checkout + 1, other: before.other })
    // a forced variation is for QA: it is shown but not exposed
    expect(exposures(analytics).map((p) => p.variation_name)).toEqual(['control', 'short'])
  })

  it('without a provider, shows the control, tracks nothing and warns once in development', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    render(
      <>
        <Alone />
        <Alone />
      </>,
    )
    expect(screen.getAllByText('control')).toHaveLength(2)
    expect(screen.queryByText('one_page')).toBeNull()
    expect(warn.mock.calls.filter(([m]) => String(m).includes('outside <AnalyticsProvider>'))).toHaveLength(1)
    warn.mockRestore()
  })
})
