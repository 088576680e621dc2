/**
 * The sections of a perf report as HTML strings and chart specs: basic information, summary
 * table, best configuration, recommendations, metrics against load, and per-run percentiles and
 * request scatter. Pure; shared by perf_report.html and the app's Perf pages.
 *
 * @module
 */
import {
  percentileAt,
  type PercentileColumn,
  percentileColumns,
  type PercentileField,
} from "../../metrics/perf_percentiles.ts";
import { type PerfSummary, successRate } from "../../metrics/perf_summary.ts";
import {
  isPoolingSummary,
  percentileLabel,
  summaryToFile,
} from "../../results/perf/evalscope_format.ts";
import { percentileSeries } from "../../results/read/percentile_series.ts";
import type { PerfRunView, RequestPoints } from "../../results/read/types.ts";
import { chartBlock, type ChartSpec, wantsLogX } from "./chart_spec.ts";
import { table } from "./eval_sections.ts";
import { escapeHtml } from "./escape.ts";
import { formatDate, formatNumber } from "./format.ts";
import type { Translate } from "./i18n.ts";
import {
  bestConfig,
  type LoadAxis,
  loadAxis,
  loadOf,
  recommendations,
  runLabel,
  sortRuns,
} from "./perf_analysis.ts";

/** What the basic-information block shows. */
export interface PerfSweepInfo {
  model?: string | null;
  dataset?: string | null;
  api?: string | null;
  url?: string | null;
  startedAt?: string | null;
  outputDir?: string | null;
}

const e = escapeHtml;

/** A summary value the sections show. */
type SummaryMetric = keyof Omit<
  PerfSummary,
  | "decodedPerIter"
  | "specAcceptRate"
  | "avgCachedTokens"
  | "cacheHitRatePct"
  | "estimatedCacheHitRatePct"
  | "avgTurnsPerRequest"
  | "firstTurnTtftMs"
  | "subsequentTurnTtftMs"
>;

const value = (r: PerfRunView, m: SummaryMetric): number | null => r.summary[m] ?? null;

/** Key/value block of the sweep's identity. */
export function perfBasicHtml(info: PerfSweepInfo, runs: readonly PerfRunView[], t: Translate) {
  let generated = 0;
  let duration = 0;
  for (const r of runs) {
    const out = r.summary.avgOutputTokens;
    if (out !== null) generated += out * r.summary.success;
    duration += r.summary.durationS;
  }
  const rows: [string, string][] = [
    [t("perf.model"), info.model ?? "–"],
    [t("perf.dataset"), info.dataset ?? "–"],
    [t("perf.api"), info.api ?? "–"],
    [t("perf.url"), info.url ?? "–"],
    [t("perf.started"), formatDate(info.startedAt)],
    ["Total Generated", `${formatNumber(Math.round(generated))} tokens`],
    ["Avg Output Rate", duration > 0 ? `${formatNumber(generated / duration)} tok/s` : "–"],
    ["Total Test Time", `${formatNumber(duration)} s`],
  ];
  if (info.outputDir) rows.push([t("perf.output"), info.outputDir]);
  return `<dl class="meta">${
    rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join("")
  }</dl>`;
}

/** A run's summary value (`s`) and p99 (`p`), formatted, for a summary table's cells. */
interface SummaryCells {
  s(m: SummaryMetric): string;
  p(col: PercentileColumn): string;
}

/** One column of a summary table between the load columns and the success rate. */
type SummaryColumn = [header: string, cell: (c: SummaryCells) => string];

/** EvalScope's "Detailed Performance Metrics" columns. */
const STREAM_COLUMNS: readonly SummaryColumn[] = [
  ["RPS", (c) => c.s("rps")],
  ["Avg Lat.(s)", (c) => c.s("avgLatencyS")],
  ["P99 Lat.(s)", (c) => c.p("latencyS")],
  ["Avg TTFT(ms)", (c) => c.s("avgTtftMs")],
  ["P99 TTFT(ms)", (c) => c.p("ttftMs")],
  ["Avg TPOT(ms)", (c) => c.s("avgTpotMs")],
  ["P99 TPOT(ms)", (c) => c.p("tpotMs")],
  ["Gen. toks/s", (c) => c.s("outputTps")],
];

