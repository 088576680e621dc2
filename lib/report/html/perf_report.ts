/**
 * `perf_report.html`: the perf sweep report as one self-contained file (summary, best
 * configuration, recommendations, metrics against concurrency or rate, per-run percentile charts
 * and the per-request latency scatter). uPlot and the drawing code are inlined. Pure.
 *
 * @module
 */
import type { PerfRunView, RequestPoints } from "../../results/read/types.ts";
import { REPORT_JS, UPLOT_CSS } from "./assets_gen.ts";
import { chartBlock } from "./chart_spec.ts";
import { escapeHtml } from "./escape.ts";
import { formatDate } from "./format.ts";
import { type Lang, translator } from "./i18n.ts";
import { htmlDocument } from "./page.ts";
import { VERSION } from "../../util/version.ts";
import { loadAxis, sortRuns } from "./perf_analysis.ts";
import {
  perfAdviceHtml,
  perfBasicHtml,
  perfSummaryTableHtml,
  type PerfSweepInfo,
  runDetailHtml,
  sweepChartSpecs,
} from "./perf_sections.ts";
import { REPORT_CSS } from "./style.ts";

/** One run of the sweep, with its request points for the scatter when available. */
export type PerfReportRun = PerfRunView & { requests?: RequestPoints | null };

/** Input of {@linkcode renderPerfReportHtml}: lmeter's `PerfReport` fits as is. */
export interface PerfReportHtmlInput extends PerfSweepInfo {
  runs: readonly PerfReportRun[];
  /** Page title. Default "Performance report". */
  title?: string;
  /** UI language. Default `en`. */
  lang?: Lang;
  /** Clock for the "generated on" line. Default: now. */
  now?: () => Date;
}

/** Renders perf_report.html for a sweep. */
export function renderPerfReportHtml(input: PerfReportHtmlInput): string {
  const lang = input.lang ?? "en";
  const t = translator(lang);
  const e = escapeHtml;
  const title = input.title ?? t("perf.title");
  const runs = sortRuns(input.runs, loadAxis(input.runs));
  const when = (input.now ?? (() => new Date()))().toISOString();
  const body = runs.length === 0 ? `<h1>${e(title)}</h1><p>${e(t("perf.noRuns"))}</p>` : [
    `<h1>${e(title)}</h1>`,
    `<h2>${e(t("perf.basic"))}</h2>`,
    perfBasicHtml(input, runs, t),
    `<h2>${e(t("perf.summary"))}</h2>`,
    perfSummaryTableHtml(runs),
    perfAdviceHtml(runs, t),
    `<h2>${e(t("perf.charts"))}</h2>`,
    `<div class="charts">${sweepChartSpecs(runs, t).map((s) => chartBlock(s)).join("")}</div>`,
    `<h2>${e(t("perf.runDetails"))}</h2>`,
    runs.map((r, i) => runDetailHtml(r, { t, requests: r.requests, open: i === runs.length - 1 }))
      .join(""),
  ].join("\n");
  const footer = `<footer>${
    e(t("common.generatedBy", { version: VERSION, date: formatDate(when) }))
  }</footer>`;
  return htmlDocument({
    lang,
    title,
    styles: [REPORT_CSS, UPLOT_CSS],
    body: body + footer,
    scripts: [REPORT_JS],
  });
}
