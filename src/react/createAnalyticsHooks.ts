import type {
  ComponentPropsWithoutRef,
  DependencyList,
  ForwardRefExoticComponent,
  ReactNode,
  RefAttributes,
} from 'react'
import type { Analytics, EventName, EventSchemas, PropertiesOf } from '../core/createAnalytics.js'
import type { Properties } from '../core/types.js'
import { TrackedButton } from './TrackedButton.js'
import { TrackedForm, type TrackedFormProps } from './TrackedForm.js'
import { TrackedLink } from './TrackedLink.js'
import { useAnalytics } from './useAnalytics.js'
import { type ExposureOptions, useExposure } from './useExposure.js'
import { usePageView } from './usePageView.js'
import { useTrack } from './useTrack.js'

/** The event catalogue of a client type: `EventsOf<typeof analytics>`. */
export type EventsOf<TClient> = TClient extends Analytics<infer TEvents> ? TEvents : EventSchemas

/** What a tracked component adds to the props of the element it replaces, checked against the catalogue. */
export type TrackedProps<TEvents extends EventSchemas, TName extends EventName<TEvents>> = {
  /** The event tracked on click. */
  event: TName
  /** Added to the event, over the enclosing scopes' properties. */
  properties?: PropertiesOf<TEvents, TName>
}

/** A tracked component whose `event` and `properties` are checked against the catalogue. */
export type TrackedComponent<TEvents extends EventSchemas, TElement extends 'button' | 'a', TRef> = <
  TName extends EventName<TEvents>,
>(
  props: Omit<ComponentPropsWithoutRef<TElement>, 'event' | 'properties'> &
    TrackedProps<TEvents, TName> &
    RefAttributes<TRef>,
) => ReactNode

/** The hooks and components of `instrumentkit/react`, typed for one client. */
export interface AnalyticsHooks<
  TClient extends Analytics<TEvents>,
  TEvents extends EventSchemas = EventsOf<TClient>,
> {
  /** `useAnalytics`, returning your client's type. */
  useAnalytics(): TClient
  /** `useTrack`, whose `track` completes and checks your catalogue's events. */
  useTrack(): TClient['track']
  /** `useExposure`, with the event name and properties checked against your catalogue. */
  useExposure<TName extends EventName<TEvents>>(
    event: TName,
    properties?: PropertiesOf<TEvents, TName>,
    options?: ExposureOptions,
  ): (element: Element | null) => void
  /** `usePageView`. */
  usePageView(properties?: Properties, deps?: DependencyList): void
  /** `TrackedButton`, with `event` and `properties` checked against your catalogue. */
  TrackedButton: TrackedComponent<TEvents, 'button', HTMLButtonElement>
  /** `TrackedLink`, with `event` and `properties` checked against your catalogue. */
  TrackedLink: TrackedComponent<TEvents, 'a', HTMLAnchorElement>
  /** `TrackedForm`. */
  TrackedForm: ForwardRefExoticComponent<TrackedFormProps & RefAttributes<HTMLFormElement>>
}

/**
 * Returns the hooks and tracked components typed by your client's event catalogue, so `useTrack()` and
 * `<TrackedButton event=…>` complete event names and check properties against their schemas. Types
 * only: at run time these are the very same functions the package exports, reading the client from the
 * nearest `AnalyticsProvider`.
 *
 * @example
 * // analytics.ts
 * export const analytics = createAnalytics({ events: { checkout_completed: z.object({ order_value: z.number() }) } })
 * export const { useTrack, TrackedButton } = createAnalyticsHooks<typeof analytics>()
 *
 * // Checkout.tsx
 * const track = useTrack()
 * track('checkout_completed', { order_value: 149.99 }) // checked
 */
export function createAnalyticsHooks<
  TClient extends Analytics<EventsOf<TClient>>,
>(): AnalyticsHooks<TClient> {
  return {
    useAnalytics: useAnalytics as unknown as () => TClient,
    useTrack: useTrack as unknown as () => TClient['track'],
    useExposure: useExposure as AnalyticsHooks<TClient>['useExposure'],
    usePageView,
    TrackedButton: TrackedButton as TrackedComponent<EventsOf<TClient>, 'button', HTMLButtonElement>,
    TrackedLink: TrackedLink as TrackedComponent<EventsOf<TClient>, 'a', HTMLAnchorElement>,
    TrackedForm,
  }
}
