import { createContext, useContext } from 'react'
import { type Analytics, createAnalytics, type TrackOptions } from '../core/createAnalytics.js'
import type { Properties } from '../core/types.js'
import { warnOnce } from '../lib/warn.js'

/**
 * What the React tree carries: the client and the properties of the nearest `TrackingScope`, linked to
 * the scopes above it. A frame is created once per provider or scope and mutated in place when a scope's
 * properties change, so its identity, and therefore the context value, never changes because of tracking.
 */
export interface Frame {
  readonly client: Analytics
  readonly parent: Frame | undefined
  properties: Properties | undefined
}

/** The context behind `AnalyticsProvider` and `TrackingScope`. */
export const AnalyticsContext = /* @__PURE__ */ createContext<Frame | null>(null)

let orphan: Frame | undefined

/**
 * The nearest frame. Outside a provider: a shared client that drops every event (consent denied, no
 * storage, nothing sent), and a development warning said once.
 */
export function useFrame(caller: string): Frame {
  const frame = useContext(AnalyticsContext)
  if (frame) return frame
  if (process.env.NODE_ENV !== 'production')
    warnOnce(
      'no-provider',
      `${caller} was used outside <AnalyticsProvider>: events are dropped and experiments show their control. Wrap the app in <AnalyticsProvider client={analytics}>.`,
    )
  return orphanFrame()
}

/** The frame used when no provider is above. */
export function orphanFrame(): Frame {
  orphan ??= {
    client: createAnalytics({ storage: false, consent: 'denied', naming: 'off' }),
    parent: undefined,
    properties: undefined,
  }
  return orphan
}

/** The properties of every enclosing scope, outermost first, so the nearest scope wins. */
export function scopeProperties(frame: Frame | undefined): Properties {
  return frame ? Object.assign(scopeProperties(frame.parent), frame.properties) : {}
}

/** Tracks through the frame's client with the scope properties merged under the call site's. */
export function trackIn(frame: Frame, name: string, properties?: Properties, options?: TrackOptions): void {
  frame.client.track(name, { ...scopeProperties(frame), ...properties }, options)
}
