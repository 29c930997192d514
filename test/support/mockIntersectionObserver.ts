import { act } from '@testing-library/react'

// A controllable IntersectionObserver: tests say how much of an element is in view.
export class MockObserver {
  static live = new Set<MockObserver>()
  readonly targets = new Set<Element>()
  constructor(
    readonly callback: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit = {},
  ) {
    MockObserver.live.add(this)
  }
  observe(el: Element) {
    this.targets.add(el)
  }
  unobserve(el: Element) {
    this.targets.delete(el)
  }
  disconnect() {
    this.targets.clear()
    MockObserver.live.delete(this)
  }
  takeRecords() {
    return []
  }
}

const viewport = { width: 1000, height: 800 }
/** Reports that `ratio` of the element is visible (or, for a large element, `viewportShare` of the viewport). */
export function setVisible(el: Element, ratio: number, size = { width: 200, height: 100 }) {
  const visibleArea = ratio * size.width * size.height
  for (const observer of [...MockObserver.live]) {
    if (!observer.targets.has(el)) continue
    const entry = {
      target: el,
      isIntersecting: ratio > 0,
      intersectionRatio: ratio,
      intersectionRect: { width: size.width, height: visibleArea / size.width },
      rootBounds: { width: viewport.width, height: viewport.height },
      boundingClientRect: { width: size.width, height: size.height },
      time: Date.now(),
    } as unknown as IntersectionObserverEntry
    act(() => observer.callback([entry], observer as unknown as IntersectionObserver))
  }
}
