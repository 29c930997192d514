import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { EventLogFrame, useStoryAnalytics } from '../../stories/support/EventLog.js'

afterEach(cleanup)

function Tracker({ name }: { name: string }) {
  const analytics = useStoryAnalytics()
  return (
    <button type="button" onClick={() => analytics.track(name, { n: 1 })}>
      go
    </button>
  )
}

describe('EventLogFrame (story helper)', () => {
  it('lists the events the story tracked, with their properties, and hides session_started', async () => {
    render(
      <EventLogFrame>
        <Tracker name="demo_clicked" />
      </EventLogFrame>,
    )
    expect(screen.getByText('Nothing tracked yet.')).toBeTruthy()
    await act(async () => screen.getByText('go').click())
    const log = screen.getByRole('log')
    expect(log.querySelectorAll(':scope > li')).toHaveLength(1)
    expect(log.textContent).toContain('demo_clicked')
    expect(log.textContent).toContain('"n": 1')
    expect(log.textContent).not.toContain('session_started')
  })

  it('shows drops with their reason, using the client options given to the frame', async () => {
    render(
      <EventLogFrame options={{ client: { naming: 'strict' } }}>
        <Tracker name="BadName" />
      </EventLogFrame>,
    )
    await act(async () => screen.getByText('go').click())
    expect(screen.getByRole('log').textContent).toContain('dropped: naming')
  })
})
