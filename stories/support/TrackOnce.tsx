import type { Properties } from '../../src/index.js'
import { useTrack } from '../../src/react.js'

/** Props of the pipeline stories' button. */
export interface TrackOnceProps {
  /** The event name tracked on each click (checked against the catalogue and the naming rule). */
  event: string
  /** The properties tracked with it, before the pipeline's privacy stage. */
  properties: Properties
  /** The button's text. */
  label: string
}

/** A button that tracks one event, so the log beside it shows what the pipeline did with it. */
export function TrackOnce({ event, properties, label }: TrackOnceProps) {
  const track = useTrack()
  return (
    <button type="button" className="ik-primary" onClick={() => track(event, properties)}>
      {label}
    </button>
  )
}
