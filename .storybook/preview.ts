import type { Preview } from '@storybook/react-vite'
import '../stories/support/story.css'

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
  },
}

export default preview
