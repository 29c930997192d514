import { useState, useSyncExternalStore } from 'react'
import { analyzeExperiment, experimentsOf } from '../../../src/index.js'
import { Experiment, useAnalytics, useExperiment, Variant } from '../../../src/react.js'
import { checkoutFlow } from '../experiments.js'

/** Shown as the section heading on the features page. */
export const title = 'Experiments: a checkout A/B test'

const pct = (x: number) => `${(x * 100).toFixed(2)}%`

/**
 * The checkout A/B test through `<Experiment>`: the variant this visitor is hashed into, one
 * `experiment_exposed` however often it renders, a conversion carrying the assignment, a QA control
 * that forces a variation (shown, never exposed), and `analyzeExperiment` on example counts.
 */
export function ExperimentsFeature() {
  const experiments = experimentsOf(useAnalytics())
  const snapshot = useSyncExternalStore(
    experiments.subscribe,
    experiments.getSnapshot,
    experiments.getSnapshot,
  )
  const { trackConversion } = useExperiment(checkoutFlow, { exposeOn: 'manual' })
  const [ordered, setOrdered] = useState(0)
  const forced = snapshot.overrides[checkoutFlow.key]
  const assignment = snapshot.assignments[checkoutFlow.key]

  return (
    <div>
      <Experiment experiment={checkoutFlow}>
        <Variant name="control">
          <div className="callout">
            <strong>Classic checkout</strong>: shipping, then payment, then review.
          </div>
        </Variant>
        <Variant name="treatment">
          <div className="callout">
            <strong>One-page checkout</strong>: everything on one page.
          </div>
        </Variant>
      </Experiment>

      <p data-testid="experiment-assignment">
        You see <strong>{assignment?.variation ?? '…'}</strong>{' '}
        {assignment &&
          (assignment.reason === 'hashed'
            ? `(hashed from your id ${assignment.unitId})`
            : `(${assignment.reason}${assignment.inExperiment ? '' : ', not in the experiment'})`)}
        .
      </p>

      <fieldset>
        <legend>QA: force a variation</legend>
        {(['hashed', ...checkoutFlow.variations] as const).map((choice) => (
          <label key={choice} className="check" style={{ display: 'inline-flex', marginRight: 12 }}>
            <input
              type="radio"
              name="checkout-flow-override"
              checked={choice === 'hashed' ? forced === undefined : forced === choice}
              onChange={() => experiments.override(checkoutFlow.key, choice === 'hashed' ? null : choice)}
            />
            {choice === 'hashed' ? 'as hashed' : choice}
          </label>
        ))}
        <p className="hint">
          Or add <code>?checkout_flow=1</code> to the URL. Forced visitors see the variation but are not
          exposed, and their events carry no <code>context.experiments</code>.
        </p>
      </fieldset>

      <button
        type="button"
        onClick={() => {
          trackConversion('experiment_converted', { order_value: 42 })
          setOrdered((n) => n + 1)
        }}
      >
        Convert ({ordered})
      </button>

      <Results />
    </div>
  )
}

const example = analyzeExperiment({
  variants: [
    { name: 'control', users: 10_234, conversions: 1_023, revenue: 512_000 },
    { name: 'treatment', users: 10_445, conversions: 1_150, revenue: 561_900 },
  ],
})

function Results() {
  return (
    <details>
      <summary>Reading the results: analyzeExperiment on example counts</summary>
      <table>
        <thead>
          <tr>
            <th>variant</th>
            <th>users</th>
            <th>conversion</th>
            <th>lift</th>
            <th>95% CI of the difference</th>
            <th>p-value</th>
            <th>revenue / user</th>
            <th>verdict</th>
          </tr>
        </thead>
        <tbody>
          {example.variants.map((v) => (
            <tr key={v.name}>
              <td>{v.name}</td>
              <td>{v.users.toLocaleString('en')}</td>
              <td>{pct(v.conversionRate)}</td>
              <td>{v.isControl ? '–' : `${pct(v.relativeLift)} (${pct(v.absoluteLift)} pts)`}</td>
              <td>
                {v.isControl ? '–' : `${pct(v.confidenceInterval[0])} to ${pct(v.confidenceInterval[1])}`}
              </td>
              <td>{v.isControl ? '–' : v.pValue.toFixed(4)}</td>
              <td>{v.revenuePerUser?.toFixed(2)}</td>
              <td>{v.verdict}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Sample ratio check: p = {example.srm.pValue.toFixed(3)} (
        {example.srm.mismatch ? 'mismatch: do not trust these results' : 'the split is as planned'}).
      </p>
    </details>
  )
}
