/**
 * Controls and descriptions of the visibility options (`threshold`, `minVisibleMs`, `once`) that
 * `useExposure` and `<Experiment exposeOn="visible">` take. react-docgen cannot follow those props
 * through a type alias or an `Omit<>`, so the stories that show them describe them here.
 */
export const visibilityArgTypes = {
  threshold: {
    description:
      'Share of the element that must be in the viewport, 0 to 1 (default 0.5). An element larger than the viewport counts once it fills that share of the viewport.',
    control: { type: 'range', min: 0, max: 1, step: 0.05 },
    table: { type: { summary: 'number' } },
  },
  minVisibleMs: {
    description: 'How long it must stay visible, in milliseconds (default 1,000).',
    control: { type: 'number', min: 0, step: 100 },
    table: { type: { summary: 'number' } },
  },
  once: {
    description:
      'Count only the first time (default true); otherwise again after each time it leaves and returns.',
    control: 'boolean',
    table: { type: { summary: 'boolean' } },
  },
} as const
