import { defineExperiment } from '../../src/index.js'

/**
 * The checkout A/B test: the classic three-step checkout (control) against a one-page checkout
 * (treatment), half of the visitors each. Force a variation for QA with `?checkout_flow=0` or `=1`,
 * or from the devtools: forced visitors see the variation but are not counted in the experiment.
 */
export const checkoutFlow = defineExperiment({
  key: 'checkout_flow',
  variations: ['control', 'treatment'],
  weights: [0.5, 0.5],
})

/** Every experiment the shop runs, for the devtools and the checkout page. */
export const experiments = [checkoutFlow]
