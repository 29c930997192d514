// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { expect, it } from 'vitest'
import { Dashboard, ExperimentView } from '../../src/dashboard.js'

it('renders on the server without touching browser globals, as loading until the client fetches', () => {
  const html = renderToString(<Dashboard initialRoute="funnel" />)
  expect(html).toContain('Loading…')
  expect(html).toContain('aria-current="page"')
  expect(
    renderToString(<ExperimentView experimentKey="checkout_flow" metric="checkout_completed" />),
  ).toContain('Experiment: checkout_flow')
})
