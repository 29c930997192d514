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
    render(<Variants />)
    await act(async () => {})
    act(() => screen.getByLabelText('one_page').click())
    await act(async () => {})
    expect(screen.getByText('One-page checkout')).toBeTruthy()
    expect(screen.getByText(/override/)).toBeTruthy()
    render(<ForcedVariant />)
    await act(async () => {})
    expect(screen.getAllByText('One-page checkout')).toHaveLength(2)
  })

  it('render the render-prop form', async () => {
    render(<RenderProp />)
    await act(async () => {})
    expect(screen.getByRole('heading', { level: 2 })).toBeTruthy()
  })
})
