import { type RefObject, useEffect } from 'react'

/** Where the collector panel sits beside the page rather than below it (as in styles.css). */
const BESIDE = '(min-width: 901px)'
const GAP = 12
// below this the panel keeps its height: a heading and the counts stay readable
const MIN_HEIGHT = 160

const devtoolsHost = () => document.querySelector('[data-instrumentkit-devtools]')

/** The devtools' fixed box (toggle button, and the panel when open), inside their shadow root. */
const devtoolsRoot = () => devtoolsHost()?.shadowRoot?.querySelector('.ikd-root') ?? undefined

/**
 * Caps the height of the element in `ref` so that it ends above the devtools when they share its
 * column (their button, or the open panel), and otherwise at the bottom of the viewport. Only when the
 * element sits beside the page; below it (a phone) the page scrolls past the devtools instead.
 */
export function useFitAboveDevtools(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const beside = window.matchMedia(BESIDE)
    let frame = 0
    const fit = () => {
      frame = 0
      const element = ref.current
      if (!element) return
      if (!beside.matches) {
        element.style.maxHeight = ''
        return
      }
      const box = element.getBoundingClientRect()
      const tools = devtoolsRoot()?.getBoundingClientRect()
      const shared = tools && tools.width > 0 && tools.left < box.right && tools.right > box.left
      const bottom = shared ? tools.top - GAP : window.innerHeight - GAP
      element.style.maxHeight = `${Math.max(MIN_HEIGHT, Math.floor(bottom - Math.max(box.top, 0)))}px`
    }
    const schedule = () => {
      frame ||= requestAnimationFrame(fit)
    }
    // the devtools load lazily, render into a shadow root, and change size when opened or closed
    const resized = new ResizeObserver(schedule)
    const added = new MutationObserver(() => watch())
    let shadow: ShadowRoot | undefined
    let root: Element | undefined
    const watch = () => {
      const nextShadow = devtoolsHost()?.shadowRoot ?? undefined
      if (nextShadow && nextShadow !== shadow) {
        shadow = nextShadow
        added.observe(shadow, { childList: true, subtree: true })
      }
      const nextRoot = devtoolsRoot()
      if (nextRoot && nextRoot !== root) {
        root = nextRoot
        resized.observe(root)
      }
      schedule()
    }
    added.observe(document.body, { childList: true })
    watch()
    window.addEventListener('scroll', schedule, { passive: true })
    window.addEventListener('resize', schedule)
    beside.addEventListener('change', schedule)
    return () => {
      cancelAnimationFrame(frame)
      resized.disconnect()
      added.disconnect()
      window.removeEventListener('scroll', schedule)
      window.removeEventListener('resize', schedule)
      beside.removeEventListener('change', schedule)
    }
  }, [ref])
}
