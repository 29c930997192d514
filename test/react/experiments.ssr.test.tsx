import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createAnalytics, defineExperiment, experimentsOf } from '../../src/index.js'
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
})
