// The page of the one-identity test: a client that keeps its ids in the identity cookie, an experiment
// exposed on load, a button whose click is tracked and then buys through the page's own server.
import {
  createAnalytics,
  defineExperiment,
  fetchTransport,
  keepIdentityCookie,
  withExperiments,
} from '../../../src/index.js'

const checkoutFlow = defineExperiment({
  key: 'checkout_flow',
  variations: ['control', 'one_page', 'express'],
})
const analytics = createAnalytics({
  transport: fetchTransport({ url: '/api/analytics/batch' }),
  experiments: withExperiments(),
})
keepIdentityCookie(analytics)
const { variation } = analytics.experiments.assign(checkoutFlow)
analytics.experiments.expose(checkoutFlow)
const button = document.getElementById('buy') as HTMLButtonElement
button.textContent = `Buy (${variation})`
button.addEventListener('click', async () => {
  analytics.track('checkout_button_clicked', { variation })
  await analytics.flush()
  const response = await fetch('/api/buy', { method: 'POST' })
  document.getElementById('status')!.textContent = response.ok ? 'bought' : `failed ${response.status}`
})
