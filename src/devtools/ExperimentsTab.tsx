import { type FormEvent, useSyncExternalStore } from 'react'
import type { Analytics } from '../core/createAnalytics.js'
import type { Assignment, AssignmentReason, ExperimentDefinition } from '../experiments/defineExperiment.js'
import { experimentsOf } from '../experiments/withExperiments.js'
import type { OutcomeHistory } from './createOutcomeHistory.js'
import { describeStatus } from './EventsTab.js'

const REASONS: Record<AssignmentReason, string> = {
  hashed: 'in the experiment, hashed from the unit id',
  override: 'forced by an override',
  url_override: 'forced by the page URL (?key=index)',
  inactive: 'experiment stopped: everyone sees the control',
  no_unit: 'no unit id to hash: sees the control',
  namespace: 'outside the namespace slice: sees the control',
  coverage: 'outside the coverage: sees the control',
  invalid: 'invalid definition: sees the control',
  no_client: 'no client: sees the control',
}

/** Props of `ExperimentsTab`. */
export interface ExperimentsTabProps {
  client: Analytics
  history: OutcomeHistory
  /** Definitions known to the app, so every variation can be forced, even before first use. */
  definitions?: readonly ExperimentDefinition[]
}

/**
 * Every experiment this client assigned (and every known definition), with its variation, the reason
 * for it, whether the unit was exposed, and a control to force a variation (`experiments.override`).
 */
export function ExperimentsTab({ client, history, definitions = [] }: ExperimentsTabProps) {
  // installed if the app has not read an experiment yet, so that one can be forced before it is reached
  const experiments = experimentsOf(client)
  const snapshot = useSyncExternalStore(
    experiments.subscribe,
    experiments.getSnapshot,
    experiments.getSnapshot,
  )

  const byKey = new Map(definitions.map((d) => [d.key, d]))
  const keys = [...new Set([...byKey.keys(), ...Object.keys(snapshot.assignments)])].sort()
  if (keys.length === 0)
    return (
      <p className="ikd-dim">
        No experiment has been assigned yet. They appear once a component reads one (useExperiment,
        &lt;Experiment&gt;) or experiments.assign is called.
      </p>
    )

  const force = (key: string, variation: string | number | null) => {
    experiments.override(key, variation)
    history.touch()
  }

  return (
    <table aria-label="Experiments">
      <thead>
        <tr>
          <th>experiment</th>
          <th>variation</th>
          <th>why</th>
          <th>exposure</th>
          <th>force</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <ExperimentRow
            key={key}
            experimentKey={key}
            assignment={snapshot.assignments[key]}
            override={snapshot.overrides[key]}
            definition={byKey.get(key)}
            history={history}
            onForce={(variation) => force(key, variation)}
          />
        ))}
      </tbody>
    </table>
  )
}

interface RowProps {
  experimentKey: string
  assignment: Assignment | undefined
  override: string | number | undefined
  definition: ExperimentDefinition | undefined
  history: OutcomeHistory
  onForce(variation: string | number | null): void
}

function ExperimentRow({ experimentKey, assignment: a, override, definition, history, onForce }: RowProps) {
  const exposure = history.exposures().get(experimentKey)
  const label = `Force a variation of ${experimentKey}`
  const current = override === undefined ? '' : String(override)
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const value = String(new FormData(e.currentTarget).get('variation') ?? '').trim()
    onForce(value === '' ? null : /^\d+$/.test(value) ? Number(value) : value)
  }
  return (
    <tr>
      <th scope="row">{experimentKey}</th>
      <td>{a ? `${a.variation} (#${a.index})` : 'not assigned yet'}</td>
      <td>
        {a ? REASONS[a.reason] : 'no component has read it'}
        {a?.unitId ? ` · unit ${a.unitId}` : ''}
      </td>
      <td>
        {exposure
          ? `exposed to ${String(exposure.event?.properties.variation_name)} · ${describeStatus(exposure)}`
          : a?.reason === 'hashed'
            ? 'no exposure tracked on this page (one per session)'
            : a
              ? 'not exposed (only hashed units are)'
              : ''}
      </td>
      <td>
        {definition ? (
          <select
            aria-label={label}
            value={typeof override === 'number' ? (definition.variations[override] ?? '') : current}
            onChange={(e) => onForce(e.target.value === '' ? null : e.target.value)}
          >
            <option value="">no override</option>
            {definition.variations.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        ) : (
          <form key={current} onSubmit={submit} className="ikd-bar">
            <input
              name="variation"
              aria-label={label}
              placeholder="name or index"
              defaultValue={current}
              size={10}
            />
            <button type="submit">Force</button>
            {override !== undefined && (
              <button type="button" onClick={() => onForce(null)}>
                Clear
              </button>
            )}
          </form>
        )}
      </td>
    </tr>
  )
}
