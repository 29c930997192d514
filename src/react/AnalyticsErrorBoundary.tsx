import { Component, type ContextType, type ErrorInfo, type ReactNode } from 'react'
import type { Properties } from '../core/types.js'
import { AnalyticsContext, orphanFrame, trackIn } from './analyticsContext.js'
import { cleanComponentStack } from './componentStack.js'

/** Props of `AnalyticsErrorBoundary`. */
export interface AnalyticsErrorBoundaryProps {
  /** Rendered instead of the children after an error: an element, or a function given the error and a `reset`. */
  fallback?: ReactNode | ((props: { error: unknown; reset: () => void }) => ReactNode)
  /** Event tracked for each caught error (default `error_occurred`). */
  event?: string
  /** Added to the event, over the enclosing scopes' properties. */
  properties?: Properties
  /** Called after the event is tracked, e.g. to report to an error service. */
  onError?: (error: unknown, info: ErrorInfo) => void
  /** The part of the app whose render errors are caught and tracked. */
  children?: ReactNode
}

/**
 * Catches render errors below it, tracks `error_occurred` with `error_name`, `message` and
 * `component_stack` (components
 * nearest first, with file, line and column but without URL query strings), and renders `fallback`. The JavaScript stack is
 * not sent, and the message goes through the client's pipeline like any property, so the privacy
 * stage redacts emails, card and phone numbers it may contain.
 *
 * A class, because React offers error boundaries only as classes.
 *
 * @example
 * <AnalyticsErrorBoundary fallback={({ reset }) => <button onClick={reset}>Try again</button>}>
 *   <Checkout />
 * </AnalyticsErrorBoundary>
 */
export class AnalyticsErrorBoundary extends Component<
  AnalyticsErrorBoundaryProps,
  {
    /** What was thrown. */
    error: unknown
    /** Whether the fallback is shown (a thrown `undefined` fails too). */
    failed: boolean
  }
> {
  /** @internal Read through React's `contextType`: the nearest provider's frame. */
  static override contextType = AnalyticsContext
  /** @internal */
  declare context: ContextType<typeof AnalyticsContext>
  /** @internal */
  override state = { error: undefined as unknown, failed: false }

  /** @internal */
  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const { event = 'error_occurred', properties, onError } = this.props
    trackIn(this.context ?? orphanFrame(), event, {
      error_name: error instanceof Error ? error.name : typeof error,
      message: error instanceof Error ? error.message : String(error),
      component_stack: cleanComponentStack(info.componentStack),
      ...properties,
    })
    onError?.(error, info)
  }

  /** Forgets the error and renders the children again; the function fallback is given it as `reset`. */
  reset = () => this.setState({ error: undefined, failed: false })

  /** @internal */
  override render(): ReactNode {
    if (!this.state.failed) return this.props.children
    const { fallback = null } = this.props
    return typeof fallback === 'function'
      ? fallback({ error: this.state.error, reset: this.reset })
      : fallback
  }
}
