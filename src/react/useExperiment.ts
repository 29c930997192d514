import { useEffect, useMemo, useSyncExternalStore } from 'react'
import type { Properties } from '../core/types.js'
import { controlOf } from '../experiments/assignVariation.js'
import type { Assignment, ExperimentDefinition } from '../experiments/defineExperiment.js'
import { experimentsOf } from '../experiments/withExperiments.js'
import { orphanFrame, trackIn, useFrame } from './analyticsContext.js'
import { useLatest } from './useLatest.js'
import { useOnVisible, type VisibilityOptions } from './useOnVisible.js'

/** When the exposure is tracked: after the variant is rendered (default), once it has been seen, or by you. */
export type ExposeOn = 'render' | 'visible' | 'manual'

/** Options of `useExperiment` and `<Experiment>`. */
export interface UseExperimentOptions extends Omit<VisibilityOptions, 'once'> {
  /** Default `'render'`; with `'visible'`, attach `ref` to the variant's element. */
  exposeOn?: ExposeOn
}

/** What `useExperiment` returns: the assignment plus the means to expose and convert. */
export interface ExperimentResult<TVariation extends string = string> extends Assignment<TVariation> {
  /** For `exposeOn: 'visible'`: put it on the element whose visibility counts. A no-op otherwise. */
  ref: (element: Element | null) => void
  /** Tracks the exposure now (deduplicated like every exposure). For `exposeOn: 'manual'`. */
  expose: () => void
  /**
   * Tracks a conversion (default `experiment_converted`) with the enclosing scopes' properties, plus
   * `experiment_key` and `variation_name` when the unit is in the experiment. Every event already carries
   * the assignment in `context.experiments`; this makes the link explicit at the call site.
   */
  trackConversion: (event?: string, properties?: Properties) => void
}

const detached = () => {}

/**
 * The variation of `experiment` this user sees, typed as the union of its variation names. Re-renders
 * only when this experiment's assignment changes (an override, a login), never for other experiments or
 * for tracking. The exposure is tracked in an effect, so never on the server, and deduplicated per unit,
 * experiment and variant per session: StrictMode, remounts and several readers give one exposure. A
 * client made without `withExperiments()` gets default experiments on first use. Outside
 * `<AnalyticsProvider>` it returns the control (the first variation, reason `no_client`) on the server
 * and in the browser alike, tracks nothing, and warns once in development.
 *
 * @example
 * const { variation, trackConversion } = useExperiment(checkoutFlow)
 * return variation === 'one_page' ? <OnePageCheckout onDone={() => trackConversion('checkout_completed')} /> : <Checkout />
 */
export function useExperiment<const TVariation extends string>(
  experiment: ExperimentDefinition<TVariation>,
  { exposeOn = 'render', ...visibility }: UseExperimentOptions = {},
): ExperimentResult<TVariation> {
  const frame = useFrame('useExperiment()')
  const orphan = frame === orphanFrame()
  const experiments = experimentsOf(frame.client)
  // outside a provider there is no unit to hash: everyone sees the control, on the server and in the
  // browser alike
  const read = () => (orphan ? controlOf(experiment, 'no_client') : experiments.assign(experiment))
  const assignment = useSyncExternalStore(experiments.subscribe, read, read)
  const latest = useLatest({ frame, assignment })

  useEffect(() => {
    if (exposeOn === 'render' && !orphan) experiments.expose(assignment)
  }, [exposeOn, experiments, assignment, orphan])

  // the latest frame and assignment are read when called, so these stay the same functions for good
  const actions = useMemo(
    () => ({
      expose() {
        const { frame, assignment } = latest.current
        if (frame !== orphanFrame()) experimentsOf(frame.client).expose(assignment)
      },
      trackConversion(event = 'experiment_converted', properties?: Properties) {
        const { frame, assignment: a } = latest.current
        trackIn(
          frame,
          event,
          a.reason === 'hashed'
            ? { experiment_key: a.key, variation_name: a.variation, ...properties }
            : properties,
        )
      },
    }),
    [latest],
  )
  const visibleRef = useOnVisible(actions.expose, visibility)
  const ref = exposeOn === 'visible' ? visibleRef : detached

  return useMemo(() => ({ ...assignment, ref, ...actions }), [assignment, ref, actions])
}
