import { defineExperiment } from 'instrumentkit'

/** Shared by the server (assignment while rendering) and the browser (exposure, attribution). */
export const checkoutButton = defineExperiment({
  key: 'checkout_button',
  variations: ['control', 'green'],
})