/** EvalScope's pooling columns, then lmeter's wall-time input throughput and items per second. */
const POOLING_COLUMNS: readonly SummaryColumn[] = [
  ["RPS", (c) => c.s("rps")],
  ["Avg Lat.(s)", (c) => c.s("avgLatencyS")],
  ["P99 Lat.(s)", (c) => c.p("latencyS")],
  ["Avg Inp.TPS", (c) => c.s("inputTps")],
  ["P99 Inp.TPS", (c) => c.p("inputTps")],
  ["Avg Inp.Tok", (c) => c.s("avgInputTokens")],
  ["Wall Inp.TPS", (c) => c.s("wallInputTps")],
  ["Items/s", (c) => c.s("itemsPerS")],
];

/** The summary table (EvalScope's "Detailed Performance Metrics" columns; its pooling columns for
 * embeddings and rerank runs). */
export function perfSummaryTableHtml(runs: readonly PerfRunView[]): string {
  const pooling = runs.length > 0 && runs.every((r) => isPoolingSummary(r.summary));
  const columns = pooling ? POOLING_COLUMNS : STREAM_COLUMNS;
  const rows = sortRuns(runs, loadAxis(runs)).map((r) => {
    const c: SummaryCells = {
      s: (m) => formatNumber(value(r, m), 2),
      p: (col) => formatNumber(percentileAt(r.percentiles, "99%", col), 2),
    };
    const ok = successRate(r.summary);
    const cls = ok === null ? "" : ok >= 95 ? "good" : ok >= 80 ? "warn" : "bad";
    const cells = [
      r.parallel > 0 ? String(r.parallel) : "–",
      r.rate > 0 ? String(r.rate) : "–",
      formatNumber(r.number),
      ...columns.map(([, cell]) => cell(c)),
    ];
    return `<tr>${cells.map((x) => `<td class="num">${x}</td>`).join("")}<td class="num ${cls}">${
      ok === null ? "–" : `${ok.toFixed(1)}%`
    }${r.status === "incomplete" ? ' <span class="warn small">(incomplete)</span>' : ""}</td></tr>`;
  });
  const headers = ["Conc.", "Rate", "Num", ...columns.map(([h]) => h), "Success Rate"];
  return table(headers, rows, headers.map((_, i) => i));
}

/** Best configuration cards and the recommendations list. */
export function perfAdviceHtml(runs: readonly PerfRunView[], t: Translate): string {
  const axis = loadAxis(runs);
  const best = bestConfig(runs);
  const card = (label: string, r: PerfRunView | null, metric: SummaryMetric, unit: string) =>
    `<div class="card"><div class="label">${e(label)}</div><div class="value">${
      r ? e(runLabel(r, axis)) : "–"
    }</div><div class="muted small">${
      r ? `${formatNumber(value(r, metric), 3)} ${unit}` : ""
    }</div></div>`;
  const recs = recommendations(runs).map((r) =>
    `<li class="${r.level}">${e(t(r.key, r.params))}</li>`
  ).join("");
  return `<h2>${e(t("perf.best"))}</h2><div class="cards">${
    card(t("perf.highestRps"), best.highestRps, "rps", "req/s")
  }${card(t("perf.lowestLatency"), best.lowestLatency, "avgLatencyS", "s")}</div><h2>${
    e(t("perf.recommendations"))
  }</h2><ul class="notes recommendations">${recs}</ul>`;
}

function axisLabel(axis: LoadAxis, t: Translate): string {
  return axis === "rate" ? t("perf.rate") : t("perf.concurrency");
}

/** Metrics against load: latency, TTFT, TPOT, request and token throughput, success rate. */
export function sweepChartSpecs(runs: readonly PerfRunView[], t: Translate): ChartSpec[] {
  const axis = loadAxis(runs);
  const sorted = sortRuns(runs, axis);
  const x = sorted.map((r) => loadOf(r, axis));
  const xLabel = axisLabel(axis, t);
  const logX = wantsLogX(x);
  const avg = (m: SummaryMetric) => sorted.map((r) => value(r, m));
  const pct = (label: string, col: PercentileField) =>
    sorted.map((r) => percentileAt(r.percentiles, label, col));
  const avgLabel = t("perf.avg");
  const spec = (title: string, yLabel: string, series: ChartSpec["series"]): ChartSpec => ({
    kind: "line",
    title,
    xLabel,
    yLabel,
    x,
    series,
    logX,
  });
  return [
    spec(`${t("perf.latencyVsLoad")} (s)`, "s", [
      { label: avgLabel, values: avg("avgLatencyS") },
      { label: "p50", values: pct("50%", "latencyS") },
      { label: "p99", values: pct("99%", "latencyS") },
    ]),
    spec(`${t("perf.ttftVsLoad")} (ms)`, "ms", [
      { label: avgLabel, values: avg("avgTtftMs") },
      { label: "p99", values: pct("99%", "ttftMs") },
    ]),
    spec(`${t("perf.tpotVsLoad")} (ms)`, "ms", [
      { label: avgLabel, values: avg("avgTpotMs") },
      { label: "p99", values: pct("99%", "tpotMs") },
    ]),
    spec(`${t("perf.rpsVsLoad")} (req/s)`, "req/s", [{ label: "RPS", values: avg("rps") }]),
    spec(`${t("perf.tokVsLoad")} (tok/s)`, "tok/s", [
      { label: "output", values: avg("outputTps") },
      { label: "total", values: avg("totalTps") },
    ]),
    spec(`${t("perf.successVsLoad")} (%)`, "%", [
      { label: t("perf.success"), values: sorted.map((r) => successRate(r.summary)) },
    ]),
  ];
}

