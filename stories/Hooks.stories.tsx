import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { createAnalyticsHooks, useAnalytics, usePageView, useTrack } from '../src/react.js'
import type { TestAnalytics } from '../src/testing.js'
import { useStoryAnalytics, withEventLog } from './support/EventLog.js'

function SearchBox() {
  const track = useTrack()
  const [query, setQuery] = useState('trail shoes')
  return (
    <form
      className="ik-actions"
      onSubmit={(e) => {
        e.preventDefault()
        track('search_performed', { query, results_count: 3 })
      }}
    >
      <input aria-label="Search" value={query} onChange={(e) => setQuery(e.target.value)} />
      <button type="submit">Search</button>
    </form>
  )
}

function UseTrackDemo() {
  return (
    <>
      <p>
        <code>useTrack()</code> returns one stable function that merges the enclosing scopes' properties.
      </p>
      <SearchBox />
    </>
  )
}

function Page({ name }: { name: string }) {
  usePageView({ page: name }, [name])
  return <p>This is the {name} page.</p>
}

function UsePageViewDemo() {
  const [page, setPage] = useState('home')
  return (
    <>
      <p>
        <code>usePageView(properties, deps)</code> tracks <code>page_viewed</code> once per mount and again
        when its deps change, exactly once under StrictMode.
      </p>
      <button type="button" onClick={() => setPage(page === 'home' ? 'pricing' : 'home')}>
        Go to {page === 'home' ? 'pricing' : 'home'}
      </button>
      <Page name={page} />
    </>
  )
}

function UseAnalyticsDemo() {
  const analytics = useAnalytics()
  const [state, setState] = useState(() => analytics.getState())
  return (
    <>
      <p>
        <code>useAnalytics()</code> is the provider's client: identify a user, then read its state.
      </p>
      <button
        type="button"
        onClick={() => {
          analytics.identify('user_8x92j4k1', { plan: 'team' })
          setState(analytics.getState())
        }}
      >
        Identify user_8x92j4k1
      </button>
      <p>
        user: <code>{state.userId ?? '(anonymous)'}</code>, tracked: <code>{state.ledger.tracked}</code>
      </p>
    </>
  )
}

// the typed hooks of one client: track names and properties are checked against its catalogue
type StoryClient = TestAnalytics
const typed = createAnalyticsHooks<StoryClient>()

function TypedHooksDemo() {
  const track = typed.useTrack()
  const client = useStoryAnalytics()
  return (
    <>
      <p>
        <code>createAnalyticsHooks&lt;typeof analytics&gt;()</code> gives the same hooks typed by your event
        catalogue (client: {client.getState().anonymousId.slice(0, 8)}…).
      </p>
      <button type="button" onClick={() => track('plan_selected', { plan: 'team' })}>
        Select the team plan
      </button>
    </>
  )
}

/** The hooks of `instrumentkit/react`, each with the events it emits. */
const meta = {
  title: 'Hooks/Tracking hooks',
  decorators: [withEventLog()],
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

export const UseTrack: Story = { render: () => <UseTrackDemo /> }
export const UsePageView: Story = { render: () => <UsePageViewDemo /> }
export const UseAnalytics: Story = { render: () => <UseAnalyticsDemo /> }
export const TypedHooks: Story = { render: () => <TypedHooksDemo /> }
