// the nearest frames are what locate the error; the rest only adds bytes
const MAX_LINES = 12

/**
 * Trims a React component stack for sending: one frame per line, nearest first, at most 12 frames, and
 * script URLs without their query string or fragment (they can carry tokens); file, line and column stay
 * so a source map can resolve them.
 */
export function cleanComponentStack(stack: string | null | undefined): string {
  return (stack ?? '')
    .split('\n')
    .map((line) => line.trim().replace(/[?#][^\s)]*?((?::\d+){0,2}\)?)$/, '$1'))
    .filter((line) => line !== '')
    .slice(0, MAX_LINES)
    .join('\n')
}
