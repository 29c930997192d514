import type { Preview } from '@storybook/react-vite'
import { describeComponent } from '../stories/support/describeComponent.js'
import '../stories/support/story.css'

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
    docs: { extractComponentDescription: describeComponent, controls: { sort: 'requiredFirst' } },
    // from the first component a reader adds to an app to the server's reports
    options: {
      storySort: {
        order: [
          'Introduction',
          'Components',
          'Hooks',
          'Experiments',
          'Core',
          'Delivery',
          'Devtools',
          'Dashboard',
        ],
      },
    },
  },
}

export default preview
