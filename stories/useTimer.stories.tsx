import type { Meta, StoryObj } from '@storybook/react-vite'
import { StrictMode, useEffect, useReducer, useState } from 'react'
import { type MetricPoint, metricsOf } from '../src/index.js'
import { useMetrics, useTimer } from '../src/react.js'
import { useStoryAnalytics, withEventLog } from './support/EventLog.js'

/**
 * The metric points the story's client aggregated: the interval still open (`metrics.peek()`) and the
 * ones already closed, as they would be sent with the next batch.
 */
function MetricPoints() {
  const metrics = metricsOf(useStoryAnalytics())
  const [closed, setClosed] = useState<MetricPoint[]>([])
  const [, refresh] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    const unsubscribe = metrics.subscribe((points) => setClosed((all) => [...all, ...points]))
    const poll = setInterval(refresh, 200)
    return () => {
      unsubscribe()
      clearInterval(poll)
    }
  }, [metrics])
  const points = [...closed, ...metrics.peek()].filter((p) => !p.name.startsWith('kit.'))
  return (
    <section aria-label="Metric points" className="ik-card" style={{ marginTop: 16, fontSize: 13 }}>
      <strong>Metric points ({points.length})</strong>
      {points.length === 0 ? (
        <p className="ik-dim">No measurement yet.</p>
      ) : (
        <table style={{ marginTop: 6 }}>
          <thead>
            <tr>
              {['name', 'tags', 'count', 'sum ms', 'min', 'max', 'buckets (≤ bound)'].map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={`${p.id ?? 'open'}-${p.name}-${JSON.stringify(p.tags)}`}>
                <td>
                  <code>{p.name}</code>
                </td>
                <td>
                  <code>{JSON.stringify(p.tags)}</code>
                </td>
                <td>{p.count}</td>
                <td>{p.sum?.toFixed(0)}</td>
                <td>{p.min?.toFixed(0)}</td>
                <td>{p.max?.toFixed(0)}</td>
                <td>
                  {(p.buckets ?? [])
                    .map((n, i) => (n ? `${n}× ≤${p.bounds?.[i] ?? '∞'}` : ''))
                    .filter(Boolean)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function AddToCartCounter() {
  // the client's metrics API, stable across renders
  const metrics = useMetrics()
  return (
    <div>
      <div className="ik-actions">
        <button
          type="button"
          onClick={() => metrics.increment('cart.items_added.count', 1, { source: 'story' })}
        >
          Add to cart
        </button>
        <button type="button" onClick={() => metrics.gauge('cart.size.items', 3)}>
          Cart holds 3 items
        </button>
        <button type="button" onClick={() => metrics.histogram('cart.value.usd', 149.99)}>
          Cart worth $149.99
        </button>
      </div>
      <MetricPoints />
    </div>
  )
}

/** The timer's metric name and tags, which the controls change. */
interface TimerArgs {
  /** The histogram the time is recorded in (`[namespace].[metric].[unit]`). */
  name: string
  /** The value of the `panel` tag. */
  panel: string
}

function FiltersPanel({ name, panel }: TimerArgs) {
  // measured from mount to unmount
  useTimer(name, { panel })
  return (
    <fieldset>
      <legend>Filters</legend>
      <label>
        <input type="checkbox" />
        In stock only
      </label>
    </fieldset>
  )
}

function MountToUnmountDemo(props: TimerArgs) {
  const [open, setOpen] = useState(false)
  return (
    <div>
      <button type="button" onClick={() => setOpen((o) => !o)}>
        {open ? 'Close filters' : 'Open filters'}
      </button>
      {open ? <FiltersPanel {...props} /> : null}
      <MetricPoints />
    </div>
  )
}

function PaymentStep() {
  const timer = useTimer('checkout.step.ms', { step: 'payment' }, { startOnMount: false })
  const [last, setLast] = useState<number | undefined>()
  return (
    <div>
      <div className="ik-actions">
        <button type="button" onClick={() => timer.start()}>
          Start payment
        </button>
        <button type="button" className="ik-primary" onClick={() => setLast(timer.stop({ outcome: 'paid' }))}>
          Pay
        </button>
        <button type="button" onClick={() => setLast(timer.stop({ outcome: 'cancelled' }))}>
          Cancel
        </button>
      </div>
      <p>{last === undefined ? 'Not measured yet.' : `Last step took ${Math.round(last)} ms.`}</p>
      <MetricPoints />
    </div>
  )
}

/**
 * `useTimer(name, tags?, options?)` measures milliseconds from mount (or `start()`) to `stop()` (or
 * unmount) and records them in a histogram. The table under each story shows the aggregated points the
 * client will send with its next batch: count, sum, min, max and the OpenTelemetry buckets.
 */
const meta = {
  title: 'Hooks/useTimer',
  decorators: [withEventLog({ title: 'Events' })],
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Open the filters, wait, close them: the unmount records `filters.panel_open.ms`. Repeat to see count grow. */
export const MountToUnmount: StoryObj<typeof MountToUnmountDemo> = {
  args: { name: 'filters.panel_open.ms', panel: 'filters' },
  render: (args) => <MountToUnmountDemo {...args} />,
}

/** With `startOnMount: false`, Start begins the measurement and Pay or Cancel records it with an outcome tag. */
export const StartAndStop: Story = { render: () => <PaymentStep /> }

/**
 * `useMetrics()` returns the client's metrics API: a thousand clicks on "Add to cart" still make one
 * counter point per interval, because points are aggregated per name and tag set.
 */
export const UseMetrics: Story = { render: () => <AddToCartCounter /> }

/** Under StrictMode, React's rehearsal unmount neither ends nor restarts the measurement: one point per real visit. */
export const UnderStrictMode: StoryObj<typeof MountToUnmountDemo> = {
  args: { name: 'filters.panel_open.ms', panel: 'filters' },
  render: (args) => (
    <StrictMode>
      <MountToUnmountDemo {...args} />
    </StrictMode>
  ),
}
