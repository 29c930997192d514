import { type ComponentType, type LazyExoticComponent, lazy, Suspense, useContext } from 'react'
import type { Analytics } from '../core/createAnalytics.js'
import type { ExperimentDefinition } from '../experiments/defineExperiment.js'
import { warnOnce } from '../lib/warn.js'
import { AnalyticsContext } from '../react/analyticsContext.js'
import { historyFor } from './createOutcomeHistory.js'
import type { DevtoolsShellProps } from './DevtoolsShell.js'

/** The corner the toggle button sits in; the panel opens from it. */
export type DevtoolsPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left'

/** Props of `AnalyticsDevtools` and `AnalyticsDevtoolsPanel`. */
export interface AnalyticsDevtoolsProps {
  /** The client to inspect (default: the one of the nearest `AnalyticsProvider`). */
  client?: Analytics
  /** Open the panel on first render (default false: only the toggle button is shown). */
  initialOpen?: boolean
  /** Corner of the toggle button (default `'bottom-right'`). */
  position?: DevtoolsPosition
  /**
   * The app's experiment definitions. Optional: assigned experiments are listed without them, but with
   * them every variation can be picked from a list, and experiments not read yet are listed too.
   */
  experiments?: readonly ExperimentDefinition[]
}

let Shell: LazyExoticComponent<ComponentType<DevtoolsShellProps>> | undefined

/**
 * The devtools panel in every build, production included: its code is loaded with a dynamic
 * `import()` the first time it renders, so it costs the main bundle a few hundred bytes. Use it
 * when you want the panel in production on purpose (a staging site, a `?debug` switch); otherwise
 * use `AnalyticsDevtools`.
 *
 * @example
 * const debug = new URLSearchParams(location.search).has('debug')
 * return debug ? <AnalyticsDevtoolsPanel /> : null
 */
export function AnalyticsDevtoolsPanel({
  client,
  initialOpen = false,
  position = 'bottom-right',
  experiments,
}: AnalyticsDevtoolsProps) {
  // read the context directly: without a provider, useAnalytics() would hand out a client that drops everything
  const frame = useContext(AnalyticsContext)
  const target = client ?? frame?.client
  if (!target) {
    if (process.env.NODE_ENV !== 'production')
      warnOnce('devtools-client', 'AnalyticsDevtools needs a `client` prop or an AnalyticsProvider above it.')
    return null
  }
  // started during render, before the app's effects run, so the first events are recorded too
  const history = historyFor(target)
  Shell ??= lazy(() => import('./DevtoolsShell.js').then((m) => ({ default: m.DevtoolsShell })))
  return (
    <Suspense fallback={null}>
      <Shell
        client={target}
        history={history}
        initialOpen={initialOpen}
        position={position}
        experiments={experiments}
      />
    </Suspense>
  )
}

function NoDevtools(_props: AnalyticsDevtoolsProps): null {
  return null
}

/**
 * An in-app panel showing, live, every event and its pipeline outcome, the delivery queue and its
 * batches, the ledger, metrics, consent and identity, and experiments with a control to force a
 * variant. When closed it renders only a toggle button.
 *
 * Development only: when `process.env.NODE_ENV === 'production'` it renders nothing and bundlers
 * leave the panel's code out of the bundle. For production, use `AnalyticsDevtoolsPanel`.
 *
 * @example
 * <AnalyticsProvider client={analytics}>
 *   <App />
 *   <AnalyticsDevtools />
 * </AnalyticsProvider>
 */
export const AnalyticsDevtools: (props: AnalyticsDevtoolsProps) => ReturnType<typeof AnalyticsDevtoolsPanel> =
  process.env.NODE_ENV === 'production' ? NoDevtools : AnalyticsDevtoolsPanel
