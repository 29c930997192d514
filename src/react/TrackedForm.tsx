import { type ComponentPropsWithoutRef, type FormEvent, forwardRef, useEffect, useState } from 'react'
import { jsx } from 'react/jsx-runtime'
import type { Properties } from '../core/types.js'
import { trackIn, useFrame } from './analyticsContext.js'
import { forwardedProps } from './forwardedProps.js'
import { useLatest } from './useLatest.js'

/** Props of `TrackedForm`: every `<form>` prop, plus how to name its events. */
export interface TrackedFormProps extends ComponentPropsWithoutRef<'form'> {
  /**
   * The object of the three event names (default `form`): `form_started`, `form_submitted`,
   * `form_abandoned`; `event="signup_form"` gives `signup_form_started` and so on.
   */
  event?: string
  /** Added to all three events, over the enclosing scopes' properties. */
  properties?: Properties
}

/**
 * A `<form>` that tracks how it is used, with no element added and every prop and the ref forwarded:
 *
 * - `form_started` on the first input or change (properties: `form_name` from the form's `name` or `id`);
 * - `form_submitted` on submit, with `duration_ms` since it was started (absent when submitted untouched);
 *   a later input starts it again;
 * - `form_abandoned` when it was started but not submitted and the component unmounts or the page is
 *   left (`pagehide`), with `duration_ms` and `last_field` (the `name` or `id` of the last field used;
 *   field values are never read).
 *
 * Your `onInput`, `onChange` and `onSubmit` are called after tracking.
 *
 * @example
 * <TrackedForm name="signup" event="signup_form" onSubmit={save}>…</TrackedForm>
 */
export const TrackedForm = /* @__PURE__ */ forwardRef<HTMLFormElement, TrackedFormProps>(
  function TrackedForm(props, ref) {
    const frame = useFrame('<TrackedForm>')
    const latest = useLatest({
      frame,
      event: props.event ?? 'form',
      properties: props.properties,
      formName: props.name ?? props.id,
    })
    const [tracker] = useState(() => {
      let startedAt: number | undefined
      let lastField: string | undefined
      const send = (action: string, measured?: Properties) => {
        const { frame, event, properties, formName } = latest.current
        trackIn(frame, `${event}_${action}`, {
          ...(formName && { form_name: formName }),
          ...properties,
          ...measured,
        })
      }
      const elapsed = () =>
        startedAt === undefined ? undefined : latest.current.frame.client.internals.now() - startedAt
      const tracker: FormTracker = {
        input(e: FormEvent<HTMLFormElement>) {
          const field = e.target as { name?: unknown; id?: unknown }
          lastField =
            (typeof field.name === 'string' && field.name) ||
            (typeof field.id === 'string' && field.id) ||
            lastField
          if (startedAt !== undefined) return
          startedAt = latest.current.frame.client.internals.now()
          watchPageHide(tracker)
          send('started')
        },
        submit() {
          const duration = elapsed()
          startedAt = undefined
          unwatchPageHide(tracker)
          send('submitted', duration === undefined ? undefined : { duration_ms: duration })
        },
        abandon() {
          const duration = elapsed()
          if (duration === undefined) return
          startedAt = undefined
          unwatchPageHide(tracker)
          send('abandoned', { duration_ms: duration, ...(lastField && { last_field: lastField }) })
        },
      }
      return tracker
    })

    useEffect(() => () => tracker.abandon(), [tracker])

    const own = forwardedProps(props, ref)
    own.onInput = (e) => {
      tracker.input(e)
      props.onInput?.(e)
    }
    own.onChange = (e) => {
      tracker.input(e)
      props.onChange?.(e)
    }
    own.onSubmit = (e) => {
      tracker.submit()
      props.onSubmit?.(e)
    }
    // not <form {...own} />: that compiles to jsx('form', { ...own }), a second copy, while React 19's jsx()
    // takes a props object without `key` as the element's props (React 18's copies it either way)
    return jsx('form', own)
  },
)

interface FormTracker {
  input(e: FormEvent<HTMLFormElement>): void
  submit(): void
  abandon(): void
}

// The forms started and not yet submitted or abandoned, and one pagehide listener for all of them that
// exists only while there are any. A listener per mounted form made every mount pay for it, and adding
// a listener to window costs more with each one already there.
const started = new Set<FormTracker>()
const onPageHide = () => {
  for (const tracker of started) tracker.abandon()
}
const pageHideTarget = () => globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>

function watchPageHide(tracker: FormTracker): void {
  // capture, so that this runs before the delivery's own pagehide listener flushes the queue
  if (started.size === 0) pageHideTarget().addEventListener?.('pagehide', onPageHide, true)
  started.add(tracker)
}

function unwatchPageHide(tracker: FormTracker): void {
  if (started.delete(tracker) && started.size === 0)
    pageHideTarget().removeEventListener?.('pagehide', onPageHide, true)
}
