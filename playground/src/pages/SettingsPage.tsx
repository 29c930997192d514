import { useEffect, useState } from 'react'
import { analytics } from '../analytics.js'
import { setConsent } from '../consent.js'
import { useTrack } from '../hooks.js'
import { type Settings, settings, useSettings } from '../settings.js'

/** Preferences (each change is a `setting_changed`), consent and identity. */
export function SettingsPage() {
  const current = useSettings()
  const [state, setState] = useState(() => analytics.getState())
  const track = useTrack()

  // the session starts with this page's first event, after the first render, and ids change from the
  // devtools too: read them again every second
  useEffect(() => {
    const timer = setInterval(() => setState(analytics.getState()), 1_000)
    return () => clearInterval(timer)
  }, [])

  const change = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    track('setting_changed', { setting: key, value: String(value) })
    settings.set(key, value)
  }

  const consent = (next: 'granted' | 'denied') => {
    setConsent(analytics, next)
    setState(analytics.getState())
  }

  const logOut = () => {
    analytics.reset()
    setState(analytics.getState())
  }

  return (
    <div>
      <h1>Settings</h1>
      <h2>Preferences</h2>
      <p className="hint">
        Each change sends <code>setting_changed</code> with the setting and its new value.
      </p>
      <div className="form">
        <label>
          Theme
          <select
            value={current.theme}
            onChange={(e) => change('theme', e.target.value as Settings['theme'])}
          >
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <label>
          Currency
          <select
            value={current.currency}
            onChange={(e) => change('currency', e.target.value as Settings['currency'])}
          >
            <option value="USD">US dollar</option>
            <option value="EUR">Euro</option>
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={current.newsletter}
            onChange={(e) => change('newsletter', e.target.checked)}
          />
          Send me the newsletter
        </label>
      </div>

      <h2>Privacy</h2>
      <p className="hint">
        With consent denied, events are dropped in the browser (the devtools show why) and nothing reaches the
        collector. The shop remembers your choice: it still holds after a reload.
      </p>
      <div className="toolbar">
        <span>
          Analytics consent: <strong data-testid="consent">{state.consent}</strong>
        </span>
        <button type="button" aria-pressed={state.consent === 'granted'} onClick={() => consent('granted')}>
          Allow analytics
        </button>
        <button type="button" aria-pressed={state.consent === 'denied'} onClick={() => consent('denied')}>
          Refuse analytics
        </button>
      </div>

      <h2>Identity</h2>
      <table>
        <tbody>
          <tr>
            <th>user id</th>
            <td>
              <code>{state.userId ?? '(anonymous)'}</code>
            </td>
          </tr>
          <tr>
            <th>anonymous id</th>
            <td>
              <code data-testid="anonymous-id">{state.anonymousId}</code>
            </td>
          </tr>
          <tr>
            <th>session</th>
            <td>
              <code data-testid="session-id">{state.sessionId ?? '(starts with the next event)'}</code>
            </td>
          </tr>
        </tbody>
      </table>
      <div className="toolbar" style={{ marginTop: 12 }}>
        <button type="button" onClick={logOut}>
          Log out (new anonymous id and session)
        </button>
      </div>
    </div>
  )
}
