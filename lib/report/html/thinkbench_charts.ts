/**
 * The reasoning-efficiency section of an eval report (`lmeter thinkbench`): a table per analysis
 * and six small line charts across the levels (reasoning, first-correct and reflection tokens,
 * token efficiency, thoughts, accuracy; EvalScope ThinkBench's 2 × 3 panel), one line per model
 * and benchmark. Inline SVG, no script. Pure; shared by report.html and the app.
 *
 * @module
 */
import type { ThinkbenchLevel, ThinkbenchReport } from "../../results/eval/thinkbench_file.ts";
import { escapeHtml as e } from "./escape.ts";
import { formatNumber } from "./format.ts";
import type { MessageKey, Translate } from "./i18n.ts";
import { legendHtml, seriesColour } from "./svg_bars.ts";
import { table } from "./eval_sections.ts";

type Stat =
  | "reasoningTokens"
  | "firstCorrectTokens"
  | "reflectionTokens"
  | "tokenEfficiency"
  | "thoughts"
  | "accuracy";

/** The six charted statistics, their labels, and whether they are shares (0–1). */
const PANELS: readonly { stat: Stat; label: MessageKey; share: boolean }[] = [
  { stat: "reasoningTokens", label: "thinkbench.reasoningTokens", share: false },
  { stat: "firstCorrectTokens", label: "thinkbench.firstCorrectTokens", share: false },
  { stat: "reflectionTokens", label: "thinkbench.reflectionTokens", share: false },
  { stat: "tokenEfficiency", label: "thinkbench.tokenEfficiency", share: true },
  { stat: "thoughts", label: "thinkbench.thoughts", share: false },
  { stat: "accuracy", label: "thinkbench.accuracy", share: true },
];

const STYLE = ".thinkbench-panels{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));" +
  "gap:12px;max-width:1100px}.thinkbench-panels svg{width:100%;height:auto;display:block}" +
  ".thinkbench-panels text{fill:var(--fg);font-size:11px}" +
  ".thinkbench-panels .grid{stroke:var(--line);stroke-dasharray:2 3}";

/** The section for `analyses` (each with the model it belongs to); "" when there is none. */
export function thinkbenchHtml(analyses: readonly ThinkbenchReport[], t: Translate): string {
  if (analyses.length === 0) return "";
  const series = analyses.map((a) => `${a.model} · ${a.benchmark}`);
  const levels = [...new Set(analyses.flatMap((a) => a.levels.map((l) => l.level)))];
  const panels = PANELS.map((p) => panelSvg(analyses, { ...p, levels, title: t(p.label) }));
  const tables = analyses.map((a, i) =>
    `<h3>${e(series[i])}</h3><p class="muted small">${
      e(t("thinkbench.note", { judge: a.judgeModel, split: a.split, tokenizer: a.tokenizer }))
    }</p>${levelTable(a, t)}`
  ).join("");
  return `<style>${STYLE}</style><h2>${e(t("thinkbench.title"))}</h2>${legendHtml(series)}` +
    `<div class="thinkbench-panels">${panels.join("")}</div>${tables}`;
}

function levelTable(a: ThinkbenchReport, t: Translate): string {
  const head = [
    t("thinkbench.level"),
    t("common.num"),
    ...PANELS.map((p) => t(p.label)),
    t("thinkbench.judgeErrors"),
    t("thinkbench.skipped"),
  ];
  const cell = (v: number | null, digits: number) =>
    `<td class="num">${v === null ? "–" : v.toFixed(digits)}</td>`;
  const row = (l: ThinkbenchLevel, overall: boolean) =>
    `<tr><td>${overall ? `<b>${e(l.level)}</b>` : e(l.level)}</td><td class="num">${
      formatNumber(l.n)
    }</td>${cell(l.reasoningTokens, 1)}${cell(l.firstCorrectTokens, 1)}${
      cell(l.reflectionTokens, 1)
    }${cell(l.tokenEfficiency, 4)}${cell(l.thoughts, 2)}${cell(l.accuracy, 4)}<td class="num">${
      formatNumber(l.judgeErrors)
    }</td><td class="num">${formatNumber(l.skipped)}</td></tr>`;
  return table(head, [...a.levels.map((l) => row(l, false)), row(a.overall, true)], [
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    9,
  ]);
}

/** A chart's size and margins (px of its view box). */
const PANEL_BOX = { w: 340, h: 220, left: 44, right: 12, top: 30, bottom: 34 };

/** One small line chart: x = levels, one line per analysis, each point labelled. */
function panelSvg(
  analyses: readonly ThinkbenchReport[],
  o: { stat: Stat; share: boolean; levels: readonly string[]; title: string },
): string {
  const { w, h, left, right, top, bottom } = PANEL_BOX;
  const values = analyses.flatMap((a) => a.levels.map((l) => l[o.stat] ?? 0));
  const max = o.share ? 1 : niceMax(Math.max(0, ...values));
  // The outer points sit 28 px inside the plot, so their labels are not cut off.
  const x = (i: number) =>
    left + 28 + (o.levels.length < 2 ? 0.5 : i / (o.levels.length - 1)) * (w - left - right - 56);
  const y = (v: number) => top + (1 - v / max) * (h - top - bottom);
  const parts: string[] = [
    `<text x="${w / 2}" y="16" text-anchor="middle" font-weight="600">${e(o.title)}</text>`,
  ];
  for (const g of [0, 0.5, 1]) {
    const v = g * max;
    parts.push(
      `<line class="grid" x1="${left}" x2="${w - right}" y1="${y(v)}" y2="${y(v)}"/>`,
      `<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${e(axisLabel(v, o.share))}</text>`,
    );
  }
  o.levels.forEach((level, i) => {
    parts.push(`<text x="${x(i)}" y="${h - 12}" text-anchor="middle">${e(level)}</text>`);
  });
  analyses.forEach((a, s) => {
    const points = o.levels.flatMap((level, i) => {
      const v = a.levels.find((l) => l.level === level)?.[o.stat];
      return v === null || v === undefined ? [] : [{ px: x(i), py: y(v), v }];
    });
    const colour = seriesColour(s);
    if (points.length > 1) {
      parts.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${
          points.map((p) => `${p.px.toFixed(1)},${p.py.toFixed(1)}`).join(" ")
        }"/>`,
      );
    }
    for (const p of points) {
      parts.push(
        `<circle cx="${p.px.toFixed(1)}" cy="${p.py.toFixed(1)}" r="3" fill="${colour}"/>`,
        `<text x="${p.px.toFixed(1)}" y="${(p.py - 7).toFixed(1)}" text-anchor="middle">${
          p.v.toFixed(2)
        }</text>`,
      );
    }
  });
  return `<svg role="img" aria-label="${
    e(o.title)
  }" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`;
}

/** The smallest 1, 2 or 5 × 10^k at or above `v` (1 for 0). */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function axisLabel(v: number, share: boolean): string {
  if (share) return v.toFixed(1);
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
