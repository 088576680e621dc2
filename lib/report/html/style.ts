/**
 * The stylesheet of the static reports and the app (light and dark, no web fonts needed).
 *
 * @module
 */

/** CSS shared by report.html, perf_report.html and `lmeter app`. */
export const REPORT_CSS = `
:root {
  --bg: #ffffff; --fg: #1d2330; --muted: #5d6778; --line: #dfe3ea; --panel: #f6f8fb;
  --accent: #2f6fde; --good: #1f8a4c; --bad: #c23a3a; --warn: #b7791f; --code: #f1f3f7;
  --c0: #2f6fde; --c1: #e0793a; --c2: #2fa36b; --c3: #9b59b6; --c4: #c23a6a; --c5: #6b7f99;
  color-scheme: light;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14171d; --fg: #e4e8ef; --muted: #9aa4b5; --line: #2c323d; --panel: #1b2028;
    --accent: #6d9cf0; --good: #4cc37f; --bad: #ef6b6b; --warn: #e2b04a; --code: #20262f;
    color-scheme: dark;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC",
    "Microsoft YaHei", sans-serif;
}
main { max-width: 1200px; margin: 0 auto; padding: 16px 20px 48px; }
h1 { font-size: 22px; margin: 8px 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.good { color: var(--good); }
.bad { color: var(--bad); }
.warn { color: var(--warn); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; white-space: nowrap; }
th.sortable { cursor: pointer; user-select: none; }
th.sortable:hover { color: var(--fg); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.clickable { cursor: pointer; }
tr.clickable:hover, tr.selected { background: var(--panel); }
tr.selected { outline: 2px solid var(--accent); outline-offset: -2px; }
pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: var(--code); padding: 10px; border-radius: 6px; overflow: auto; white-space: pre-wrap; word-break: break-word; }
details > summary { cursor: pointer; color: var(--muted); }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; word-break: break-all; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 150px; }
.card .label { color: var(--muted); font-size: 12px; }
.card .value { font-size: 20px; font-weight: 600; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; background: var(--panel); border: 1px solid var(--line); }
.badge.pass { color: var(--good); border-color: var(--good); }
.badge.fail { color: var(--bad); border-color: var(--bad); }
.badge.eval { color: var(--accent); border-color: var(--accent); }
.badge.perf { color: var(--warn); border-color: var(--warn); }
.notes { margin: 6px 0; padding-left: 20px; }
.notes li.warn::marker { color: var(--warn); }
.chart-svg { width: 100%; max-width: 900px; height: auto; display: block; }
.chart-svg text { fill: var(--fg); font-size: 11px; }
.chart-svg .axis { stroke: var(--line); }
.chart-svg .grid { stroke: var(--line); stroke-dasharray: 2 3; }
.chart-svg .whisker { stroke: var(--fg); stroke-width: 1.2; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 14px; }
.chart { min-height: 260px; border: 1px solid var(--line); border-radius: 8px; padding: 6px; background: var(--bg); }
.chart .chart-title { font-weight: 600; font-size: 13px; margin: 2px 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 12px; margin: 4px 0; }
.legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; background: var(--swatch); }
.u-legend { font-size: 12px; }
header.top { display: flex; align-items: center; gap: 18px; padding: 10px 20px; border-bottom: 1px solid var(--line); background: var(--panel); position: sticky; top: 0; z-index: 5; }
header.top .brand { font-weight: 700; }
header.top nav a { margin-right: 14px; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; margin: 10px 0; }
.toolbar label { color: var(--muted); font-size: 12px; }
input, select, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 4px 8px; }
button { cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--accent); }
button:disabled { opacity: 0.5; cursor: default; }
.seg button { border-radius: 0; margin-right: -1px; }
.seg button:first-child { border-radius: 6px 0 0 6px; }
.seg button:last-child { border-radius: 0 6px 6px 0; }
.seg button.active { background: var(--accent); color: #fff; border-color: var(--accent); }
.split { display: grid; grid-template-columns: minmax(280px, 2fr) 3fr; gap: 16px; align-items: start; }
.split > .list { max-height: 75vh; overflow: auto; }
.split > .detail { position: sticky; top: 60px; max-height: 85vh; overflow: auto; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.msg { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; margin: 6px 0; }
.msg .role { font-size: 11px; text-transform: uppercase; color: var(--muted); letter-spacing: .04em; }
.msg.user { background: var(--panel); }
.msg .text { white-space: pre-wrap; word-break: break-word; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.pair > div { background: var(--panel); border-radius: 6px; padding: 6px 8px; }
.error-box { border: 1px solid var(--bad); color: var(--bad); border-radius: 6px; padding: 8px 10px; }
.wide { overflow-x: auto; }
.stat { font-variant-numeric: tabular-nums; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media (max-width: 820px) { .split, .side, .pair { grid-template-columns: 1fr; } .split > .detail { position: static; } }
`;