/** Percentile curves of one run: latency (s) and TTFT/TPOT/ITL (ms). */
export function runPercentileSpecs(run: PerfRunView, t: Translate): ChartSpec[] {
  const rows = percentileSeries(run.percentiles);
  if (rows.length === 0) return [];
  const x = rows.map((r) => r.x);
  const col = (f: PercentileColumn) => rows.map((r) => r.row[f] ?? null);
  const present = (f: PercentileColumn) => rows.some((r) => (r.row[f] ?? null) !== null);
  const ms = (["ttftMs", "tpotMs", "itlMs"] as const).filter(present);
  const specs: ChartSpec[] = [];
  const single = (c: PercentileColumn, unit: string): ChartSpec => ({
    kind: "line",
    title: `${t("perf.percentiles")}: ${percentileLabel(c)}`,
    xLabel: t("perf.percentile"),
    yLabel: unit,
    x,
    series: [{ label: percentileLabel(c), values: col(c) }],
  });
  if (present("latencyS")) specs.push(single("latencyS", "s"));
  if (ms.length) {
    specs.push({
      kind: "line",
      title: `${t("perf.percentiles")}: TTFT / TPOT / ITL (ms)`,
      xLabel: t("perf.percentile"),
      yLabel: "ms",
      x,
      series: ms.map((c) => ({ label: percentileLabel(c), values: col(c) })),
    });
  }
  if (present("inputTps")) specs.push(single("inputTps", "tok/s"));
  return specs;
}

/** Per-request latency and TTFT over time (scatter). */
export function requestScatterSpec(points: RequestPoints, t: Translate): ChartSpec {
  return {
    kind: "scatter",
    title: `${t("perf.requests")} (s)`,
    xLabel: t("perf.time"),
    yLabel: "s",
    x: points.t,
    series: [
      { label: "Latency (s)", values: points.latency },
      { label: "TTFT (s)", values: points.ttft },
    ],
  };
}

/** The percentile table of one run. */
export function percentileTableHtml(run: PerfRunView, t: Translate): string {
  const cols = percentileColumns(run.percentiles);
  const rows = percentileSeries(run.percentiles).map((r) =>
    `<tr><td>${e(r.label)}</td>${
      cols.map((c) => `<td class="num">${formatNumber(r.row[c] ?? null, 2)}</td>`).join("")
    }</tr>`
  );
  return table(
    [t("perf.percentile"), ...cols.map(percentileLabel)],
    rows,
    cols.map((_, i) => i + 1),
  );
}

/** The run's token rates over its three windows (`workload_throughput.json`); "" without it. */
export function workloadTableHtml(run: PerfRunView, t: Translate): string {
  const w = run.workload;
  if (!w || w.rows.length === 0) return "";
  const windows: [string, "overall" | "last_window" | "steady_state"][] = [
    [t("perf.windowOverall"), "overall"],
    [t("perf.windowLast", { s: formatNumber(w.last_window_s, 0) }), "last_window"],
    [t("perf.windowSteady", { pct: formatNumber(w.warmup_frac * 100, 0) }), "steady_state"],
  ];
  const rows = windows.map(([label, key]) =>
    `<tr><td>${e(label)}</td>${
      w.rows.map((r) => `<td class="num">${formatNumber(r[key], 2)}</td>`).join("")
    }</tr>`
  );
  return `<h3>${e(t("perf.workload"))}</h3>${
    table([t("perf.window"), ...w.rows.map((r) => r.metric)], rows, w.rows.map((_, i) => i + 1))
  }`;
}

