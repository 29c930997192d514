import { type ComponentPropsWithoutRef, forwardRef } from 'react'
import type { Properties } from '../core/types.js'
import { trackIn, useFrame } from './analyticsContext.js'

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
  function TrackedLink({ event, properties, onClick, onAuxClick, ...props }, ref) {
    const frame = useFrame('<TrackedLink>')
    return (
      // biome-ignore lint/a11y/noStaticElementInteractions: href and children come with the forwarded props
      // biome-ignore lint/a11y/useKeyWithClickEvents: a link with href fires click on Enter itself
      <a
        {...props}
        ref={ref}
        // biome-ignore lint/a11y/useValidAnchor: the user's href is among the forwarded props
        onClick={(e) => {
          trackIn(frame, event, properties)
          onClick?.(e)
        }}
        onAuxClick={(e) => {
          // the middle button opens the link in a new tab; other auxiliary buttons do not follow it
          if (e.button === 1) trackIn(frame, event, properties)
          onAuxClick?.(e)
        }}
      />
    )
  },
)
