import { type ComponentPropsWithoutRef, forwardRef } from 'react'
import type { Properties } from '../core/types.js'
import { trackIn, useFrame } from './analyticsContext.js'
import { forwardedProps } from './forwardedProps.js'

/** Props of `TrackedButton`: every `<button>` prop, plus what to track on click. */
export interface TrackedButtonProps extends ComponentPropsWithoutRef<'button'> {
  /** Event tracked on each click, e.g. `checkout_button_clicked`. */
  event: string
  /** Added to the event, over the enclosing scopes' properties. */
  properties?: Properties
}

/**
 * A `<button>` that tracks `event` when clicked, then calls your `onClick`. It renders exactly the
 * `<button>` you would have written: every prop and the ref are forwarded, no element is added.
 * (`forwardRef` rather than React 19's ref-as-prop, so it works in React 18 and 19 alike.)
 *
 * @example
 * <TrackedButton event="checkout_button_clicked" properties={{ cart_value }} onClick={checkout}>
 *   Checkout
 * </TrackedButton>
 */
export const TrackedButton = /* @__PURE__ */ forwardRef<HTMLButtonElement, TrackedButtonProps>(
  function TrackedButton(props, ref) {
    const frame = useFrame('<TrackedButton>')
    const own = forwardedProps(props, ref)
    own.onClick = (e) => {
      trackIn(frame, props.event, props.properties)
      props.onClick?.(e)
    }
    return <button {...own} />
  },
)
