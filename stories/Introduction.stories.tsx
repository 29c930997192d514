import type { Meta, StoryObj } from '@storybook/react-vite'
import { TrackedButton, usePageView } from '../src/react.js'
import { withEventLog } from './support/EventLog.js'

const sections = [
  [
    'Components',
    'components-trackedbutton--docs',
    'tracked buttons, links and forms, scopes, the error boundary',
  ],
  ['Hooks', 'hooks-tracking-hooks--docs', 'useTrack, usePageView, useExposure, useTimer and the metrics API'],
  ['Experiments', 'experiments-experiment--docs', 'variants, exposures, forced variations and conversions'],
  [
    'Core pipeline',
    'core-pipeline--docs',
    'consent, naming, validation, sampling and privacy, stage by stage',
  ],
  [
    'Delivery',
    'delivery-queue-and-retries--docs',
    'batches, retries and backoff against a failing collector',
  ],
  [
    'Devtools',
    'devtools-analyticsdevtools--docs',
    'the in-app panel: events, queue, ledger, metrics, experiments',
  ],
  ['Dashboard', 'dashboard-dashboard--docs', 'the reports over the collector’s query API'],
] as const

function Introduction() {
  usePageView({ page: 'storybook_introduction' })
  return (
    <div style={{ maxWidth: 640 }}>
      <h2>instrumentkit</h2>
      <p>
        Typed product events, metrics and A/B experiments for React apps, delivered reliably to a collector
        you own. Every story shows a component beside the events it emits: what was queued with which
        properties, what was held for consent, and what was dropped and why.
      </p>
      <p>
        This page tracked <code>page_viewed</code> when it opened. Try a tracked button:
      </p>
      <div className="ik-actions">
        <TrackedButton
          event="introduction_button_clicked"
          properties={{ placement: 'introduction' }}
          type="button"
          className="ik-primary"
        >
          Track a click
        </TrackedButton>
      </div>
      <h3>What is here</h3>
      <ul style={{ paddingLeft: 20 }}>
        {sections.map(([name, id, what]) => (
          <li key={id} style={{ margin: '4px 0' }}>
            <a href={`./?path=/docs/${id}`} target="_top">
              {name}
            </a>
            : {what}
          </li>
        ))}
      </ul>
    </div>
  )
}

const meta = {
  title: 'Introduction',
  component: Introduction,
  decorators: [withEventLog()],
  // the page itself is the documentation
  tags: ['!autodocs'],
} satisfies Meta<typeof Introduction>
export default meta
export const Overview: StoryObj<typeof meta> = {}
