/**
 * React bindings: the provider, tracking hooks and components, scopes whose properties merge down
 * the tree, experiments as components, and an error boundary that reports what it catches.
 *
 * @example
 * import { AnalyticsProvider, TrackedButton } from 'instrumentkit/react'
 *
 * <AnalyticsProvider client={analytics}>
 *   <TrackedButton event="checkout_button_clicked" properties={{ cart_value: 42 }}>Pay</TrackedButton>
 * </AnalyticsProvider>
 *
 * @module instrumentkit/react
 */
export type { AnalyticsErrorBoundaryProps } from './react/AnalyticsErrorBoundary.js'
export { AnalyticsErrorBoundary } from './react/AnalyticsErrorBoundary.js'
export type { AnalyticsProviderProps } from './react/AnalyticsProvider.js'
export { AnalyticsProvider } from './react/AnalyticsProvider.js'
export type {
  AnalyticsHooks,
  EventsOf,
  TrackedComponent,
  TrackedProps,
} from './react/createAnalyticsHooks.js'
export { createAnalyticsHooks } from './react/createAnalyticsHooks.js'
export type { ExperimentProps, VariantProps } from './react/Experiment.js'
export { Experiment, Variant } from './react/Experiment.js'
export type { TrackedButtonProps } from './react/TrackedButton.js'
export { TrackedButton } from './react/TrackedButton.js'
export type { TrackedFormProps } from './react/TrackedForm.js'
export { TrackedForm } from './react/TrackedForm.js'
export type { TrackedLinkProps } from './react/TrackedLink.js'
export { TrackedLink } from './react/TrackedLink.js'
export type { TrackingScopeProps } from './react/TrackingScope.js'
export { TrackingScope } from './react/TrackingScope.js'
export { useAnalytics } from './react/useAnalytics.js'
export type { ExperimentResult, ExposeOn, UseExperimentOptions } from './react/useExperiment.js'
export { useExperiment } from './react/useExperiment.js'
export type { ExposureOptions } from './react/useExposure.js'
export { useExposure } from './react/useExposure.js'
export { useMetrics } from './react/useMetrics.js'
export type { VisibilityOptions } from './react/useOnVisible.js'
export { usePageView } from './react/usePageView.js'
export type { TimerControls, UseTimerOptions } from './react/useTimer.js'
export { useTimer } from './react/useTimer.js'
export { useTrack } from './react/useTrack.js'
