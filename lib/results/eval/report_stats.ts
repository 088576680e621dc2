/**
 * The named numbers of one benchmark's report that CI reads: `--fail-on 'gsm8k.mean<0.8'`, the
 * GitHub job summary and the benchmark-action files. Each is read from the report's primary
 * metric or its execution counts. Pure.
 *
 * @module
 */
import type { EvalReport, MetricScore } from "./report.ts";

/** A report statistic's name. */
export type EvalStat =
  | "mean"
  | "ci_low"
  | "ci_high"
  | "stderr"
  | "num"
  | "no_answer_rate"
  | "truncated_rate"
  | "errored"
  | "judge_errors";

/** Every statistic, with what it is (for help and docs). */
export const EVAL_STATS: Readonly<Record<EvalStat, string>> = {
  mean: "the primary metric's score (alias score)",
  ci_low: "the lower end of its 95% confidence interval",
  ci_high: "the upper end of its 95% confidence interval",
  stderr: "its standard error",
  num: "the samples it averages",
  no_answer_rate: "the share of scored samples with no extracted answer",
  truncated_rate: "the share of scored samples cut by max_tokens or the context",
  errored: "samples whose request failed",
  judge_errors: "samples the LLM judge could not grade",
};

/** The statistic a name means (`score` is `mean`), or undefined. */
export function evalStatOf(name: string): EvalStat | undefined {
  const n = name.toLowerCase();
  if (n === "score") return "mean";
  return Object.hasOwn(EVAL_STATS, n) ? n as EvalStat : undefined;
}

/** The report's primary metric (the first one when none is named so). */
export function primaryMetricOf(report: EvalReport): MetricScore | undefined {
  return report.metrics.find((m) => m.name === report.primaryMetric) ?? report.metrics[0];
}

/** One statistic of a report; NaN when the report has no metric. */
export function reportStat(report: EvalReport, stat: EvalStat): number {
  const m = primaryMetricOf(report);
  switch (stat) {
    case "mean":
      return m?.score ?? report.score;
    case "ci_low":
      return m?.ci95[0] ?? NaN;
    case "ci_high":
      return m?.ci95[1] ?? NaN;
    case "stderr":
      return m?.stderr ?? NaN;
    case "num":
      return m?.num ?? NaN;
    case "no_answer_rate":
      return report.execution.noAnswerRate;
    case "truncated_rate":
      return report.execution.truncatedRate;
    case "errored":
      return report.execution.errored;
    case "judge_errors":
      return report.execution.judgeErrors ?? 0;
  }
}
