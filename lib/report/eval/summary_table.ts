/**
 * The console summary of an evaluation: EvalScope's table (`Model | Dataset | Metric | Subset |
 * Num | Score | Cat.0`, with an OVERALL row per multi-subset metric), and lmeter's table of the
 * numbers behind each score (uncertainty, unreadable and truncated answers, failures). Pure.
 *
 * @module
 */
import type { EvalReport } from "../../results/eval/report.ts";
import { primaryMetricOf } from "../../results/eval/report_stats.ts";
import { type Cell, gridTable } from "../../util/text_table.ts";

/** The terminal tables of an evaluation run: the summary table, a blank line, the details table. */
export function evalTables(reports: readonly EvalReport[]): string {
  return `${summaryTable(reports)}\n\n${detailsTable(reports)}`;
}

/** EvalScope's summary table of `reports`, with an OVERALL row per metric that has several subsets. */
export function summaryTable(reports: readonly EvalReport[]): string {
  const depth = Math.max(
    1,
    ...reports.flatMap((r) => r.metrics.flatMap((m) => m.categories.map((c) => c.name.length))),
  );
  const headers = [
    "Model",
    "Dataset",
    "Metric",
    "Subset",
    "Num",
    "Score",
    ...Array.from({ length: depth }, (_, i) => `Cat.${i}`),
  ];
  const rows: Cell[][] = [];
  for (const r of reports) {
    for (const m of r.metrics) {
      let subsets = 0;
      for (const cat of m.categories) {
        for (const s of cat.subsets) {
          subsets++;
          const levels = Array.from({ length: depth }, (_, i) => cat.name[i] ?? "-");
          rows.push([r.modelName, r.datasetName, m.name, s.name, s.num, s.score, ...levels]);
        }
      }
      if (subsets > 1) {
        rows.push([
          r.modelName,
          r.datasetName,
          m.name,
          "OVERALL",
          m.num,
          m.score,
          ...Array.from({ length: depth }, () => "-"),
        ]);
      }
    }
  }
  return gridTable(headers, rows);
}

/** lmeter's companion table: per benchmark headline metric, its stderr and 95% CI, and the counts. */
export function detailsTable(reports: readonly EvalReport[]): string {
  const headers = [
    "Dataset",
    "Metric",
    "Num",
    "Score",
    "Stderr",
    "95% CI",
    "No answer",
    "Truncated",
    "Errors",
  ];
  const rows: Cell[][] = [];
  for (const r of reports) {
    const m = primaryMetricOf(r);
    if (!m) continue;
    const e = r.execution;
    rows.push([
      r.datasetName,
      m.name,
      m.num,
      m.score,
      Number(m.stderr.toFixed(4)),
      `[${m.ci95[0].toFixed(4)}, ${m.ci95[1].toFixed(4)}]`,
      `${pct(e.noAnswerRate)} (${e.noAnswer})`,
      `${pct(e.truncatedRate)} (${e.truncated})`,
      e.judgeErrors ? `${e.errored} (+${e.judgeErrors} judge)` : `${e.errored}`,
    ]);
  }
  return gridTable(headers, rows);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
