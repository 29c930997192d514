import type { Meta, StoryObj } from '@storybook/react-vite'
import { useSyncExternalStore } from 'react'
import { defineExperiment, experimentsOf, withExperiments } from '../src/index.js'
import { Experiment, type UseExperimentOptions, useExperiment, Variant } from '../src/react.js'
import { useStoryAnalytics, withEventLog } from './support/EventLog.js'
import { visibilityArgTypes } from './support/visibilityArgTypes.js'

const checkoutFlow = defineExperiment({
  key: 'checkout_flow',
  variations: ['control', 'one_page'],
  weights: [0.5, 0.5],
})

/** Radio buttons that force a variation through `experiments.override`, and the assignment. */
function QaControls() {
  const experiments = experimentsOf(useStoryAnalytics())
  const snapshot = useSyncExternalStore(experiments.subscribe, experiments.getSnapshot)
  const forced = snapshot.overrides.checkout_flow
  const assignment = snapshot.assignments.checkout_flow
  return (
    <fieldset>
      <legend>QA: force a variation</legend>
      {(['hashed', ...checkoutFlow.variations] as const).map((choice) => (
        <label key={choice}>
          <input
            type="radio"
            name="force"
            checked={choice === 'hashed' ? forced === undefined : forced === choice}
            onChange={() => experiments.override('checkout_flow', choice === 'hashed' ? null : choice)}
          />
          {choice === 'hashed' ? 'as hashed' : choice}
        </label>
      ))}
      <p className="ik-dim" style={{ margin: '8px 0 0', fontSize: 13 }}>
        Unit <code>{assignment?.unitId ?? '–'}</code> sees <strong>{assignment?.variation}</strong> (
        {assignment?.reason}). Forced variations are shown but never exposed, so QA stays out of the results.
      </p>
    </fieldset>
  )
}

function CheckoutDemo({ exposeOn = 'render', threshold, minVisibleMs }: UseExperimentOptions) {
  const { trackConversion, expose } = useExperiment(checkoutFlow, { exposeOn: 'manual' })
  return (
    <div>
      <Experiment
        experiment={checkoutFlow}
        exposeOn={exposeOn}
        {...(threshold !== undefined && { threshold })}
        {...(minVisibleMs !== undefined && { minVisibleMs })}
      >
        <Variant name="control">
          <section className="ik-card">
            <h3>Checkout (3 steps)</h3>
            <p>Shipping → Payment → Review</p>
          </section>
        </Variant>
        <Variant name="one_page">
          <section className="ik-card" style={{ borderColor: 'var(--ik-accent)', borderWidth: 2 }}>
            <h3>One-page checkout</h3>
            <p>Everything on one page.</p>
          </section>
        </Variant>
      </Experiment>
      <div className="ik-actions">
        <button
          type="button"
          className="ik-primary"
          onClick={() => trackConversion('checkout_completed', { order_value: 149.99 })}
        >
          Place order (conversion)
        </button>
        {/* with exposeOn="manual" the exposure waits for the app to say the variant was seen */}
        {exposeOn === 'manual' && (
          <button type="button" onClick={expose}>
            Expose (manual)
          </button>
        )}
      </div>
      <QaControls />
    </div>
  )
}

const meta = {
  title: 'Experiments/Experiment',
  component: Experiment,
  decorators: [withEventLog({ title: 'Events (exposures and conversions)' })],
  args: { experiment: checkoutFlow, exposeOn: 'render', threshold: 0.5, minVisibleMs: 1_000 },
  argTypes: {
    exposeOn: { control: 'inline-radio', options: ['render', 'visible', 'manual'] },
    threshold: { ...visibilityArgTypes.threshold, if: { arg: 'exposeOn', eq: 'visible' } },
    minVisibleMs: { ...visibilityArgTypes.minVisibleMs, if: { arg: 'exposeOn', eq: 'visible' } },
    // the story's variants and QA controls are written for this definition
    experiment: { control: false },
    children: { control: false },
    fallback: { control: false },
  },
  render: ({ exposeOn, threshold, minVisibleMs }) => (
    <CheckoutDemo exposeOn={exposeOn} threshold={threshold} minVisibleMs={minVisibleMs} />
  ),
} satisfies Meta<typeof Experiment>
export default meta
type Story = StoryObj<typeof meta>

/**
 * `<Experiment>` renders the variant this visitor is hashed into and tracks one `experiment_exposed`
 * (StrictMode and re-renders included). The order button's event carries `context.experiments`.
 */
export const Variants: Story = {}

/** The same visitor id always gets the same variant: this one is hashed into `one_page`. */
export const SameUnitSameVariant: Story = {
  parameters: { eventLog: { client: { anonymousId: 'visitor_5' } } },
}

/** The exposure waits until the variant has been at least half visible for a second. Scroll down. */
export const ExposeWhenVisible: Story = {
  args: { exposeOn: 'visible' },
  render: ({ exposeOn, threshold, minVisibleMs }) => (
    <div className="ik-card" style={{ height: 320, overflow: 'auto', borderStyle: 'dashed' }}>
      <p style={{ height: 480 }}>Scroll down to the checkout…</p>
      <CheckoutDemo exposeOn={exposeOn} threshold={threshold} minVisibleMs={minVisibleMs} />
    </div>
  ),
}

/** Started with an override (as QA would via `?checkout_flow=1`): shown, never exposed. */
export const ForcedVariant: Story = {
  parameters: {
    eventLog: { client: { experiments: withExperiments({ overrides: { checkout_flow: 'one_page' } }) } },
  },
}

function HeroHeadline() {
  return (
    <Experiment experiment={{ key: 'hero_copy', variations: ['short', 'long'] }} exposeOn="visible">
      {({ variation, ref }) => (
        <h2 ref={ref}>{variation === 'short' ? 'Shop.' : 'Shop the new season, delivered tomorrow.'}</h2>
      )}
    </Experiment>
  )
}

/** The render-prop form: the ref goes on your own element, no wrapper is added. */
export const RenderProp: Story = { render: () => <HeroHeadline /> }
