import { describe, expect, it } from 'vitest'
import { describeComponent } from '../../stories/support/describeComponent.js'

describe('describeComponent (the docs pages’ component descriptions)', () => {
  it('shows each @example as a TSX code block instead of leaving its JSX to the Markdown renderer', () => {
    const component = Object.assign(() => null, {
      __docgenInfo: {
        description: 'Every view behind one navigation.\n\n@example\n<Dashboard baseUrl="/api/analytics" />',
      },
    })
    expect(describeComponent(component)).toBe(
      'Every view behind one navigation.\n\n**Example**\n\n```tsx\n<Dashboard baseUrl="/api/analytics" />\n```',
    )
  })

  it('keeps a description without examples as it is, and gives nothing for an undocumented component', () => {
    expect(describeComponent({ __docgenInfo: { description: 'A `<button>` that tracks.' } })).toBe(
      'A `<button>` that tracks.',
    )
    expect(describeComponent(() => null)).toBe('')
    expect(describeComponent(undefined)).toBe('')
  })
})
