import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createAnalytics, defineExperiment, experimentsOf } from '../../src/index.js'
import { orphanFrame } from '../../src/react/analyticsContext.js'
import { AnalyticsProvider, Experiment, useExperiment, Variant } from '../../src/react.js'
import { createTestAnalytics } from '../../src/testing.js'

const layout = defineExperiment({
  key: 'product_layout',
  variations: ['grid', 'list', 'carousel', 'table'],
})

function Page() {
  const { variation } = useExperiment(layout)
  return (
    <main>
      <p>{`layout: ${variation}`}</p>
      <Experiment experiment={layout}>
        <Variant name="grid">
          <div className="grid">grid</div>
        </Variant>
        <Variant name="list">
          <ul className="list">list</ul>
        </Variant>
        <Variant name="carousel">
          <section className="carousel">carousel</section>
        </Variant>
        <Variant name="table">
          <table className="table" />
        </Variant>
      </Experiment>
    </main>
  )
}

// a control of 1%: any unit id hashed into this experiment would almost surely see something else
const pricing = defineExperiment({
  key: 'pricing_page',
  variations: ['control', 'annual', 'monthly', 'quarterly'],
  weights: [0.01, 0.33, 0.33, 0.33],
})
function Alone() {
  const { variation, inExperiment, reason } = useExperiment(pricing)
  return (
    <main>
      <p>{`${variation} ${inExperiment} ${reason}`}</p>
      <Experiment experiment={pricing}>
        <Variant name="control">
          <b>old price</b>
        </Variant>
        <Variant name="annual">
          <i>annual</i>
        </Variant>
      </Experiment>
    </main>
  )
}

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('server rendering of experiments', () => {
  it('renders the same variant on the server and the client for the same unit id, hydrating cleanly', async () => {
    const error = vi.spyOn(console, 'error')
    const seen = new Set<string>()
    for (let i = 0; i < 12; i++) {
      const anonymousId = `visitor_${i}`
      // the server: a client per request, with the id the server knows (e.g. from a cookie)
      const server = createAnalytics({ anonymousId, storage: false })
      const tracked: string[] = []
      server.subscribe((o) => {
        if (o.type === 'tracked') tracked.push(o.event.event_name)
      })
      const html = renderToString(
        <AnalyticsProvider client={server}>
          <Page />
        </AnalyticsProvider>,
      )
      expect(tracked).toEqual([])

      const container = document.createElement('div')
      container.innerHTML = html
      document.body.append(container)
      const browser = createTestAnalytics({ anonymousId })
      const root = await act(async () =>
        hydrateRoot(
          container,
          <AnalyticsProvider client={browser}>
            <Page />
          </AnalyticsProvider>,
        ),
      )
      expect(container.innerHTML).toBe(html)
      const variation = experimentsOf(browser).assign(layout).variation
      expect(html).toContain(`layout: ${variation}`)
      expect(container.querySelector(`.${variation}`)).not.toBeNull()
      expect(browser.eventsNamed('experiment_exposed').map((e) => e.properties.variation_name)).toEqual([
        variation,
      ])
      seen.add(variation)
      act(() => root.unmount())
      container.remove()
    }
    expect(error).not.toHaveBeenCalled()
    // the ids above land in several variants, so agreement is not an accident of one
    expect(seen.size).toBeGreaterThan(2)
  })

  it('without a provider renders the control on the server and in the browser, hydrates cleanly, tracks no exposure and warns once', async () => {
    const error = vi.spyOn(console, 'error')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const html = renderToString(<Alone />)
    expect(html).toContain('control false no_client')
    expect(html).toContain('<b>old price</b>')
    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const root = await act(async () => hydrateRoot(container, <Alone />))
    expect(container.innerHTML).toBe(html)
    expect(error).not.toHaveBeenCalled()
    // nothing reached the client behind a missing provider: no exposure was even attempted
    expect(orphanFrame().client.getState().ledger.tracked).toBe(0)
    const ours = warn.mock.calls.filter(([m]) => String(m).includes('outside <AnalyticsProvider>'))
    expect(ours).toHaveLength(1)
    expect(String(ours[0]![0])).toContain('experiments show their control')
    act(() => root.unmount())
    container.remove()
  })
})
