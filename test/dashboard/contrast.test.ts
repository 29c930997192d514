import { describe, expect, it } from 'vitest'
import { dashboardStyles } from '../../src/dashboard/dashboardStyles.js'

// WCAG 2 contrast of every text colour the dashboard uses, on both of its backgrounds, in both schemes.

function palette(block: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of block.matchAll(/--ik-([a-z0-9]+):\s*(#[0-9a-f]{6})/gi)) out[m[1]!] = m[2]!
  return out
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

const light = palette(
  dashboardStyles.slice(0, dashboardStyles.indexOf('@media (prefers-color-scheme: dark)')),
)
const dark = palette(dashboardStyles.slice(dashboardStyles.indexOf('@media (prefers-color-scheme: dark)')))

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s scheme', (_, colours) => {
  for (const text of ['fg', 'dim', 'accent', 'good', 'bad', 'warn', 's1', 's2', 's3', 's4'])
    for (const background of ['bg', 'bg2'])
      it(`--ik-${text} on --ik-${background} reaches 4.5:1`, () => {
        expect(colours[text], `--ik-${text}`).toBeDefined()
        expect(contrast(colours[text]!, colours[background]!)).toBeGreaterThanOrEqual(4.5)
      })
})
