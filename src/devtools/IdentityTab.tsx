import type { Analytics, AnalyticsState } from '../core/createAnalytics.js'
import type { OutcomeHistory } from './createOutcomeHistory.js'

/** Props of `IdentityTab`. */
export interface IdentityTabProps {
  client: Analytics
  history: OutcomeHistory
  state: AnalyticsState
}

/** Consent with buttons to grant or deny it, and the ids every event carries. */
export function IdentityTab({ client, history, state }: IdentityTabProps) {
  const setConsent = (consent: 'granted' | 'denied') => {
    client.setConsent(consent)
    history.touch()
  }
  return (
    <>
      <h3>Consent</h3>
      <div className="ikd-bar">
        <span>
          Consent is <strong data-testid="consent">{state.consent}</strong>
        </span>
        <button
          type="button"
          aria-pressed={state.consent === 'granted'}
          onClick={() => setConsent('granted')}
        >
          Grant consent
        </button>
        <button type="button" aria-pressed={state.consent === 'denied'} onClick={() => setConsent('denied')}>
          Deny consent
        </button>
      </div>
      <p className="ikd-dim">
        Denied drops every later event (reason consent_denied); pending holds them in memory until decided.
      </p>

      <h3>Identity</h3>
      <table aria-label="Identity">
        <tbody>
          <tr>
            <th>user_id</th>
            <td>{state.userId ?? '(anonymous)'}</td>
          </tr>
          <tr>
            <th>anonymous_id</th>
            <td>{state.anonymousId}</td>
          </tr>
          <tr>
            <th>session_id</th>
            <td>{state.sessionId ?? '(starts with the next event)'}</td>
          </tr>
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => {
          client.reset()
          history.touch()
        }}
      >
        Reset identity (as on logout)
      </button>
    </>
  )
}
