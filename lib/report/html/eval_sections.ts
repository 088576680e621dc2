/**
 * The sections of an evaluation report as HTML strings: overview table, dataset score chart,
 * per-dataset subset breakdown, eval-time request statistics. Pure; shared by report.html and
 * the app's Report page.
 *
 * @module
 */
import type { AverageWithCi, CollectionLevels } from "../../results/eval/report.ts";
import type { BenchmarkView, ExecutionView, MetricView } from "../../results/read/types.ts";
import { escapeHtml } from "./escape.ts";
import { formatCi, formatNumber, formatPct } from "./format.ts";
import type { Translate } from "./i18n.ts";
import { type BarRow, legendHtml, scoreBarsSvg } from "./svg_bars.ts";
import { type CellLink, needleHeatmapsHtml } from "./needle_heatmap.ts";

/** The benchmark reports of one model. */
export interface ModelReports {
  model: string;
  reports: readonly BenchmarkView[];
}

/** Builds a link for a subset's predictions (the app passes one; report.html does not). */
export type SubsetLink = (model: string, dataset: string, subset: string) => string | null;

const e = escapeHtml;

function datasetsOf(models: readonly ModelReports[]): string[] {
  return [...new Set(models.flatMap((m) => m.reports.map((r) => r.dataset)))];
}

function primary(r: BenchmarkView): MetricView | undefined {
  return r.metrics.find((m) => m.name === r.primaryMetric) ?? r.metrics[0];
}

function rate(count: number | undefined, value: number | undefined): string {
  if (count === undefined || value === undefined) return "–";
  return `${formatNumber(count)} <span class="muted small">(${formatPct(value)})</span>`;
}

/** The errored count; judge errors (samples the judge could not grade) beside it when any. */
function errored(x: ExecutionView, t: Translate): string {
  const n = formatNumber(x.errored);
  if (!x.judgeErrors) return n;
  const judge = t("report.judgeErrors", { n: formatNumber(x.judgeErrors) });
  return `${n} <span class="muted small" data-judge-errors="${x.judgeErrors}">${e(judge)}</span>`;
}

/** The overview table: one row per model × dataset × metric. */
export function evalOverviewHtml(models: readonly ModelReports[], t: Translate): string {
  const head = [
    t("common.model"),
    t("common.dataset"),
    t("common.metric"),
    t("common.score"),
    t("common.ci"),
    t("common.num"),
    t("report.noAnswer"),
    t("report.truncated"),
    t("report.errored"),
    t("common.status"),
  ];
  const rows: string[] = [];
  for (const m of models) {
    for (const r of m.reports) {
      r.metrics.forEach((metric, i) => {
        const x = r.execution;
        const status = r.status === "incomplete"
          ? `<span class="warn">${e(t("report.incomplete"))}</span>`
          : r.status === "complete"
          ? `<span class="good">${e(t("report.complete"))}</span>`
          : "–";
        rows.push(
          `<tr><td>${e(m.model)}</td><td title="${e(r.description)}">${e(r.prettyName)}</td><td>${
            e(metric.name)
          }</td><td class="num"><b>${formatPct(metric.score)}</b></td><td class="num">${
            formatCi(metric.ci95)
          }</td><td class="num">${formatNumber(metric.num)}</td><td class="num">${
            i === 0 && x ? rate(x.noAnswer, x.noAnswerRate) : "–"
          }</td><td class="num">${
            i === 0 && x ? rate(x.truncated, x.truncatedRate) : "–"
          }</td><td class="num">${i === 0 && x ? errored(x, t) : "–"}</td><td>${
            i === 0 ? status : ""
          }</td></tr>`,
        );
      });
    }
  }
  return table(head, rows, [3, 4, 5, 6, 7, 8]);
}

/** Dataset scores (primary metric) with CI bars, one bar per model. */
export function datasetChartHtml(models: readonly ModelReports[], t: Translate): string {
  const rows: BarRow[] = datasetsOf(models).map((d) => ({
    label: models.flatMap((m) => m.reports).find((r) => r.dataset === d)?.prettyName ?? d,
    values: models.map((m) => {
      const r = m.reports.find((x) => x.dataset === d);
      const p = r && primary(r);
      return r ? { score: r.score, ci: p?.ci95 ?? null } : null;
    }),
  }));
  const series = models.map((m) => m.model);
  return `${legendHtml(series)}${scoreBarsSvg(rows, { series, label: t("report.scores") })}`;
}

