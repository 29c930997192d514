import { composeStories } from '@storybook/react-vite'
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import * as stories from '../../stories/Experiment.stories.js'

const { Variants, SameUnitSameVariant, ForcedVariant, RenderProp } = composeStories(stories)

afterEach(cleanup)

describe('Experiment stories', () => {
  it('show the variant and its exposure in the event log', async () => {
    render(<SameUnitSameVariant />)
    await act(async () => {})
    expect(screen.getByText('One-page checkout')).toBeTruthy()
    const log = screen.getByRole('log')
    expect(log.textContent).toContain('experiment_exposed')
    expect(log.textContent).toContain('"variation_name": "one_page"')
  })

  it('force a variation from the QA controls without exposing it', async () => {
    render(<SameUnitSameVariant />)
    await act(async () => {})
    const log = () => screen.getByRole('log').textContent ?? ''
    const exposures = () => log().match(/"event_name": "experiment_exposed"/g)?.length ?? 0
    // the visitor's own variant was exposed, once
    expect(exposures()).toBe(1)
    expect(log()).toContain('"variation_name": "one_page"')
    act(() => screen.getByLabelText('control').click())
    await act(async () => {})
    expect(screen.getByText('Checkout (3 steps)')).toBeTruthy()
    expect(screen.getByText(/override/)).toBeTruthy()
    // the forced variant is shown, and no exposure of it is logged
    expect(exposures()).toBe(1)
    expect(log()).not.toContain('"variation_name": "control"')
    cleanup()
    render(<ForcedVariant />)
    await act(async () => {})
    expect(screen.getByText('One-page checkout')).toBeTruthy()
    // nothing exposed: the log is still empty
    expect(screen.queryByRole('log')).toBeNull()
    expect(screen.getByText('Nothing tracked yet.')).toBeTruthy()
  })

  it('render the render-prop form', async () => {
    render(<RenderProp />)
    await act(async () => {})
    expect(screen.getByRole('heading', { level: 2 })).toBeTruthy()
  })

  it('follow the exposeOn control: with "manual" the exposure waits for the Expose button', async () => {
    render(<Variants exposeOn="manual" />)
    await act(async () => {})
    expect(screen.getByText('Nothing tracked yet.')).toBeTruthy()
    await act(async () => screen.getByRole('button', { name: 'Expose (manual)' }).click())
    expect(screen.getByRole('log').textContent).toContain('experiment_exposed')
  })
})
