// Shared part of every SDK adapter. Bundled into each adapter's page script, so the measured loops
// run inside the page, against that SDK's own copy of React.
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'

/** The properties every SDK is given: a product impression from a search results list. */
export function propertiesFor(i) {
  return {
    product_id: `sku_${10_000 + (i % 500)}`,
    price: 19.99,
    currency: 'USD',
    position: i % 20,
    list: 'search',
  }
}

/**
 * Installs `window.__bench` for one SDK.
 * `adapter`: { init(): Promise, track(name, properties), flush?(): Promise,
 *              react?: { Wrapper, TrackedButton, useTrackFn } } where `useTrackFn()` is the SDK's hook
 *              returning a function `(name, properties) => void`.
 */
export function defineAdapter(adapter) {
  const track = adapter.track
  const react = adapter.react
  const bench = {
    init: () => adapter.init(),
    flush: () => (adapter.flush ? adapter.flush() : Promise.resolve()),
    /** Calls track n times in a row; returns the elapsed milliseconds. */
    burst(n, offset = 0) {
      const t0 = performance.now()
      for (let i = 0; i < n; i++) track('product_viewed', propertiesFor(offset + i))
      return performance.now() - t0
    },
    hasReact: react !== undefined,
  }
  if (react) {
    const { Wrapper, TrackedButton, useTrackFn } = react
    const plain = (n) => {
      const items = []
      for (let i = 0; i < n; i++)
        items.push(
          // biome-ignore lint/a11y/useButtonType: exactly the element each SDK's tracked button renders
          <button key={i} onClick={noop}>
            Add to cart {i}
          </button>,
        )
      return <div>{items}</div>
    }
    const tracked = (n) => {
      const items = []
      for (let i = 0; i < n; i++)
        items.push(
          <TrackedButton key={i} event="cart_item_added" properties={propertiesFor(i)}>
            Add to cart {i}
          </TrackedButton>,
        )
      return (
        <Wrapper>
          <div>{items}</div>
        </Wrapper>
      )
    }
    /**
     * Mounts n buttons (`plain` or SDK-`tracked`) in a fresh root; returns how much `clock` (default
     * wall milliseconds) advanced during the mount alone.
     */
    bench.mount = (kind, n, clock = () => performance.now()) => {
      const container = document.createElement('div')
      document.body.appendChild(container)
      const root = createRoot(container)
      const element = kind === 'plain' ? plain(n) : tracked(n)
      const t0 = clock()
      flushSync(() => root.render(element))
      const elapsed = clock() - t0
      const count = container.querySelectorAll('button').length
      root.unmount()
      container.remove()
      if (count !== n) throw new Error(`${kind}: rendered ${count} buttons, expected ${n}`)
      return elapsed
    }
    /**
     * Renders the provider with a component that uses the SDK's hook, clicks a button wired to it
     * `clicks` times and resolves the number of renders of that component caused by the clicks.
     */
    bench.rerenders = async (clicks) => {
      let renders = 0
      function Probe() {
        renders++
        const trackFn = useTrackFn()
        return (
          <button type="button" id="probe" onClick={() => trackFn('cart_item_added', propertiesFor(1))}>
            Add
          </button>
        )
      }
      const container = document.createElement('div')
      document.body.appendChild(container)
      const root = createRoot(container)
      flushSync(() =>
        root.render(
          <Wrapper>
            <Probe />
          </Wrapper>,
        ),
      )
      await new Promise((r) => setTimeout(r, 50))
      const before = renders
      const button = container.querySelector('#probe')
      for (let i = 0; i < clicks; i++) button.click()
      // let any store updates, effects and flush timers that tracking triggers run
      await new Promise((r) => setTimeout(r, 200))
      const caused = renders - before
      root.unmount()
      container.remove()
      return caused
    }
  }
  window.__bench = bench
}

function noop() {}
