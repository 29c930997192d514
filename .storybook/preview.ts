import type { Preview } from '@storybook/react-vite'
import { describeComponent } from '../stories/support/describeComponent.js'
import '../stories/support/story.css'

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
    docs: { extractComponentDescription: describeComponent },
  },
}

export default preview