/** One dataset's subsets: table per model and a CI bar chart across models. */
export function datasetDetailHtml(
  dataset: string,
  models: readonly ModelReports[],
  options: { t: Translate; subsetLink?: SubsetLink; cellLink?: CellLink },
): string {
  const { t } = options;
  const reports = models.map((m) => m.reports.find((r) => r.dataset === dataset) ?? null);
  const first = reports.find((r) => r !== null);
  if (!first) return "";
  const subsetNames: string[] = [];
  for (const r of reports) {
    const p = r && primary(r);
    for (const c of p?.categories ?? []) {
      for (const s of c.subsets) if (!subsetNames.includes(s.name)) subsetNames.push(s.name);
    }
  }
  const rows: string[] = [];
  models.forEach((m, i) => {
    const r = reports[i];
    const p = r && primary(r);
    if (!p) return;
    for (const c of p.categories) {
      for (const s of c.subsets) {
        const href = options.subsetLink?.(m.model, dataset, s.name);
        const name = href ? `<a href="${e(href)}">${e(s.name)}</a>` : e(s.name);
        rows.push(
          `<tr><td>${e(m.model)}</td><td>${
            e(c.name.join(" / "))
          }</td><td>${name}</td><td class="num">${formatNumber(s.num)}</td><td class="num"><b>${
            formatPct(s.score)
          }</b></td><td class="num">${formatCi(s.ci95)}</td></tr>`,
        );
      }
    }
    if (p.categories.reduce((n, c) => n + c.subsets.length, 0) > 1) {
      rows.push(
        `<tr><td>${e(m.model)}</td><td>–</td><td><i>${
          e(t("report.overall"))
        }</i></td><td class="num">${formatNumber(p.num)}</td><td class="num"><b>${
          formatPct(p.score)
        }</b></td><td class="num">${formatCi(p.ci95)}</td></tr>`,
      );
    }
  });
  const bars: BarRow[] = subsetNames.map((name) => ({
    label: name,
    values: reports.map((r) => {
      const s = r && primary(r)?.categories.flatMap((c) => c.subsets).find((x) => x.name === name);
      return s ? { score: s.score, ci: s.ci95 } : null;
    }),
  }));
  const series = models.map((m) => m.model);
  return `<section class="dataset" data-dataset="${e(dataset)}"><h3>${
    e(first.prettyName)
  } <span class="muted small">${e(first.primaryMetric)}</span></h3>${
    first.description ? `<p class="muted">${e(first.description)}</p>` : ""
  }${
    table(
      [
        t("common.model"),
        t("common.category"),
        t("common.subset"),
        t("common.num"),
        t("common.score"),
        t("common.ci"),
      ],
      rows,
      [3, 4, 5],
    )
  }${
    bars.length > 1 || models.length > 1
      ? legendHtml(series) + scoreBarsSvg(bars, { series, label: first.prettyName })
      : ""
  }${collectionLevelsHtml(models, reports, t)}${
    needleHeatmapsHtml(models, reports, { t, cellLink: options.cellLink })
  }${breakdownHtml(models, reports, t)}</section>`;
}

/** Per model, the metrics pooled over parts (IFEval's instructions) by part label. */
function breakdownHtml(
  models: readonly ModelReports[],
  reports: readonly (BenchmarkView | null)[],
  t: Translate,
): string {
  const parts: string[] = [];
  models.forEach((m, i) => {
    const metrics = reports[i]?.metrics.filter((x) => x.breakdown) ?? [];
    if (metrics.length === 0) return;
    const labels = [...new Set(metrics.flatMap((x) => x.breakdown!.map((b) => b.name)))].sort();
    const body = labels.map((label) => {
      const cells = metrics.map((x) => {
        const b = x.breakdown!.find((y) => y.name === label);
        return b
          ? `<td class="num"><b>${formatPct(b.score)}</b> <span class="muted small">${
            b.ci95 ? formatCi(b.ci95) : ""
          }</span></td>`
          : `<td class="num">–</td>`;
      });
      const n = metrics[0].breakdown!.find((y) => y.name === label)?.num;
      return `<tr><td>${e(label)}</td><td class="num">${
        n === undefined ? "–" : formatNumber(n)
      }</td>${cells.join("")}</tr>`;
    });
    const head = [t("common.type"), t("common.num"), ...metrics.map((x) => x.name)];
    parts.push(
      `${models.length > 1 ? `<h4>${e(m.model)}</h4>` : ""}${
        table(head, body, head.map((_, j) => j).filter((j) => j > 0))
      }`,
    );
  });
  if (parts.length === 0) return "";
  return `<div class="breakdown"><h3>${e(t("report.breakdown"))}</h3>${parts.join("")}</div>`;
}

