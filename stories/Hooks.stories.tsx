import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { createAnalyticsHooks, useAnalytics, usePageView, useTrack } from '../src/react.js'
import type { TestAnalytics } from '../src/testing.js'
import { useStoryAnalytics, withEventLog } from './support/EventLog.js'

/** What the search box tracks on submit. */
interface SearchBoxProps {
  /** The event tracked on each search. */
  event: string
  /** The number of results the search reports, sent as `results_count`. */
  resultsCount: number
}

function SearchBox({ event, resultsCount }: SearchBoxProps) {
  const track = useTrack()
  const [query, setQuery] = useState('trail shoes')
  return (
    <form
      className="ik-actions"
      onSubmit={(e) => {
        e.preventDefault()
        track(event, { query, results_count: resultsCount })
      }}
    >
      <input aria-label="Search" value={query} onChange={(e) => setQuery(e.target.value)} />
      <button type="submit">Search</button>
    </form>
  )
}

function UseTrackDemo(props: SearchBoxProps) {
  return (
    <>
      <p>
        <code>useTrack()</code> returns one stable function that merges the enclosing scopes' properties.
      </p>
      <SearchBox {...props} />
    </>
  )
}

function Page({ name, section }: { name: string; section: string }) {
  usePageView({ page: name, section }, [name, section])
  return <p>This is the {name} page.</p>
}

/** The page view's properties: its `section` changes with the control, and a change is a new view. */
function UsePageViewDemo({ section }: { section: string }) {
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
      <Page name={page} section={section} />
    </>
  )
}

function UseAnalyticsDemo({ userId, plan }: { userId: string; plan: string }) {
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
          analytics.identify(userId, { plan })
          setState(analytics.getState())
        }}
      >
        Identify {userId}
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

/** Search: `search_performed` carries the query; the controls change the event and its result count. */
export const UseTrack: StoryObj<typeof UseTrackDemo> = {
  args: { event: 'search_performed', resultsCount: 3 },
  render: (args) => <UseTrackDemo {...args} />,
}

/** Each page (and each change of the `section` control) is one `page_viewed`. */
export const UsePageView: StoryObj<typeof UsePageViewDemo> = {
  args: { section: 'marketing' },
  render: (args) => <UsePageViewDemo {...args} />,
}

/** `identify` sends `user_identified` with the traits and sets `user_id` on every later event. */
export const UseAnalytics: StoryObj<typeof UseAnalyticsDemo> = {
  args: { userId: 'user_8x92j4k1', plan: 'team' },
  render: (args) => <UseAnalyticsDemo {...args} />,
}

export const TypedHooks: Story = { render: () => <TypedHooksDemo /> }
