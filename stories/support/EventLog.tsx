import type { Decorator } from '@storybook/react-vite'
import { createContext, type ReactNode, useContext, useEffect, useReducer, useState } from 'react'
import type { AnalyticsOptions, PipelineOutcome } from '../../src/index.js'
import { AnalyticsProvider } from '../../src/react.js'
import { createTestAnalytics, type TestAnalytics } from '../../src/testing.js'

/** Options of the event log panel and of the client a frame creates. */
export interface EventLogOptions {
  /** Passed to `createTestAnalytics` (event catalogue, privacy, sampling, consent…). */
  client?: AnalyticsOptions
  /** Event names left out of the panel (default `['session_started']`, which every new session sends). */
  hide?: string[]
  /** Heading of the panel (default "Events"). */
  title?: string
  /**
   * Keep the story and its log in the space above the devtools panel, which is fixed to the bottom of
   * the window, so the panel never covers them.
   */
  besideDevtools?: boolean
}

type Shown = Extract<PipelineOutcome, { type: 'queued' | 'dropped' | 'held' }>

const StoryClientContext = createContext<TestAnalytics | null>(null)

/**
 * The test client of the enclosing `withEventLog` frame, for stories that need more than the hooks give
 * (forcing a variant, changing consent, clearing the log). Throws outside a frame: it is a story helper.
 */
export function useStoryAnalytics(): TestAnalytics {
  const client = useContext(StoryClientContext)
  if (!client) throw new Error('useStoryAnalytics() needs the withEventLog() decorator on the story.')
  return client
}

/**
 * Lists what a test client recorded: each event that was queued (with the properties that were sent and
 * which of them the privacy stage redacted), held for consent, or dropped (with the reason). Newest last.
 * It reads `client.outcomes`, so events tracked before the panel mounted are shown too.
 */
export function EventLog({
  client,
  hide = ['session_started'],
  title = 'Events',
}: {
  client: TestAnalytics
  hide?: string[]
  title?: string
}) {
  const [, refresh] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    let scheduled = false
    // outcomes can arrive while another component renders; re-render on a microtask instead of inside it
    const unsubscribe = client.subscribe(() => {
      if (scheduled) return
      scheduled = true
      queueMicrotask(() => {
        scheduled = false
        refresh()
      })
    })
    refresh()
    return unsubscribe
  }, [client])

  const shown = client.outcomes.filter(
    (o): o is Shown =>
      (o.type === 'queued' || o.type === 'dropped' || o.type === 'held') && !hide.includes(nameOf(o)),
  )
  return (
    <aside aria-label={title} className="ik-log">
      <header className="ik-log-head">
        <strong>
          {title} ({shown.length})
        </strong>
        <button
          type="button"
          onClick={() => {
            client.clear()
            refresh()
          }}
        >
          Clear
        </button>
      </header>
      {shown.length === 0 ? (
        <p className="ik-log-empty">Nothing tracked yet.</p>
      ) : (
        <ol role="log">
          {shown.map((o, i) => (
            // the log only grows or is cleared, so the position is a stable key
            // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
            <li key={i}>
              <EventRow outcome={o} />
            </li>
          ))}
        </ol>
      )}
    </aside>
  )
}

function EventRow({ outcome }: { outcome: Shown }) {
  const event = outcome.event
  const badge =
    outcome.type === 'queued'
      ? { text: outcome.sampled ? 'queued (sampled)' : 'queued', kind: 'queued' }
      : outcome.type === 'held'
        ? { text: 'held for consent', kind: 'held' }
        : { text: `dropped: ${outcome.reason}`, kind: 'dropped' }
  return (
    <div>
      <code className="ik-log-name">{nameOf(outcome)}</code>{' '}
      <span className={`ik-badge ik-badge-${badge.kind}`}>{badge.text}</span>
      {outcome.type === 'dropped' && outcome.detail ? (
        <div className="ik-log-note ik-log-note-bad">{outcome.detail}</div>
      ) : null}
      {outcome.type === 'queued' && outcome.redacted.length > 0 ? (
        <div className="ik-log-note">redacted: {outcome.redacted.join(', ')}</div>
      ) : null}
      {event ? (
        <>
          <pre>{JSON.stringify(event.properties, null, 1)}</pre>
          <details>
            <summary>whole event</summary>
            <pre>{JSON.stringify(event, null, 1)}</pre>
          </details>
        </>
      ) : null}
    </div>
  )
}

/**
 * Creates one test client for its lifetime, provides it to `children` through `AnalyticsProvider`, and
 * shows the event log beside them. `withEventLog` wraps each story in one of these.
 */
export function EventLogFrame({
  options = {},
  children,
}: {
  options?: EventLogOptions
  children?: ReactNode
}) {
  const [client] = useState(() => createTestAnalytics(options.client))
  return (
    <StoryClientContext.Provider value={client}>
      <div className={`ik-story ik-story-frame${options.besideDevtools ? ' ik-beside-devtools' : ''}`}>
        <div className="ik-story-main">
          <AnalyticsProvider client={client}>{children}</AnalyticsProvider>
        </div>
        <EventLog
          client={client}
          {...(options.hide && { hide: options.hide })}
          {...(options.title && { title: options.title })}
        />
      </div>
    </StoryClientContext.Provider>
  )
}

/**
 * A Storybook decorator: every story gets a fresh `createTestAnalytics()` client, provided through
 * `AnalyticsProvider`, and a panel beside it listing the events the story emitted (queued, held or
 * dropped, with their properties). Per-story settings go in `parameters.eventLog` and win over the
 * ones given here.
 *
 * @example
 * const meta = {
 *   title: 'Components/TrackedButton',
 *   component: TrackedButton,
 *   decorators: [withEventLog()],
 * } satisfies Meta<typeof TrackedButton>
 *
 * export const Redacted: Story = {
 *   parameters: { eventLog: { client: { privacy: { hashKeys: ['user_email'], hash: sha256 } } } },
 * }
 */
export function withEventLog(options: EventLogOptions = {}): Decorator {
  return (Story, context) => {
    const perStory = (context.parameters as { eventLog?: EventLogOptions }).eventLog
    return (
      // a new key per story, so switching stories never shares a client
      <EventLogFrame key={context.id} options={{ ...options, ...perStory }}>
        <Story />
      </EventLogFrame>
    )
  }
}

function nameOf(o: Shown): string {
  return o.type === 'dropped' ? o.event_name : o.event.event_name
}
