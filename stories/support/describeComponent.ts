/** A component as Storybook's react-docgen plugin leaves it: with the JSDoc it parsed, when it found any. */
type Documented = { __docgenInfo?: { description?: unknown } } | null | undefined

/**
 * The component's JSDoc for its docs page, with each `@example` block shown as a TSX code block.
 * Storybook renders the description as Markdown, where an example such as `<Dashboard baseUrl="…" />`
 * would otherwise be read as an HTML element with unknown props.
 */
export function describeComponent(component: unknown): string {
  const description = (component as Documented)?.__docgenInfo?.description
  if (typeof description !== 'string') return ''
  const [text = '', ...examples] = description.split(/^@example[ \t]*$/m)
  return [text.trim(), ...examples.map((example) => `**Example**\n\n\`\`\`tsx\n${example.trim()}\n\`\`\``)]
    .filter(Boolean)
    .join('\n\n')
}
