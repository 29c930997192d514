import { act, cleanup, render, screen } from '@testing-library/react'
import { memo, useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Analytics } from '../../src/index.js'
import { AnalyticsProvider, TrackedButton, TrackingScope, useAnalytics, useTrack } from '../../src/react.js'
import { createTestAnalytics } from '../../src/testing.js'

const renders = { hook: 0, button: 0, reader: 0, child: 0, leaf: 0 }
const trackFunctions = new Set<unknown>()
let orphanClient: Analytics | undefined

beforeEach(() => {
  for (const key of Object.keys(renders) as (keyof typeof renders)[]) renders[key] = 0
  trackFunctions.clear()
})
afterEach(cleanup)

function HookUser() {
  renders.hook++
  const track = useTrack()
  return (
    <button type="button" onClick={() => track('hook_clicked')}>
      hook
    </button>
  )
}

function ButtonUser() {
  renders.button++
  return <TrackedButton event="button_clicked">button</TrackedButton>
}

function Reader() {
  renders.reader++
  useAnalytics()
  return null
}

const Child = memo(function Child({ onAdd }: { onAdd: () => void }) {
  renders.child++
  return (
    <button type="button" onClick={onAdd}>
      add
    </button>
  )
})

function Parent() {
  const [count, setCount] = useState(0)
  const track = useTrack()
  trackFunctions.add(track)
  return (
    <>
      <button type="button" onClick={() => setCount(count + 1)}>
        rerender {count}
      </button>
      <Child onAdd={() => track('item_added')} />
    </>
  )
}

const Leaf = memo(function Leaf() {
  renders.leaf++
  return <TrackedButton event="leaf_clicked">leaf</TrackedButton>
})

function Steps() {
  const [step, setStep] = useState(1)
  return (
    <TrackingScope properties={{ step }}>
      <button type="button" onClick={() => setStep(step + 1)}>
        next
      </button>
      <Leaf />
    </TrackingScope>
  )
}

function Clicker() {
  const track = useTrack()
  return (
    <button type="button" onClick={() => track('thing_clicked')}>
      click
    </button>
  )
}

function Orphan() {
  orphanClient = useAnalytics()
  const track = useTrack()
  return (
    <TrackedButton event="orphan_clicked" onClick={() => track('orphan_hook_used')}>
      orphan
    </TrackedButton>
  )
}

describe('AnalyticsProvider and useTrack', () => {
  it('tracking re-renders no consumer: hooks and tracked components render once', () => {
    const analytics = createTestAnalytics()
    render(
      <AnalyticsProvider client={analytics}>
        <HookUser />
        <ButtonUser />
        <Reader />
      </AnalyticsProvider>,
    )
    for (let i = 0; i < 5; i++) {
      act(() => screen.getByText('hook').click())
      act(() => screen.getByText('button').click())
      act(() => analytics.track('direct_call'))
    }
    expect(analytics.eventsNamed('hook_clicked')).toHaveLength(5)
    expect(analytics.eventsNamed('button_clicked')).toHaveLength(5)
    expect(renders).toMatchObject({ hook: 1, button: 1, reader: 1 })
  })

  it('useTrack returns the same function on every render of its component', () => {
    const analytics = createTestAnalytics()
    render(
      <AnalyticsProvider client={analytics}>
        <Parent />
      </AnalyticsProvider>,
    )
    for (let i = 0; i < 3; i++) act(() => screen.getByText(/rerender/).click())
    act(() => screen.getByText('add').click())
    expect(trackFunctions.size).toBe(1)
    expect(analytics.eventsNamed('item_added')).toHaveLength(1)
  })

  it('changing a scope’s properties re-renders nothing below it, and later events carry the new values', () => {
    const analytics = createTestAnalytics()
    render(
      <AnalyticsProvider client={analytics}>
        <Steps />
      </AnalyticsProvider>,
    )
    act(() => screen.getByText('next').click())
    act(() => screen.getByText('next').click())
    act(() => screen.getByText('leaf').click())
    expect(renders.leaf).toBe(1)
    expect(analytics.lastEvent('leaf_clicked')?.properties).toEqual({ step: 3 })
  })

  it('a new client given to the provider is used by hooks below it from then on', () => {
    const first = createTestAnalytics()
    const second = createTestAnalytics()
    const { rerender } = render(
      <AnalyticsProvider client={first}>
        <Clicker />
      </AnalyticsProvider>,
    )
    act(() => screen.getByText('click').click())
    rerender(
      <AnalyticsProvider client={second}>
        <Clicker />
      </AnalyticsProvider>,
    )
    act(() => screen.getByText('click').click())
    expect(first.eventsNamed('thing_clicked')).toHaveLength(1)
    expect(second.eventsNamed('thing_clicked')).toHaveLength(1)
  })
})

describe('without a provider', () => {
  it('hooks and components get a client that drops everything, and one development warning is printed', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    render(
      <>
        <Orphan />
        <Orphan />
      </>,
    )
    act(() => screen.getAllByText('orphan')[0]!.click())
    const state = orphanClient!.getState()
    expect(state.consent).toBe('denied')
    expect(state.ledger.delivered + state.ledger.pending).toBe(0)
    // the click's two events (and the session_started before them) were all dropped
    expect(state.ledger.tracked).toBeGreaterThanOrEqual(2)
    expect(state.ledger.dropped.consent_denied).toBe(state.ledger.tracked)
    const ours = warn.mock.calls.filter((call) => String(call[0]).includes('outside <AnalyticsProvider>'))
    expect(ours).toHaveLength(1)
    expect(String(ours[0]![0])).toMatch(/^\[instrumentkit\] /)
    warn.mockRestore()
  })
})
