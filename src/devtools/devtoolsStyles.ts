/**
 * The panel's whole stylesheet. It lives inside the panel's shadow root, so the host page's rules
 * cannot reach the panel and these rules cannot reach the page; `:host { all: initial }` also stops
 * inherited properties (font, color, line-height) from flowing in through the shadow host.
 */
export const devtoolsStyles = `
:host { all: initial; }
.ikd-root, .ikd-root * { box-sizing: border-box; }
.ikd-root {
  --bg: #15171c; --bg2: #1e2128; --line: #2f333d; --fg: #e6e8ee; --dim: #9aa1b1;
  --accent: #7aa2ff; --ok: #5ad19a; --warn: #f2c14e; --bad: #ff6b6b; --focus: #ffd866;
  position: fixed; z-index: 2147483000; color: var(--fg);
  font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
.ikd-bottom-right { right: 12px; bottom: 12px; }
.ikd-bottom-left { left: 12px; bottom: 12px; }
.ikd-top-right { right: 12px; top: 12px; }
.ikd-top-left { left: 12px; top: 12px; }
button, input, select { font: inherit; color: inherit; }
button {
  background: var(--bg2); border: 1px solid var(--line); border-radius: 4px; padding: 2px 8px; cursor: pointer;
}
button:hover { border-color: var(--accent); }
button[aria-pressed='true'] { background: var(--accent); color: #0b0d12; border-color: var(--accent); }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
.ikd-toggle {
  display: block; margin-left: auto; background: var(--bg); color: var(--fg); border-radius: 16px;
  padding: 6px 12px; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.35);
}
.ikd-bottom-left .ikd-toggle, .ikd-top-left .ikd-toggle { margin-left: 0; }
.ikd-panel {
  display: flex; flex-direction: column; width: min(760px, calc(100vw - 24px)); height: min(520px, 70vh);
  margin-bottom: 8px; background: var(--bg); border: 1px solid var(--line); border-radius: 8px;
  box-shadow: 0 8px 28px rgba(0, 0, 0, 0.45); overflow: hidden;
}
.ikd-top-right .ikd-panel, .ikd-top-left .ikd-panel { margin: 8px 0 0; }
.ikd-head { display: flex; gap: 12px; align-items: center; padding: 6px 10px; border-bottom: 1px solid var(--line); }
.ikd-title { font-weight: 700; }
.ikd-summary { color: var(--dim); flex: 1; }
.ikd-tabs { display: flex; gap: 2px; padding: 4px 8px 0; border-bottom: 1px solid var(--line); }
.ikd-tab { border: none; border-bottom: 2px solid transparent; border-radius: 0; background: none; padding: 4px 10px; }
.ikd-tab[aria-selected='true'] { border-bottom-color: var(--accent); color: var(--accent); }
.ikd-body { flex: 1; overflow: auto; padding: 8px 10px; }
.ikd-bar { display: flex; gap: 8px; align-items: center; margin-bottom: 6px; }
input, select { background: var(--bg2); border: 1px solid var(--line); border-radius: 4px; padding: 2px 6px; }
option { background: var(--bg2); color: var(--fg); }
.ikd-dim { color: var(--dim); }
.ikd-list { list-style: none; margin: 0; padding: 0; }
.ikd-row { border-bottom: 1px solid var(--line); }
.ikd-row > button {
  display: flex; gap: 8px; width: 100%; text-align: left; border: none; border-radius: 0; background: none; padding: 3px 2px;
}
.ikd-time { color: var(--dim); }
.ikd-name { font-weight: 600; }
.ikd-time, .ikd-badge { white-space: nowrap; flex: none; }
.ikd-badge { border-radius: 3px; padding: 0 5px; background: var(--bg2); }
.ikd-queued, .ikd-held, .ikd-restored, .ikd-tracked { color: var(--accent); }
.ikd-sent { color: var(--ok); }
.ikd-retrying { color: var(--warn); }
.ikd-dropped, .ikd-failed { color: var(--bad); }
.ikd-chip { color: var(--warn); }
.ikd-detail { margin: 0 0 6px 16px; }
pre { margin: 4px 0; white-space: pre-wrap; word-break: break-all; color: var(--fg); font: inherit; }
table { border-collapse: collapse; width: 100%; margin-bottom: 10px; }
th, td { text-align: left; padding: 2px 8px 2px 0; border-bottom: 1px solid var(--line); font-weight: normal; }
th { color: var(--dim); }
h3 { font-size: 12px; margin: 10px 0 4px; color: var(--dim); text-transform: uppercase; letter-spacing: 0.04em; }
.ikd-ok { color: var(--ok); }
.ikd-bad { color: var(--bad); }
`
