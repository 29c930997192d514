import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { TrackedForm, type TrackedFormProps } from '../src/react.js'
import { withEventLog } from './support/EventLog.js'

function SignupForm(props: TrackedFormProps) {
  const [shown, setShown] = useState(true)
  const [done, setDone] = useState(false)
  if (!shown)
    return (
      <p>
        The form is gone.{' '}
        <button type="button" onClick={() => setShown(true)}>
          Show it again
        </button>
      </p>
    )
  return (
    <div className="ik-card" style={{ display: 'grid', gap: 12, maxWidth: 360 }}>
      <TrackedForm
        {...props}
        onSubmit={(e) => {
          e.preventDefault()
          setDone(true)
        }}
        style={{ display: 'grid', gap: 12 }}
      >
        <label className="ik-field">
          Email
          <input name="email" type="email" required />
        </label>
        <label className="ik-field">
          Plan
          <select name="plan" defaultValue="weekly">
            <option value="weekly">Weekly</option>
            <option value="monthly">Monthly</option>
          </select>
        </label>
        <label>
          <input name="terms" type="checkbox" required />I accept the terms
        </label>
        <button type="submit">Sign up</button>
      </TrackedForm>
      {done ? <p>Thanks! Type again to start a new attempt.</p> : null}
      <button type="button" onClick={() => setShown(false)}>
        Leave (unmount the form)
      </button>
    </div>
  )
}

/**
 * A `<form>` that tracks `form_started` on the first input, `form_submitted` with `duration_ms`, and
 * `form_abandoned` (with `duration_ms` and `last_field`) when it is left after starting: on unmount or
 * when the page is hidden for good (`pagehide`). Field values are never read.
 */
const meta = {
  title: 'Components/TrackedForm',
  component: TrackedForm,
  decorators: [withEventLog()],
  args: { name: 'newsletter_signup', properties: { placement: 'footer' } },
  render: (args) => <SignupForm {...args} />,
} satisfies Meta<typeof TrackedForm>

export default meta
type Story = StoryObj<typeof meta>

/** Type an email (form_started), then submit (form_submitted) or press "Leave" (form_abandoned). */
export const Signup: Story = {}

/** `event="newsletter_form"` names the events `newsletter_form_started`, `…_submitted`, `…_abandoned`. */
export const CustomEventNames: Story = { args: { event: 'newsletter_form' } }
