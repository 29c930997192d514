import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ExperimentsFeature } from '../../playground/src/features/experiments.js'
import { experimentsOf } from '../../src/index.js'
import { AnalyticsProvider } from '../../src/react.js'
import { createTestAnalytics } from '../../src/testing.js'

afterEach(cleanup)

describe('playground experiments feature', () => {
  it('shows the assignment, forces a variation, and converts with the assignment attached', async () => {
    const analytics = createTestAnalytics({ anonymousId: 'visitor_1' })
    render(
      <AnalyticsProvider client={analytics}>
        <ExperimentsFeature />
      </AnalyticsProvider>,
    )
    await act(async () => {})
    const hashed = experimentsOf(analytics).assign({
      key: 'checkout_flow',
      variations: ['control', 'treatment'],
    })
    expect(screen.getByTestId('experiment-assignment').textContent).toContain(`You see ${hashed.variation}`)
    expect(analytics.eventsNamed('experiment_exposed')).toHaveLength(1)

    act(() => screen.getByText('Convert (0)').click())
    expect(analytics.lastEvent('experiment_converted')?.context.experiments).toEqual({
      checkout_flow: hashed.variation,
    })

    const other = hashed.variation === 'control' ? 'treatment' : 'control'
    await act(async () => screen.getByLabelText(other).click())
    expect(screen.getByTestId('experiment-assignment').textContent).toContain(`You see ${other} (override)`)
    expect(screen.getByText(other === 'treatment' ? 'One-page checkout' : 'Classic checkout')).toBeTruthy()
    expect(analytics.eventsNamed('experiment_exposed')).toHaveLength(1)
  })
})
