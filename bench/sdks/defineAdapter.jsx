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
 *              react?: { Wrapper, TrackedButton, TrackedLink?, TrackedForm?, useTrackFn } } where
 *              `useTrackFn()` is the SDK's hook returning a function `(name, properties) => void`.
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
    const { Wrapper, TrackedButton, TrackedLink, TrackedForm, useTrackFn } = react
    /**
     * A suite: n elements written by hand (`plain`: what each tracked component renders) and n of the
     * SDK's components inside its provider (`tracked`), with the same children and the same user props.
     */
    const suite = (tag, plainItem, trackedItem) => {
      const list = (n, item) => {
        const items = []
        for (let i = 0; i < n; i++) items.push(item(i))
        return <div>{items}</div>
      }
      return {
        tag,
        plain: (n) => list(n, plainItem),
        tracked: (n) => <Wrapper>{list(n, trackedItem)}</Wrapper>,
      }
    }
    const suites = {
      button: suite(
        'button',
        (i) => (
          // biome-ignore lint/a11y/useButtonType: exactly the element each SDK's tracked button renders
          <button key={i} onClick={noop}>
            Add to cart {i}
          </button>
        ),
        (i) => (
          <TrackedButton key={i} event="cart_item_added" properties={propertiesFor(i)}>
            Add to cart {i}
          </TrackedButton>
        ),
      ),
    }
    if (TrackedLink)
      suites.link = suite(
        'a',
        (i) => (
          <a key={i} href={`/products/${i}`} onClick={noop}>
            Product {i}
          </a>
        ),
        (i) => (
          <TrackedLink
            key={i}
            href={`/products/${i}`}
            event="product_link_clicked"
            properties={propertiesFor(i)}
          >
            Product {i}
          </TrackedLink>
        ),
      )
    if (TrackedForm)
      suites.form = suite(
        'form',
        (i) => (
          <form key={i} name={`form_${i}`} onSubmit={noop}>
            Form {i}
          </form>
        ),
        (i) => (
          <TrackedForm
            key={i}
            name={`form_${i}`}
            event="signup_form"
            properties={propertiesFor(i)}
            onSubmit={noop}
          >
            Form {i}
          </TrackedForm>
        ),
      )
    /** The suites this SDK can be measured in: `button` for every SDK, `link` and `form` where it has them. */
    bench.mountSuites = Object.keys(suites)
    /**
     * Mounts n elements of `suite` in a fresh root: `plain` elements, the SDK's `tracked` components, or
     * `control`, the plain elements again through the very same path (an A/A comparison that shows what
     * the method itself adds). `measure(run)` calls `run()` and returns what it measured around it
     * (default: wall milliseconds); building the elements and unmounting are outside it.
     */
    bench.mount = (name, kind, n, measure = timeWall) => {
      const s = suites[name]
      const container = document.createElement('div')
      document.body.appendChild(container)
      const root = createRoot(container)
      const element = kind === 'tracked' ? s.tracked(n) : s.plain(n)
      const measured = measure(() => flushSync(() => root.render(element)))
      const count = container.querySelectorAll(s.tag).length
      root.unmount()
      container.remove()
      if (count !== n) throw new Error(`${name}/${kind}: rendered ${count} <${s.tag}>, expected ${n}`)
      return measured
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

function timeWall(run) {
  const t0 = performance.now()
  run()
  return performance.now() - t0
}
