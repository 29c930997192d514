import { useInsertionEffect } from 'react'

/**
 * The dashboard's stylesheet. Every rule starts at `.ikdash`, the class of each view's root, so it
 * styles nothing of the host app; uPlot's own rules are included under the same prefix.
 * Colours meet WCAG AA contrast on their backgrounds; meaning is never carried by colour alone.
 */
export const dashboardStyles = `
.ikdash {
  --ik-bg: #ffffff; --ik-bg2: #f4f6f9; --ik-line: #d5dae1; --ik-fg: #1b1f24; --ik-dim: #555e6b;
  --ik-accent: #1f5fbf; --ik-good: #17663a; --ik-bad: #b3261e; --ik-warn: #8a5300; --ik-focus: #1f5fbf;
  --ik-s1: #1f5fbf; --ik-s2: #b3261e; --ik-s3: #17663a; --ik-s4: #8a5300;
  color: var(--ik-fg); background: var(--ik-bg);
  font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  text-align: left; box-sizing: border-box;
}
@media (prefers-color-scheme: dark) {
  .ikdash.ikdash-auto {
    --ik-bg: #14171c; --ik-bg2: #1d2128; --ik-line: #353b45; --ik-fg: #e8eaee; --ik-dim: #a9b0bc;
    --ik-accent: #8ab4ff; --ik-good: #6fd39b; --ik-bad: #ff8a80; --ik-warn: #f2c14e; --ik-focus: #ffd866;
    --ik-s1: #8ab4ff; --ik-s2: #ff8a80; --ik-s3: #6fd39b; --ik-s4: #f2c14e;
  }
}
.ikdash *, .ikdash *::before, .ikdash *::after { box-sizing: inherit; }
.ikdash h1, .ikdash h2, .ikdash h3 { margin: 0 0 8px; line-height: 1.25; }
.ikdash h1 { font-size: 20px; }
.ikdash h2 { font-size: 18px; }
.ikdash h3 { font-size: 15px; margin-top: 18px; }
.ikdash p { margin: 0 0 8px; }
.ikdash :focus-visible { outline: 2px solid var(--ik-focus); outline-offset: 2px; }
.ikdash button, .ikdash input, .ikdash select { font: inherit; color: inherit; }
.ikdash button, .ikdash input, .ikdash select {
  background: var(--ik-bg); border: 1px solid var(--ik-line); border-radius: 6px; padding: 5px 10px; min-height: 32px;
}
.ikdash button { cursor: pointer; }
.ikdash button:hover { border-color: var(--ik-accent); }
.ikdash label { display: inline-flex; flex-direction: column; gap: 2px; font-size: 12px; color: var(--ik-dim); }
.ikdash label > input, .ikdash label > select { color: var(--ik-fg); font-size: 14px; }
.ikdash-shell { display: flex; flex-direction: column; gap: 12px; padding: 12px; }
.ikdash-top { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; justify-content: space-between; }
.ikdash-nav { display: flex; flex-wrap: wrap; gap: 4px; border-bottom: 1px solid var(--ik-line); }
.ikdash-nav button {
  border: none; border-bottom: 3px solid transparent; border-radius: 0; background: none; padding: 8px 10px;
}
.ikdash-nav button[aria-current='page'] { border-bottom-color: var(--ik-accent); color: var(--ik-accent); font-weight: 600; }
.ikdash-controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; }
.ikdash-view { display: flex; flex-direction: column; gap: 12px; min-width: 0; }
.ikdash-head { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; justify-content: space-between; }
.ikdash-meta { color: var(--ik-dim); font-size: 12px; }
.ikdash-busy { opacity: 0.6; transition: opacity 0.2s; }
.ikdash-tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin: 0; }
.ikdash-tile { background: var(--ik-bg2); border: 1px solid var(--ik-line); border-radius: 8px; padding: 10px 12px; margin: 0; min-width: 0; }
.ikdash-tile dt { font-size: 12px; color: var(--ik-dim); }
.ikdash-tile dd { margin: 2px 0 0; font-size: 22px; font-weight: 650; overflow-wrap: anywhere; }
.ikdash-tile .ikdash-sub { display: block; font-size: 12px; font-weight: 400; color: var(--ik-dim); }
.ikdash-up { color: var(--ik-good); }
.ikdash-down { color: var(--ik-bad); }
.ikdash-panel { border: 1px solid var(--ik-line); border-radius: 8px; padding: 12px; min-width: 0; }
.ikdash-scroll { overflow-x: auto; max-width: 100%; position: relative; }
.ikdash table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
.ikdash caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
.ikdash th, .ikdash td { padding: 6px 8px; border-bottom: 1px solid var(--ik-line); text-align: left; vertical-align: top; }
.ikdash th { font-size: 12px; color: var(--ik-dim); font-weight: 600; }
.ikdash td.ikdash-num, .ikdash th.ikdash-num { text-align: right; white-space: nowrap; }
.ikdash-badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.ikdash-ok { color: var(--ik-good); }
.ikdash-warn { color: var(--ik-warn); }
.ikdash-err { color: var(--ik-bad); }
.ikdash-alert { border: 1px solid var(--ik-bad); border-left-width: 4px; border-radius: 6px; padding: 8px 12px; color: var(--ik-fg); background: var(--ik-bg2); }
.ikdash-note { border: 1px solid var(--ik-line); border-left: 4px solid var(--ik-warn); border-radius: 6px; padding: 8px 12px; background: var(--ik-bg2); }
.ikdash-result { font-size: 18px; font-weight: 650; }
.ikdash-empty { color: var(--ik-dim); padding: 16px; border: 1px dashed var(--ik-line); border-radius: 8px; }
.ikdash-form { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; }
.ikdash-svg { display: block; width: 100%; height: auto; overflow: visible; }
.ikdash-svg text { fill: var(--ik-fg); font-size: 12px; }
.ikdash-svg .ikdash-svg-dim { fill: var(--ik-dim); }
.ikdash-grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; }
.ikdash-legend { display: flex; flex-wrap: wrap; gap: 12px; list-style: none; margin: 4px 0 0; padding: 0; font-size: 12px; }
.ikdash-legend svg { vertical-align: middle; margin-right: 4px; }
.ikdash-chart { width: 100%; min-height: 40px; }
.ikdash details summary { cursor: pointer; color: var(--ik-accent); font-size: 12px; margin-top: 4px; }
.ikdash-sr { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.ikdash-heat { font-variant-numeric: tabular-nums; }
@media (max-width: 480px) {
  .ikdash-shell { padding: 8px; }
  .ikdash-tile dd { font-size: 19px; }
  .ikdash th, .ikdash td { padding: 5px 6px; }
}
.ikdash .uplot, .ikdash .uplot * { box-sizing: border-box; }
.ikdash .uplot { font: inherit; line-height: 1.5; width: min-content; }
.ikdash .u-wrap { position: relative; user-select: none; }
.ikdash .u-over, .ikdash .u-under { position: absolute; }
.ikdash .u-under { overflow: hidden; }
.ikdash .uplot canvas { display: block; position: relative; width: 100%; height: 100%; }
.ikdash .u-axis { position: absolute; }
.ikdash .u-legend { display: none; }
.ikdash .u-select { background: rgba(31, 95, 191, 0.1); position: absolute; pointer-events: none; }
.ikdash .u-cursor-x, .ikdash .u-cursor-y { position: absolute; left: 0; top: 0; pointer-events: none; will-change: transform; }
.ikdash .u-hz .u-cursor-x { height: 100%; border-right: 1px dashed var(--ik-dim); }
.ikdash .u-hz .u-cursor-y { width: 100%; border-bottom: 1px dashed var(--ik-dim); }
.ikdash .u-cursor-pt { position: absolute; top: 0; left: 0; border-radius: 50%; border: 0 solid; pointer-events: none; will-change: transform; background-clip: padding-box !important; }
.ikdash .u-axis.u-off, .ikdash .u-select.u-off, .ikdash .u-cursor-x.u-off, .ikdash .u-cursor-y.u-off, .ikdash .u-cursor-pt.u-off { display: none; }
`

const STYLE_ID = 'instrumentkit-dashboard-styles'

/** Adds the dashboard's stylesheet to the document once, before the first view paints. */
export function useDashboardStyles(): void {
  useInsertionEffect(() => {
    if (typeof document === 'undefined' || document.getElementById(STYLE_ID)) return
    const style = document.createElement('style')
    style.id = STYLE_ID
    style.textContent = dashboardStyles
    document.head.appendChild(style)
  }, [])
}
