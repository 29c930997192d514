import type { Decorator } from '@storybook/react-vite'
import { DashboardProvider } from '../../src/dashboard.js'
import { fixtureFetch } from './fixtures.js'

/**
 * Puts a story's view under a `DashboardProvider` whose fetch answers from the report fixtures, the
 * way the collector's query API would; `answer` overrides one report (an error, an empty answer), and
 * `delayMs` holds every answer back to show the loading state.
 */
export function withQueryApi(options: Parameters<typeof fixtureFetch>[0] = {}): Decorator {
  const api = fixtureFetch(options)
  return (Story) => (
    <DashboardProvider fetch={api.fetch} refreshMs={0}>
      <Story />
    </DashboardProvider>
  )
}
