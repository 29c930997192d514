/**
 * An in-page panel that shows events, their outcomes, delivery, identity, metrics and experiments
 * as they happen, for development builds.
 *
 * @module instrumentkit/devtools
 */
export type { AnalyticsDevtoolsProps, DevtoolsPosition } from './devtools/AnalyticsDevtools.js'
export { AnalyticsDevtools, AnalyticsDevtoolsPanel } from './devtools/AnalyticsDevtools.js'
