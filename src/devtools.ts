export type { AnalyticsDevtoolsProps, DevtoolsPosition } from './devtools/AnalyticsDevtools.js'
export { AnalyticsDevtools, AnalyticsDevtoolsPanel } from './devtools/AnalyticsDevtools.js'
