import { composeStories } from '@storybook/react-vite'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import * as stories from '../../stories/Hooks.stories.js'

// Each hook's story renders and its event log shows what the hook emitted.

const { UseTrack, UsePageView, UseAnalytics, TypedHooks } = composeStories(stories)
const logged = () =>
  [...screen.getByRole('complementary', { name: /Events/ }).querySelectorAll('li > div > code')].map(
    (c) => c.textContent,
  )
const logText = () => screen.getByRole('complementary', { name: /Events/ }).textContent ?? ''

afterEach(cleanup)

it('the useTrack story logs the search it tracked, with its query', async () => {
  render(<UseTrack />)
  fireEvent.click(screen.getByRole('button', { name: 'Search' }))
  await waitFor(() => expect(logged()).toEqual(['search_performed']))
  expect(logText()).toContain('trail shoes')
})

it('the usePageView story logs one page view per page', async () => {
  render(<UsePageView />)
  await waitFor(() => expect(logged()).toEqual(['page_viewed']))
  fireEvent.click(screen.getByRole('button', { name: /Go to pricing/ }))
  await waitFor(() => expect(logged()).toEqual(['page_viewed', 'page_viewed']))
  expect(logText()).toContain('pricing')
})

it('the useAnalytics story identifies the user and shows the new state', async () => {
  render(<UseAnalytics />)
  fireEvent.click(screen.getByRole('button', { name: /Identify/ }))
  await waitFor(() => expect(logged()).toEqual(['user_identified']))
  expect(screen.getByText('user_8x92j4k1')).toBeTruthy()
})

it('the typed hooks story tracks through the typed useTrack', async () => {
  render(<TypedHooks />)
  fireEvent.click(screen.getByRole('button', { name: /team plan/ }))
  await waitFor(() => expect(logged()).toEqual(['plan_selected']))
})

it("the hooks stories' controls change what is tracked: the event, the page view's section, the user", async () => {
  const search = render(<UseTrack event="catalogue_searched" resultsCount={12} />)
  fireEvent.click(screen.getByRole('button', { name: 'Search' }))
  await waitFor(() => expect(logged()).toEqual(['catalogue_searched']))
  expect(logText()).toContain('"results_count": 12')
  search.unmount()

  const view = render(<UsePageView section="blog" />)
  await waitFor(() => expect(logText()).toContain('"section": "blog"'))
  view.unmount()

  render(<UseAnalytics userId="user_42" plan="pro" />)
  fireEvent.click(screen.getByRole('button', { name: 'Identify user_42' }))
  await waitFor(() => expect(logged()).toEqual(['user_identified']))
  expect(logText()).toContain('"plan": "pro"')
})
