import { type ComponentPropsWithoutRef, forwardRef } from 'react'
import type { Properties } from '../core/types.js'
import { trackIn, useFrame } from './analyticsContext.js'
import { forwardedProps } from './forwardedProps.js'

/** Props of `TrackedLink`: every `<a>` prop, plus what to track on click. */
export interface TrackedLinkProps extends ComponentPropsWithoutRef<'a'> {
  /** Event tracked on each click (including a middle-click that opens a new tab), e.g. `docs_link_clicked`. */
  event: string
  /** Added to the event, over the enclosing scopes' properties. */
  properties?: Properties
}

/**
 * An `<a>` that tracks `event` when followed, then calls your handler. Every prop and the ref are
 * forwarded and no element is added.
 *
 * The event survives the navigation it causes: `track` hands it to the delivery queue synchronously,
 * inside the click, before the browser starts to unload; when the page then goes away, delivery sends
 * the queue with `sendBeacon` on `pagehide`/`visibilitychange` (and keeps it stored until acknowledged).
 * Nothing delays the navigation.
 *
 * @example
 * <TrackedLink href="https://docs.example.com" event="docs_link_clicked" properties={{ placement: 'footer' }}>
 *   Docs
 * </TrackedLink>
 */
export const TrackedLink = /* @__PURE__ */ forwardRef<HTMLAnchorElement, TrackedLinkProps>(
  function TrackedLink(props, ref) {
    const frame = useFrame('<TrackedLink>')
    const own = forwardedProps(props, ref)
    own.onClick = (e) => {
      trackIn(frame, props.event, props.properties)
      props.onClick?.(e)
    }
    own.onAuxClick = (e) => {
      // the middle button opens the link in a new tab; other auxiliary buttons do not follow it
      if (e.button === 1) trackIn(frame, props.event, props.properties)
      props.onAuxClick?.(e)
    }
    return <a {...own} />
  },
)