const LEVEL_NAMES: readonly [keyof CollectionLevels, string][] = [
  ["dataset", "dataset_level"],
  ["task", "task_level"],
  ["subset", "subset_level"],
  ["tag", "tag_level"],
  ["category", "category_level"],
];

/** A collection's levels per model: EvalScope's columns, each average with its 95% CI. */
function collectionLevelsHtml(
  models: readonly ModelReports[],
  reports: readonly (BenchmarkView | null)[],
  t: Translate,
): string {
  const parts: string[] = [];
  models.forEach((m, i) => {
    const levels = reports[i]?.collection;
    if (!levels) return;
    for (const [key, name] of LEVEL_NAMES) {
      const rows = levels[key];
      if (rows.length === 0) continue;
      const cols = Object.keys(rows[0].group);
      const avg = (a: AverageWithCi | undefined) =>
        a
          ? `<td class="num"><b>${formatNumber(a.value, 4)}</b> <span class="muted small">${
            formatCi(a.ci95)
          }</span></td>`
          : `<td class="num">–</td>`;
      const body = rows.map((r) =>
        `<tr>${cols.map((c) => `<td>${e(r.group[c] ?? "")}</td>`).join("")}${avg(r.micro)}${
          avg(r.macro)
        }${avg(r.weighted)}<td class="num">${formatNumber(r.count)}</td></tr>`
      );
      const head = [...cols, "micro_avg.", "macro_avg.", "weighted_avg.", "count"];
      const numeric = head.map((_, j) => j).filter((j) => j >= cols.length);
      parts.push(
        `<h4>${e(name)}${
          models.length > 1 ? ` <span class="muted small">${e(m.model)}</span>` : ""
        }</h4>${table(head, body, numeric)}`,
      );
    }
  });
  if (parts.length === 0) return "";
  return `<div class="collection-levels"><h3>${e(t("report.collectionLevels"))}</h3>${
    parts.join("")
  }</div>`;
}

/** Flattens nested statistics into `a.b` → value pairs (numbers and strings only). */
export function flattenStats(value: unknown, prefix = ""): [string, unknown][] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return typeof value === "number" || typeof value === "string" ? [[prefix, value]] : [];
  }
  return Object.entries(value).flatMap(([k, v]) => flattenStats(v, prefix ? `${prefix}.${k}` : k));
}

/** Eval-time request statistics (latency, TTFT, tokens): one row per model and dataset. */
export function evalPerfHtml(models: readonly ModelReports[], t: Translate): string {
  const rows: { model: string; dataset: string; stats: Map<string, unknown> }[] = [];
  const keys: string[] = [];
  for (const m of models) {
    for (const r of m.reports) {
      const stats = flattenStats(r.perf ?? {});
      if (stats.length === 0) continue;
      for (const [k] of stats) if (!keys.includes(k)) keys.push(k);
      rows.push({ model: m.model, dataset: r.prettyName, stats: new Map(stats) });
    }
  }
  if (rows.length === 0) return "";
  const body = rows.map((r) =>
    `<tr><td>${e(r.model)}</td><td>${e(r.dataset)}</td>${
      keys.map((k) => `<td class="num">${e(formatNumber(r.stats.get(k), 4))}</td>`).join("")
    }</tr>`
  );
  return `<h2>${e(t("report.evalPerf"))}</h2><div class="wide">${
    table([t("common.model"), t("common.dataset"), ...keys], body, keys.map((_, i) => i + 2))
  }</div>`;
}

/** A table with `numeric` column indexes right-aligned. */
export function table(head: readonly string[], rows: readonly string[], numeric: number[] = []) {
  const th = head.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ""}>${e(h)}</th>`)
    .join("");
  return `<table><thead><tr>${th}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** Every dataset section of a report, in first-seen order. */
export function datasetSectionsHtml(
  models: readonly ModelReports[],
  options: { t: Translate; subsetLink?: SubsetLink; cellLink?: CellLink },
): string {
  return datasetsOf(models).map((d) => datasetDetailHtml(d, models, options)).join("");
}
