import { useCallback, useRef } from 'react'
import { useLatest } from './useLatest.js'

/** When an element counts as seen. */
export interface VisibilityOptions {
  /**
   * Share of the element that must be in the viewport, 0 to 1 (default 0.5). An element taller or wider
   * than the viewport also counts once it fills that share of the viewport, so large sections are not
   * missed.
   */
  threshold?: number
  /** How long it must stay visible, in milliseconds (default 1,000). */
  minVisibleMs?: number
  /** Call back only the first time (default true); otherwise again after each time it leaves and returns. */
  once?: boolean
}

// ratios at which the observer reports, so that partial visibility of large elements is noticed
const STEPS = /* @__PURE__ */ Array.from({ length: 11 }, (_, i) => i / 10)

/**
 * Returns a ref callback that calls `onVisible` once the element has been visible enough for long enough
 * (IntersectionObserver; a no-op where it is missing, as on the server or in old browsers). A page that
 * is hidden when the dwell time ends restarts the dwell, so background tabs do not count. Works with
 * React 18's `ref(null)` and React 19 (StrictMode's double attach keeps the "once" state).
 *
 * @example
 * const ref = useOnVisible(() => console.log('seen'), { threshold: 0.5, minVisibleMs: 1000 })
 * return <section ref={ref}>…</section>
 */
export function useOnVisible(
  onVisible: () => void,
  { threshold = 0.5, minVisibleMs = 1_000, once = true }: VisibilityOptions = {},
): (element: Element | null) => void {
  const callback = useLatest(onVisible)
  const state = useRef<{ fired: boolean; stop?: () => void }>({ fired: false })

  return useCallback(
    (element: Element | null) => {
      const s = state.current
      s.stop?.()
      s.stop = undefined
      const Observer = (globalThis as { IntersectionObserver?: typeof IntersectionObserver })
        .IntersectionObserver
      if (!element || !Observer || (once && s.fired)) return
      let timer: ReturnType<typeof setTimeout> | undefined
      // false from the callback until the element leaves the view again
      let armed = true
      const dwell = () => {
        timer = setTimeout(() => {
          if ((globalThis as { document?: Document }).document?.visibilityState === 'hidden') return dwell()
          armed = false
          s.fired = true
          if (once) s.stop?.()
          callback.current()
        }, minVisibleMs)
      }
      const observer = new Observer(
        (entries) => {
          const entry = entries.at(-1)
          if (!entry) return
          const { rootBounds: root, intersectionRect: rect } = entry
          const area = root ? root.width * root.height : 0
          if (
            entry.isIntersecting &&
            (entry.intersectionRatio >= threshold ||
              (area > 0 && (rect.width * rect.height) / area >= threshold))
          ) {
            if (armed && timer === undefined) dwell()
          } else {
            clearTimeout(timer)
            timer = undefined
            armed = true
          }
        },
        { threshold: [...STEPS, threshold] },
      )
      observer.observe(element)
      s.stop = () => {
        observer.disconnect()
        clearTimeout(timer)
      }
    },
    [threshold, minVisibleMs, once, callback],
  )
}
