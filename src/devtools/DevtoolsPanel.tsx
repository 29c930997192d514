import { type KeyboardEvent, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { Analytics } from '../core/createAnalytics.js'
import type { ExperimentDefinition } from '../experiments/defineExperiment.js'
import type { OutcomeHistory } from './createOutcomeHistory.js'
import { DeliveryTab } from './DeliveryTab.js'
import { EventsTab } from './EventsTab.js'
import { ExperimentsTab } from './ExperimentsTab.js'
import { IdentityTab } from './IdentityTab.js'
import { MetricsTab } from './MetricsTab.js'

const TABS = [
  { key: 'events', label: 'Events' },
  { key: 'delivery', label: 'Delivery' },
  { key: 'metrics', label: 'Metrics' },
  { key: 'experiments', label: 'Experiments' },
  { key: 'identity', label: 'Consent & identity' },
] as const

type TabKey = (typeof TABS)[number]['key']

/** How often an open panel re-reads state that changes without an outcome (consent, identity, queue). */
const POLL_MS = 1_000

/** Props of `DevtoolsPanel`. */
export interface DevtoolsPanelProps {
  id: string
  client: Analytics
  history: OutcomeHistory
  experiments?: readonly ExperimentDefinition[] | undefined
  onClose(): void
}

/**
 * The open panel: a header with the ledger in one line, and tabs (arrow keys, Home and End move
 * between them; Escape closes the panel). It re-renders at most once per task while outcomes arrive.
 */
export function DevtoolsPanel({ id, client, history, experiments, onClose }: DevtoolsPanelProps) {
  useSyncExternalStore(history.subscribe, history.version, history.version)
  const [tab, setTab] = useState<TabKey>('events')
  const tabRefs = useRef(new Map<TabKey, HTMLButtonElement>())
  const firstTab = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    firstTab.current?.focus()
  }, [])

  useEffect(() => {
    let last = ''
    const timer = setInterval(() => {
      const s = client.getState()
      const key = `${s.consent}|${s.userId}|${s.anonymousId}|${s.sessionId}|${s.queueSize}`
      if (last && key !== last) history.touch()
      last = key
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [client, history])

  const state = client.getState()
  const { ledger } = state

  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.key === tab)
    const n = TABS.length
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % n
        : e.key === 'ArrowLeft'
          ? (i - 1 + n) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1
    if (next < 0) return
    e.preventDefault()
    const key = TABS[next]!.key
    setTab(key)
    tabRefs.current.get(key)?.focus()
  }

  return (
    <section
      id={id}
      role="dialog"
      aria-modal="false"
      aria-label="instrumentkit devtools"
      className="ikd-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
    >
      <header className="ikd-head">
        <span className="ikd-title">instrumentkit</span>
        <span className="ikd-summary" data-testid="ledger-summary">
          {ledger.tracked} tracked · {ledger.delivered} delivered · {ledger.droppedTotal} dropped ·{' '}
          {ledger.pending} pending
        </span>
        <button type="button" aria-label="Close devtools" onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="ikd-tabs" role="tablist" aria-label="Devtools sections" onKeyDown={onTabKey}>
        {TABS.map((t, i) => (
          <button
            key={t.key}
            ref={(el) => {
              if (el) tabRefs.current.set(t.key, el)
              if (i === 0) firstTab.current = el
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`${id}-panel`}
            tabIndex={tab === t.key ? 0 : -1}
            className="ikd-tab"
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        className="ikd-body"
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${tab}`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable tab panel must be reachable by keyboard
        tabIndex={0}
      >
        {tab === 'events' && <EventsTab history={history} />}
        {tab === 'delivery' && <DeliveryTab client={client} history={history} state={state} />}
        {tab === 'metrics' && <MetricsTab client={client} history={history} />}
        {tab === 'experiments' && (
          <ExperimentsTab client={client} history={history} definitions={experiments} />
        )}
        {tab === 'identity' && <IdentityTab client={client} history={history} state={state} />}
      </div>
    </section>
  )
}
