import {
  type ComponentPropsWithoutRef,
  type FormEvent,
  forwardRef,
  useEffect,
  useInsertionEffect,
  useRef,
} from 'react'
import type { Properties } from '../core/types.js'
import { type Frame, trackIn, useFrame } from './analyticsContext.js'
import { forwardedProps } from './forwardedProps.js'

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
    // a plain object per form and module-level functions over it, rather than a tracker of closures
    // made in a state initializer: mounting is where a form pays, and most forms are never used
    const held = useRef<FormState | null>(null)
    if (held.current === null) held.current = { frame, props, startedAt: undefined, lastField: undefined }
    const state = held.current
    // what abandonment reports on unmount or pagehide: the last committed render's, never a discarded one's
    useInsertionEffect(() => {
      state.frame = frame
      state.props = props
    })
    useEffect(() => () => abandon(state), [state])

    const own = forwardedProps(props, ref)
    own.onInput = (e) => {
      input(state, e)
      props.onInput?.(e)
    }
    own.onChange = (e) => {
      input(state, e)
      props.onChange?.(e)
    }
    own.onSubmit = (e) => {
      submit(state)
      props.onSubmit?.(e)
    }
    return <form {...own} />
  },
)

interface FormState {
  frame: Frame
  props: TrackedFormProps
  /** When the current attempt started; undefined while none is under way. */
  startedAt: number | undefined
  lastField: string | undefined
}

function send(state: FormState, action: string, measured?: Properties): void {
  const { frame, props } = state
  const formName = props.name ?? props.id
  trackIn(frame, `${props.event ?? 'form'}_${action}`, {
    ...(formName && { form_name: formName }),
    ...props.properties,
    ...measured,
  })
}

function elapsed(state: FormState): number | undefined {
  return state.startedAt === undefined ? undefined : state.frame.client.internals.now() - state.startedAt
}

function input(state: FormState, e: FormEvent<HTMLFormElement>): void {
  const field = e.target as { name?: unknown; id?: unknown }
  state.lastField =
    (typeof field.name === 'string' && field.name) ||
    (typeof field.id === 'string' && field.id) ||
    state.lastField
  if (state.startedAt !== undefined) return
  state.startedAt = state.frame.client.internals.now()
  watchPageHide(state)
  send(state, 'started')
}

function submit(state: FormState): void {
  const duration = elapsed(state)
  state.startedAt = undefined
  unwatchPageHide(state)
  send(state, 'submitted', duration === undefined ? undefined : { duration_ms: duration })
}

function abandon(state: FormState): void {
  const duration = elapsed(state)
  if (duration === undefined) return
  state.startedAt = undefined
  unwatchPageHide(state)
  send(state, 'abandoned', { duration_ms: duration, ...(state.lastField && { last_field: state.lastField }) })
}

// The forms started and not yet submitted or abandoned, and one pagehide listener for all of them that
// exists only while there are any. A listener per mounted form made every mount pay for it, and adding
// a listener to window costs more with each one already there.
const started = new Set<FormState>()
const onPageHide = () => {
  for (const state of started) abandon(state)
}
const pageHideTarget = () => globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>

function watchPageHide(state: FormState): void {
  // capture, so that this runs before the delivery's own pagehide listener flushes the queue
  if (started.size === 0) pageHideTarget().addEventListener?.('pagehide', onPageHide, true)
  started.add(state)
}

function unwatchPageHide(state: FormState): void {
  if (started.delete(state) && started.size === 0)
    pageHideTarget().removeEventListener?.('pagehide', onPageHide, true)
}
