/**
 * The Markdown job summary lmeter appends to `$GITHUB_STEP_SUMMARY`: a table of every run's
 * headline numbers with k6-style deltas against a baseline (`4.12 (✅ ↑ 3.20%)`), the gate
 * section, and the run configuration folded in `<details>`; cut to stay under GitHub's 1 MiB per
 * step with a final "truncated" line. Pure.
 *
 * @module
 */
import { round } from "../metrics/round.ts";
import type { CiMetric, CiRun, CiSummary } from "./ci_summary.ts";

/** GitHub refuses a step summary above 1024 KiB. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** Options of {@linkcode renderStepSummary}. */
export interface StepSummaryOptions {
  /** The summary to compare against, and how to name it (a path). */
  baseline?: { summary: CiSummary; label: string };
  /** Bytes the Markdown may take (default {@linkcode STEP_SUMMARY_LIMIT}). */
  limitBytes?: number;
}

/** The Markdown summary of `summary`, at most `limitBytes` long in UTF-8. */
export function renderStepSummary(summary: CiSummary, options: StepSummaryOptions = {}): string {
  const lines = [
    `### lmeter ${summary.command} · ${escapeCell(summary.model)} · ${
      summary.passed ? "✅ passed" : "❌ failed"
    }`,
    "",
    ...runTable(summary.runs, options.baseline?.summary),
    "",
  ];
  if (options.baseline) {
    lines.push(
      `Deltas against the baseline \`${options.baseline.label}\` (✅ better, ❌ worse).`,
      "",
    );
  }
  lines.push(...gateSection(summary), "");
  if (summary.failedRuns.length > 0) {
    lines.push(`❌ Failed runs: ${summary.failedRuns.map(escapeCell).join(", ")}`, "");
  }
  lines.push(
    "<details><summary>Runs</summary>",
    "",
    ...summary.runs.map((r) =>
      `- ${escapeCell(r.name)}: ${
        Object.entries(r.config).map(([k, v]) => `${k}=${escapeCell(String(v))}`).join(", ")
      }`
    ),
    "",
    "</details>",
    "",
    `Results: \`${summary.resultsDir}\``,
    "",
  );
  return cutMarkdown(lines.join("\n"), {
    limitBytes: options.limitBytes ?? STEP_SUMMARY_LIMIT,
    where: summary.resultsDir,
  });
}

function runTable(runs: readonly CiRun[], baseline: CiSummary | undefined): string[] {
  const columns = [...new Map(runs.flatMap((r) => r.metrics).map((m) => [m.key, m])).values()];
  const head = ["run", ...columns.map((c) => (c.unit ? `${c.label} (${c.unit})` : c.label))];
  const rows = runs.map((run) => {
    const base = baseline?.runs.find((r) => r.name === run.name);
    return [
      escapeCell(run.name),
      ...columns.map((c) => {
        const m = run.metrics.find((x) => x.key === c.key);
        if (!m || m.value === null) return "–";
        const b = base?.metrics.find((x) => x.key === c.key)?.value;
        return `${formatNumber(m.value)}${b === undefined || b === null ? "" : delta(m, b)}`;
      }),
    ];
  });
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
}

/** ` (✅ ↑ 3.20%)`: the change from `base`, marked better or worse by the metric's direction. */
export function delta(metric: CiMetric, base: number): string {
  const value = metric.value;
  if (value === null || base === 0 || !Number.isFinite(base)) return "";
  const pct = ((value - base) / Math.abs(base)) * 100;
  if (Math.abs(pct) < 0.005) return " (= 0.00%)";
  const arrow = pct > 0 ? "↑" : "↓";
  const better = metric.better === "neither"
    ? ""
    : (pct > 0) === (metric.better === "bigger")
    ? "✅ "
    : "❌ ";
  return ` (${better}${arrow} ${Math.abs(pct).toFixed(2)}%)`;
}

function gateSection(summary: CiSummary): string[] {
  const n = summary.gates.length;
  if (n === 0) return ["#### Gates", "", "No `--fail-on` conditions were set."];
  if (summary.failures.length === 0) {
    return [
      "#### Gates",
      "",
      `✅ No condition held (${n} checked: \`${summary.gates.join(", ")}\`).`,
    ];
  }
  return [
    "#### Gates",
    "",
    `❌ ${summary.failures.length} condition(s) held (${n} checked):`,
    "",
    "| condition | run | measured |",
    "| --- | --- | ---: |",
    ...summary.failures.map((f) =>
      `| \`${escapeCell(f.gate)}\` | ${escapeCell(f.run)} | ${escapeCell(f.metric)} = ${
        formatNumber(f.actual)
      }${f.unit === "%" ? "%" : f.unit ? ` ${f.unit}` : ""} |`
    ),
  ];
}

/** A number as the summary shows it: 4 decimals below 1, 2 below 100, 1 above. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return String(round(v, a >= 100 ? 1 : a >= 1 ? 2 : 4));
}

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** Options of {@linkcode cutMarkdown}. */
export interface CutOptions {
  limitBytes: number;
  /** Where the full results are, for the truncated line. */
  where: string;
}

/**
 * `markdown` when it fits in `limitBytes` (UTF-8); otherwise its first whole lines and a final
 * line saying how many were left out, the whole at most `limitBytes`.
 */
export function cutMarkdown(markdown: string, options: CutOptions): string {
  const encoder = new TextEncoder();
  const size = (s: string) => encoder.encode(s).length;
  if (size(markdown) <= options.limitBytes) return markdown;
  const lines = markdown.split("\n");
  const note = (omitted: number) =>
    `\n_… truncated: ${omitted} of ${lines.length} lines left out to stay under GitHub's ${
      Math.floor(options.limitBytes / 1024)
    } KiB step-summary limit; the full results are in \`${options.where}\`._\n`;
  // The note's length depends on its number only by a few digits: budget the longest.
  let budget = options.limitBytes - size(note(lines.length));
  const kept: string[] = [];
  for (const line of lines) {
    const cost = size(line) + 1;
    if (cost > budget) break;
    kept.push(line);
    budget -= cost;
  }
  return `${kept.join("\n")}\n${note(lines.length - kept.length)}`;
}