/** One run's accordion: stats, percentile table, percentile charts and the request scatter. */
export function runDetailHtml(
  run: PerfRunView,
  options: { t: Translate; requests?: RequestPoints | null; requestsSlot?: string; open?: boolean },
): string {
  const { t } = options;
  const axis = loadAxis([run]);
  const stats = Object.entries(summaryToFile(run.summary)).map(([k, v]) =>
    `<div class="card"><div class="label">${e(k)}</div><div class="value">${
      formatNumber(v, 4)
    }</div></div>`
  ).join("");
  const pts = options.requests;
  const scatter = pts && pts.t.length
    ? `<p class="muted small">${
      e(t("perf.requestsNote", { shown: pts.t.length, total: pts.succeeded, failed: pts.failed }))
    }</p><div class="charts">${chartBlock(requestScatterSpec(pts, t))}</div>`
    : options.requestsSlot ?? "";
  return `<details class="run" data-run="${e(run.name)}"${
    options.open ? " open" : ""
  }><summary><b>${e(run.name)}</b> <span class="muted">${
    e(runLabel(run, axis))
  }</span></summary><div class="cards">${stats}</div>${percentileTableHtml(run, t)}${
    workloadTableHtml(run, t)
  }<div class="charts">${
    runPercentileSpecs(run, t).map((s) => chartBlock(s)).join("")
  }</div>${scatter}</details>`;
}

/** A sweep to compare, with its display label. */
export interface LabelledSweep {
  label: string;
  runs: readonly PerfRunView[];
}

/** Metrics against load for two or more sweeps on one chart each (x = union of loads). */
export function compareSweepSpecs(sweeps: readonly LabelledSweep[], t: Translate): ChartSpec[] {
  const axis = loadAxis(sweeps.flatMap((s) => s.runs));
  const x = [...new Set(sweeps.flatMap((s) => s.runs.map((r) => loadOf(r, axis))))].sort((a, b) =>
    a - b
  );
  const xLabel = axisLabel(axis, t);
  const logX = wantsLogX(x);
  const series = (f: (r: PerfRunView) => number | null) =>
    sweeps.map((s) => ({
      label: s.label,
      values: x.map((v) => {
        const r = s.runs.find((r) => loadOf(r, axis) === v);
        return r ? f(r) : null;
      }),
    }));
  const spec = (title: string, yLabel: string, f: (r: PerfRunView) => number | null) => ({
    kind: "line" as const,
    title,
    xLabel,
    yLabel,
    x,
    series: series(f),
    logX,
  });
  return [
    spec(`${t("perf.rpsVsLoad")} (req/s)`, "req/s", (r) => r.summary.rps),
    spec(`${t("perf.tokVsLoad")} (tok/s)`, "tok/s", (r) => r.summary.outputTps),
    spec(`${t("perf.latencyVsLoad")} (s)`, "s", (r) => r.summary.avgLatencyS),
    spec(`${t("perf.ttftVsLoad")} (ms)`, "ms", (r) => r.summary.avgTtftMs),
    spec(`${t("perf.tpotVsLoad")} (ms)`, "ms", (r) => r.summary.avgTpotMs),
  ];
}

/** A table of A vs B per load with relative change, for two sweeps. */
export function compareSweepTableHtml(a: LabelledSweep, b: LabelledSweep, t: Translate): string {
  const axis = loadAxis([...a.runs, ...b.runs]);
  const metrics: [string, SummaryMetric, boolean][] = [
    ["RPS", "rps", true],
    ["Gen. toks/s", "outputTps", true],
    ["Avg Lat.(s)", "avgLatencyS", false],
    ["Avg TTFT(ms)", "avgTtftMs", false],
    ["Avg TPOT(ms)", "avgTpotMs", false],
  ];
  const rows: string[] = [];
  for (const ra of sortRuns(a.runs, axis)) {
    const rb = b.runs.find((r) => loadOf(r, axis) === loadOf(ra, axis));
    if (!rb) continue;
    for (const [label, m, higherIsBetter] of metrics) {
      const va = value(ra, m);
      const vb = value(rb, m);
      const delta = va !== null && vb !== null && va !== 0 ? (vb - va) / va * 100 : null;
      const cls = delta === null || Math.abs(delta) < 1
        ? ""
        : (delta > 0) === higherIsBetter
        ? "good"
        : "bad";
      rows.push(
        `<tr><td class="num">${loadOf(ra, axis)}</td><td>${e(label)}</td><td class="num">${
          formatNumber(va, 3)
        }</td><td class="num">${formatNumber(vb, 3)}</td><td class="num ${cls}">${
          delta === null ? "–" : `${delta > 0 ? "+" : ""}${delta.toFixed(1)}%`
        }</td></tr>`,
      );
    }
  }
  return table(
    [axisLabel(axis, t), t("common.metric"), a.label, b.label, t("perf.delta")],
    rows,
    [0, 2, 3, 4],
  );
}
