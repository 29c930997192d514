import type { Meta, StoryObj } from '@storybook/react-vite'
import { createTestAnalytics } from '../src/testing.js'

function Introduction() {
  const analytics = createTestAnalytics()
  analytics.track('story_viewed', { story: 'introduction' })
  return (
    <div style={{ fontFamily: 'system-ui', maxWidth: 560 }}>
      <h1>instrumentkit</h1>
      <p>
        Every story shows a component next to the events it emits. This one tracked{' '}
        <code>{analytics.events.map((e) => e.event_name).join(', ')}</code>.
      </p>
    </div>
  )
}

const meta = { title: 'Introduction', component: Introduction } satisfies Meta<typeof Introduction>
export default meta
export const Overview: StoryObj<typeof meta> = {}
