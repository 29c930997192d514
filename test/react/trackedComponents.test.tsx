import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { createRef, StrictMode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AnalyticsProvider, TrackedButton, TrackedForm, TrackedLink, TrackingScope } from '../../src/react.js'
import { createTestAnalytics, type TestAnalytics } from '../../src/testing.js'

let analytics: TestAnalytics
beforeEach(() => {
  analytics = createTestAnalytics()
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const inProvider = (ui: React.ReactNode) =>
  render(<AnalyticsProvider client={analytics}>{ui}</AnalyticsProvider>)

// the markup a plain element renders, for "adds no element and forwards every prop"
const plainHtml = (ui: React.ReactNode) => {
  const { container, unmount } = render(ui)
  const html = container.innerHTML
  unmount()
  return html
}

function Signup(props: Partial<React.ComponentProps<typeof TrackedForm>>) {
  return (
    <TrackedForm name="signup" properties={{ plan: 'pro' }} onSubmit={(e) => e.preventDefault()} {...props}>
      <input name="email" aria-label="email" />
      <input type="checkbox" id="terms" aria-label="terms" />
      <button type="submit">Sign up</button>
    </TrackedForm>
  )
}

describe('TrackedButton', () => {
  it('renders exactly the plain <button>: same markup, every prop forwarded, no wrapper', () => {
    const props = {
      id: 'buy',
      className: 'primary',
      type: 'submit' as const,
      disabled: false,
      'aria-label': 'Buy now',
      'data-sku': 'sku_1',
      style: { color: 'red' },
      title: 'Buy',
    }
    const plain = plainHtml(<button {...props}>Buy</button>)
    const { container } = inProvider(
      <TrackedButton event="buy_button_clicked" properties={{ sku: 'sku_1' }} {...props}>
        Buy
      </TrackedButton>,
    )
    expect(container.innerHTML).toBe(plain)
  })

  it('forwards the ref to the <button> element', () => {
    const ref = createRef<HTMLButtonElement>()
    inProvider(
      <TrackedButton ref={ref} event="x_clicked">
        x
      </TrackedButton>,
    )
    expect(ref.current).toBeInstanceOf(HTMLButtonElement)
    expect(ref.current?.textContent).toBe('x')
  })

  it('forwards a callback ref too: it gets the <button> on mount and null on unmount', () => {
    const seen: (HTMLButtonElement | null)[] = []
    const { unmount } = inProvider(
      <TrackedButton ref={(el) => void seen.push(el)} event="x_clicked">
        x
      </TrackedButton>,
    )
    unmount()
    expect(seen).toHaveLength(2)
    expect(seen[0]).toBeInstanceOf(HTMLButtonElement)
    expect(seen[1]).toBeNull()
  })

  it('tracks the event with its properties, then calls the user’s onClick with the click event', () => {
    const order: string[] = []
    analytics.subscribe((o) => {
      if (o.type === 'queued' && o.event.event_name === 'buy_button_clicked') order.push('tracked')
    })
    const onClick = vi.fn((_event: React.MouseEvent) => order.push('handler'))
    inProvider(
      <TrackingScope properties={{ page: 'cart' }}>
        <TrackedButton event="buy_button_clicked" properties={{ cart_value: 42 }} onClick={onClick}>
          Buy
        </TrackedButton>
      </TrackingScope>,
    )
    act(() => screen.getByText('Buy').click())
    expect(order).toEqual(['tracked', 'handler'])
    expect(onClick.mock.calls[0]![0]).toHaveProperty('type', 'click')
    expect(analytics.lastEvent('buy_button_clicked')?.properties).toEqual({ page: 'cart', cart_value: 42 })
  })

  it('tracks nothing when disabled, like a plain button that cannot be clicked', () => {
    inProvider(
      <TrackedButton event="buy_button_clicked" disabled>
        Buy
      </TrackedButton>,
    )
    act(() => screen.getByText('Buy').click())
    expect(analytics.eventsNamed('buy_button_clicked')).toHaveLength(0)
  })
})

describe('TrackedLink', () => {
  it('renders exactly the plain <a> and forwards the ref', () => {
    const props = { href: 'https://example.org/docs', target: '_blank', rel: 'noopener', className: 'link' }
    const plain = plainHtml(<a {...props}>Docs</a>)
    const ref = createRef<HTMLAnchorElement>()
    const { container } = inProvider(
      <TrackedLink ref={ref} event="docs_link_clicked" {...props}>
        Docs
      </TrackedLink>,
    )
    expect(container.innerHTML).toBe(plain)
    expect(ref.current).toBeInstanceOf(HTMLAnchorElement)
  })

  it('hands the click event to delivery synchronously, before the navigation it causes can unload the page', () => {
    const queuedDuringClick: string[] = []
    function onClick(e: React.MouseEvent) {
      // what the browser does next is navigate; by now the event must already be in the queue
      e.preventDefault()
      queuedDuringClick.push(...analytics.events.map((ev) => ev.event_name))
      // session_started and the click
      expect(analytics.getState().queueSize).toBe(2)
    }
    inProvider(
      <TrackedLink href="http://127.0.0.1:9999/elsewhere" event="partner_link_clicked" onClick={onClick}>
        Partner
      </TrackedLink>,
    )
    act(() => screen.getByText('Partner').click())
    expect(queuedDuringClick).toContain('partner_link_clicked')
  })

  it('counts a middle-click (new tab) but not a right-click, and calls the user’s onAuxClick for both', () => {
    const onAuxClick = vi.fn()
    inProvider(
      <TrackedLink href="/p/1" event="product_link_clicked" onAuxClick={onAuxClick}>
        Product
      </TrackedLink>,
    )
    const link = screen.getByText('Product')
    fireEvent(link, new MouseEvent('auxclick', { bubbles: true, button: 1 }))
    fireEvent(link, new MouseEvent('auxclick', { bubbles: true, button: 2 }))
    expect(analytics.eventsNamed('product_link_clicked')).toHaveLength(1)
    expect(onAuxClick).toHaveBeenCalledTimes(2)
  })
})

describe('TrackedForm', () => {
  it('renders exactly the plain <form> and forwards the ref', () => {
    const plain = plainHtml(
      <form name="signup" className="f">
        <input name="q" />
      </form>,
    )
    const ref = createRef<HTMLFormElement>()
    const { container } = inProvider(
      <TrackedForm ref={ref} name="signup" className="f">
        <input name="q" />
      </TrackedForm>,
    )
    expect(container.innerHTML).toBe(plain)
    expect(ref.current).toBeInstanceOf(HTMLFormElement)
  })

  it('tracks form_started once on the first input, then form_submitted with the time since it started', () => {
    vi.useFakeTimers()
    analytics = createTestAnalytics()
    const onInput = vi.fn()
    const onChange = vi.fn()
    const onSubmit = vi.fn((e: React.FormEvent) => e.preventDefault())
    inProvider(<Signup onInput={onInput} onChange={onChange} onSubmit={onSubmit} />)
    fireEvent.input(screen.getByLabelText('email'), { target: { value: 'a' } })
    vi.advanceTimersByTime(1_500)
    fireEvent.input(screen.getByLabelText('email'), { target: { value: 'ab' } })
    fireEvent.click(screen.getByLabelText('terms'))
    vi.advanceTimersByTime(2_000)
    fireEvent.submit(screen.getByText('Sign up'))
    expect(analytics.events.map((e) => e.event_name).filter((n) => n.startsWith('form_'))).toEqual([
      'form_started',
      'form_submitted',
    ])
    expect(analytics.lastEvent('form_started')?.properties).toEqual({ form_name: 'signup', plan: 'pro' })
    expect(analytics.lastEvent('form_submitted')?.properties).toEqual({
      form_name: 'signup',
      plan: 'pro',
      duration_ms: 3_500,
    })
    expect(onInput).toHaveBeenCalled()
    expect(onChange).toHaveBeenCalled()
    expect(onSubmit).toHaveBeenCalledTimes(1)
  })

  it('tracks form_abandoned with duration and the last field when unmounted after starting', () => {
    vi.useFakeTimers()
    analytics = createTestAnalytics()
    const { unmount } = inProvider(<Signup event="signup_form" />)
    fireEvent.input(screen.getByLabelText('email'), { target: { value: 'a' } })
    fireEvent.click(screen.getByLabelText('terms'))
    vi.advanceTimersByTime(4_000)
    unmount()
    expect(analytics.lastEvent('signup_form_abandoned')?.properties).toEqual({
      form_name: 'signup',
      plan: 'pro',
      duration_ms: 4_000,
      last_field: 'terms',
    })
    expect(analytics.eventsNamed('signup_form_submitted')).toHaveLength(0)
  })

  it('reports abandonment with the properties of the last render, not those it was started with', () => {
    const { rerender, unmount } = inProvider(<Signup properties={{ plan: 'pro' }} />)
    fireEvent.input(screen.getByLabelText('email'), { target: { value: 'a' } })
    rerender(
      <AnalyticsProvider client={analytics}>
        <Signup name="signup_v2" properties={{ plan: 'team' }} />
      </AnalyticsProvider>,
    )
    unmount()
    expect(analytics.lastEvent('form_started')?.properties).toMatchObject({
      form_name: 'signup',
      plan: 'pro',
    })
    expect(analytics.lastEvent('form_abandoned')?.properties).toMatchObject({
      form_name: 'signup_v2',
      plan: 'team',
    })
  })

  it('never reads field values: no value typed into a field appears in any event', () => {
    inProvider(<Signup />)
    fireEvent.input(screen.getByLabelText('email'), { target: { value: 'jane@example.com' } })
    cleanup()
    expect(JSON.stringify(analytics.events)).not.toContain('jane')
  })

  it('tracks form_abandoned on pagehide, before the delivery’s own pagehide handling', () => {
    const seenAtDeliveryTime: string[] = []
    inProvider(<Signup />)
    // registered later than the form’s listener would be by a client created before render,
    // here registered first, bubbling: the form’s capture listener must still run before it
    window.addEventListener('pagehide', () =>
      seenAtDeliveryTime.push(...analytics.events.map((e) => e.event_name)),
    )
    fireEvent.input(screen.getByLabelText('email'), { target: { value: 'a' } })
    window.dispatchEvent(new Event('pagehide'))
    expect(seenAtDeliveryTime).toContain('form_abandoned')
    cleanup()
    // already reported; unmounting afterwards does not report it twice
    expect(analytics.eventsNamed('form_abandoned')).toHaveLength(1)
  })

  it('one pagehide reports every started form once, and neither an untouched nor a submitted one', () => {
    inProvider(
      <>
        <Signup name="a" />
        <Signup name="b" />
        <Signup name="untouched" />
        <Signup name="sent" />
      </>,
    )
    const [a, b, , sent] = screen.getAllByLabelText('email')
    fireEvent.input(a as HTMLElement, { target: { value: 'x' } })
    fireEvent.input(b as HTMLElement, { target: { value: 'y' } })
    fireEvent.input(sent as HTMLElement, { target: { value: 'z' } })
    fireEvent.submit(screen.getAllByText('Sign up')[3] as HTMLElement)
    window.dispatchEvent(new Event('pagehide'))
    // the page can come back from the back/forward cache and be hidden again: nothing is reported twice
    window.dispatchEvent(new Event('pagehide'))
    cleanup()
    const abandoned = analytics.eventsNamed('form_abandoned').map((e) => e.properties.form_name)
    expect(abandoned.sort()).toEqual(['a', 'b'])
    expect(analytics.eventsNamed('form_submitted').map((e) => e.properties.form_name)).toEqual(['sent'])
  })

  it('does not report abandonment when submitted, or when never started; StrictMode changes nothing', () => {
    const { unmount } = render(
      <StrictMode>
        <AnalyticsProvider client={analytics}>
          <Signup />
        </AnalyticsProvider>
      </StrictMode>,
    )
    fireEvent.input(screen.getByLabelText('email'), { target: { value: 'a' } })
    fireEvent.submit(screen.getByText('Sign up'))
    unmount()
    inProvider(<Signup />)
    cleanup()
    const names = analytics.events.map((e) => e.event_name).filter((n) => n.startsWith('form_'))
    expect(names).toEqual(['form_started', 'form_submitted'])
  })

  it('a form used again after submitting starts a new attempt', () => {
    inProvider(<Signup />)
    fireEvent.input(screen.getByLabelText('email'), { target: { value: 'a' } })
    fireEvent.submit(screen.getByText('Sign up'))
    fireEvent.input(screen.getByLabelText('email'), { target: { value: 'b' } })
    cleanup()
    const names = analytics.events.map((e) => e.event_name).filter((n) => n.startsWith('form_'))
    expect(names).toEqual(['form_started', 'form_submitted', 'form_started', 'form_abandoned'])
  })
})
