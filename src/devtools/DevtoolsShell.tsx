import { useEffect, useId, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import type { Analytics } from '../core/createAnalytics.js'
import type { ExperimentDefinition } from '../experiments/defineExperiment.js'
import type { DevtoolsPosition } from './AnalyticsDevtools.js'
import type { OutcomeHistory } from './createOutcomeHistory.js'
import { DevtoolsPanel } from './DevtoolsPanel.js'
import { devtoolsStyles } from './devtoolsStyles.js'

/** Props of the lazily loaded part of the devtools. */
export interface DevtoolsShellProps {
  client: Analytics
  history: OutcomeHistory
  initialOpen: boolean
  position: DevtoolsPosition
  experiments?: readonly ExperimentDefinition[] | undefined
}

/**
 * Mounts the devtools in a shadow root appended to `document.body` (through a portal, so React
 * context and events still flow) and renders the toggle button and, when open, the panel.
 */
export function DevtoolsShell({ client, history, initialOpen, position, experiments }: DevtoolsShellProps) {
  const [mount, setMount] = useState<HTMLElement | null>(null)
  const [open, setOpen] = useState(initialOpen)
  const toggleRef = useRef<HTMLButtonElement>(null)
  const panelId = useId()

  useEffect(() => {
    const host = document.createElement('div')
    host.setAttribute('data-instrumentkit-devtools', '')
    const shadow = host.attachShadow({ mode: 'open' })
    const style = document.createElement('style')
    style.textContent = devtoolsStyles
    const container = document.createElement('div')
    shadow.append(style, container)
    document.body.append(host)
    setMount(container)
    return () => {
      host.remove()
      setMount(null)
    }
  }, [])

  if (!mount) return null

  const close = () => {
    setOpen(false)
    toggleRef.current?.focus()
  }

  // the panel opens away from the screen edge the toggle sits on
  const panel = open && (
    <DevtoolsPanel id={panelId} client={client} history={history} experiments={experiments} onClose={close} />
  )
  return createPortal(
    <div className={`ikd-root ikd-${position}`}>
      {position.startsWith('bottom') && panel}
      <button
        ref={toggleRef}
        type="button"
        className="ikd-toggle"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={open ? 'Close instrumentkit devtools' : 'Open instrumentkit devtools'}
        onClick={() => setOpen(!open)}
      >
        ◈ instrumentkit
      </button>
      {position.startsWith('top') && panel}
    </div>,
    mount,
  )
}
