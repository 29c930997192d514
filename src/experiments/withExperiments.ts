import type { Analytics, AnalyticsPlugin } from '../core/createAnalytics.js'
import { createExperiments, type Experiments, type ExperimentsOptions } from './createExperiments.js'

// the experiments of each client, whether given as an option or installed on first use
const installed = new WeakMap<Analytics, Experiments>()

/**
 * Opt-in A/B experiments: `analytics.experiments` with deterministic assignment, deduplicated exposure
 * and QA overrides. Clients made without it carry none of this code.
 *
 * @example
 * const analytics = createAnalytics({ transport, experiments: withExperiments({ overrides: { checkout_flow: 1 } }) })
 * analytics.experiments.assign(checkoutFlow).variation
 */
export function withExperiments(options: ExperimentsOptions = {}): AnalyticsPlugin<Experiments> {
  return (client) => {
    let experiments = installed.get(client)
    if (!experiments) {
      const { internals } = client
      experiments = createExperiments(
        {
          client: () => client,
          identity: internals.identity,
          store: internals.store,
        },
        options,
      )
      installed.set(client, experiments)
    }
    return experiments
  }
}

/**
 * The experiments of `client`: those given with `withExperiments(options)`, else default ones installed
 * now, once per client. `useExperiment` and `<Experiment>` use it, so an app needs no set-up for them.
 */
export function experimentsOf(client: Analytics): Experiments {
  return installed.get(client) ?? withExperiments()(client)
}
