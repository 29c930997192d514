import { type FormEvent, useId, useState } from 'react'
import { useDashboardConfig } from './dashboardContext.js'

/** Asks for the collector's read token after a 401, and hands it to the provider. */
export function TokenPrompt({ message }: { message: string | undefined }) {
  const { setToken } = useDashboardConfig()
  const [value, setValue] = useState('')
  const id = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const token = value.trim()
    if (token) setToken(token)
  }
  return (
    <form className="ikdash-note ikdash-form" onSubmit={submit} aria-labelledby={`${id}-msg`}>
      <p id={`${id}-msg`} style={{ flexBasis: '100%' }}>
        {message ?? 'This dashboard needs the collector’s read token.'} It is kept for this tab only.
      </p>
      <label>
        Read token
        <input
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          required
        />
      </label>
      <button type="submit">Use token</button>
    </form>
  )
}
