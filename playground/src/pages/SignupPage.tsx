import { type FormEvent, useState } from 'react'
import { analytics } from '../analytics.js'
import { TrackedForm, useTrack } from '../hooks.js'

/** A signup form: the email typed here never leaves the browser in clear. */
export function SignupPage() {
  const [userId, setUserId] = useState<string | null>(null)
  const track = useTrack()

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const data = new FormData(event.currentTarget)
    const plan = String(data.get('plan'))
    const id = `user_${Math.random().toString(36).slice(2, 10)}`
    analytics.identify(id, { email: String(data.get('email')), plan })
    track('signup_completed', { method: 'email', plan })
    setUserId(id)
  }

  return (
    <div>
      <h1>Create an account</h1>
      <p className="hint">
        Typing sends <code>form_started</code>, submitting <code>form_submitted</code> with how long it took,
        then <code>user_identified</code> and <code>signup_completed</code>. The email is hashed before it is
        sent: look for it in the collector panel.
      </p>
      {userId ? (
        <p className="callout" data-testid="signed-up">
          Welcome! Every later event carries <code>user_id</code> <strong>{userId}</strong>.
        </p>
      ) : (
        <TrackedForm name="signup" className="form" onSubmit={submit} aria-label="Signup">
          <label>
            Email
            <input name="email" type="email" required placeholder="you@example.com" />
          </label>
          <label>
            Password
            <input name="password" type="password" required minLength={4} />
          </label>
          <label>
            Plan
            <select name="plan" defaultValue="free">
              <option value="free">Free</option>
              <option value="pro">Pro</option>
            </select>
          </label>
          <button type="submit" className="primary">
            Sign up
          </button>
        </TrackedForm>
      )}
    </div>
  )
}
