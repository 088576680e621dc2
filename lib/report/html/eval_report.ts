/**
 * `reports/report.html`: the evaluation report as one self-contained file (scores per dataset,
 * subset and category with 95% CI bars, no-answer and truncation rates, eval-time request
 * statistics, the config). Charts are inline SVG: nothing to load, nothing to run. Pure.
 *
 * @module
 */
import { stringify } from "yaml";
import { isEvalReport, reportToFile } from "../../results/eval/report_file.ts";
import { normalizeReport } from "../../results/read/normalize_report.ts";
import {
  datasetChartHtml,
  datasetSectionsHtml,
  evalOverviewHtml,
  evalPerfHtml,
  type ModelReports,
} from "./eval_sections.ts";
import { escapeHtml } from "./escape.ts";
import { thinkbenchHtml } from "./thinkbench_charts.ts";
import type { ThinkbenchReport } from "../../results/eval/thinkbench_file.ts";
import { formatDate } from "./format.ts";
import { type Lang, translator } from "./i18n.ts";
import { htmlDocument } from "./page.ts";
import { VERSION } from "../../util/version.ts";
import { isSecretName } from "../../util/secret_name.ts";
import { REPORT_CSS } from "./style.ts";

/** Input of {@linkcode renderEvalReportHtml}. */
export interface EvalReportHtmlInput {
  /** One entry per model, with its reports: the engine's typed `EvalReport` objects, or the JSON
   * of `reports/<model>/<benchmark>.json` files (lmeter's or EvalScope's). */
  models: readonly { model: string; reports: readonly unknown[] }[];
  /** Reasoning-efficiency analyses of the run (`lmeter thinkbench`), drawn after the subsets. */
  thinkbench?: readonly ThinkbenchReport[];
  /** The task config (object, masked of secrets, or YAML text). */
  config?: unknown;
  /** Run name shown in the title (e.g. the run folder `20250105_101500`). */
  runName?: string;
  /** When the run started (ISO or `YYYYMMDD_HHMMSS`). */
  createdAt?: string | null;
  /** Page title. Default "Evaluation report". */
  title?: string;
  /** UI language. Default `en`. */
  lang?: Lang;
  /** Clock for the "generated on" line. Default: now. */
  now?: () => Date;
}

/** Replaces secret-looking values by `***` (the engine masks too; this is a second fence). */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) =>
      isSecretName(k) && typeof v === "string" && v !== "" ? [k, "***"] : [k, maskSecrets(v)]
    ),
  );
}

/** The config as YAML text ("" when none). */
export function configYaml(config: unknown): string {
  if (config === undefined || config === null) return "";
  if (typeof config === "string") return config;
  return stringify(maskSecrets(config));
}

/** Renders report.html for an evaluation. */
export function renderEvalReportHtml(input: EvalReportHtmlInput): string {
  const lang = input.lang ?? "en";
  const t = translator(lang);
  const models: ModelReports[] = input.models.map((m) => ({
    model: m.model,
    reports: m.reports.map((r) =>
      normalizeReport(isEvalReport(r) ? reportToFile(r) : r, { model: m.model, dataset: "dataset" })
    ),
  }));
  const e = escapeHtml;
  const title = input.title ?? t("report.title");
  const config = configYaml(input.config);
  const when = (input.now ?? (() => new Date()))().toISOString();
  const body = [
    `<h1>${e(title)}</h1>`,
    `<p class="muted">${e(input.runName ?? "")} ${
      input.createdAt ? "· " + e(formatDate(input.createdAt)) : ""
    } · ${e(models.map((m) => m.model).join(", "))}</p>`,
    `<h2>${e(t("report.overview"))}</h2>`,
    evalOverviewHtml(models, t),
    `<h2>${e(t("report.scores"))}</h2>`,
    datasetChartHtml(models, t),
    `<h2>${e(t("report.subsets"))}</h2>`,
    datasetSectionsHtml(models, { t }),
    // Only runs analysed with lmeter thinkbench have the section (the others' pages are unchanged).
    ...(input.thinkbench?.length ? [thinkbenchHtml(input.thinkbench, t)] : []),
    evalPerfHtml(models, t),
    config
      ? `<h2>${e(t("common.config"))}</h2><details><summary>task_config.yaml</summary><pre>${
        e(config)
      }</pre></details>`
      : "",
    `<footer>${e(t("common.generatedBy", { version: VERSION, date: formatDate(when) }))}</footer>`,
  ].join("\n");
  return htmlDocument({ lang, title, styles: [REPORT_CSS], body });
}
