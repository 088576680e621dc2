/**
 * The compact result of one `lmeter perf` or `lmeter eval` invocation that CI needs: per run (a
 * perf level, an eval benchmark) its headline numbers with their unit and direction, the gate
 * conditions and the ones that held. The GitHub job summary, the annotations, the outputs and the
 * benchmark-action files are all drawn from it, and it is written as `ci_summary.json` so a later
 * run can use it as `--baseline`. Pure.
 *
 * @module
 */
import type { Gate, GateFailure } from "../metrics/gates.ts";
import type { PerfReport, PerfRunResult } from "../results/perf/schema.ts";
import type { EvalReport } from "../results/eval/report.ts";
import { type EvalStat, reportStat } from "../results/eval/report_stats.ts";

/** Schema id of `ci_summary.json`. */
export const CI_SUMMARY_SCHEMA = "lmeter.ci/1";

/** Which way a metric improves (`neither` for counts and spreads). */
export type Better = "smaller" | "bigger" | "neither";

/** One headline number of a run. */
export interface CiMetric {
  /** The gate name of the metric (`p99_ttft_ms`, `mean`). */
  key: string;
  /** Column label (`p99 TTFT`). */
  label: string;
  /** `ms`, `s`, `req/s`, `tok/s`, `%`, or `""` for counts and scores. */
  unit: string;
  /** Null when the run has no such value (no success, no streamed request…). */
  value: number | null;
  better: Better;
}

/** One run of the invocation: a perf level or an eval benchmark. */
export interface CiRun {
  name: string;
  metrics: CiMetric[];
  /** What the run was (model, concurrency, rate, requests…), for the benchmark-action `extra`. */
  config: Record<string, string | number>;
}

/** A gate condition that held, with the run it held in. */
export interface CiGateFailure extends GateFailure {
  run: string;
}

/** `ci_summary.json`. */
export interface CiSummary {
  schema: typeof CI_SUMMARY_SCHEMA;
  command: "perf" | "eval";
  model: string;
  /** The invocation's output folder. */
  resultsDir: string;
  runs: CiRun[];
  /** Every `--fail-on` condition as written. */
  gates: string[];
  failures: CiGateFailure[];
  /** Runs that failed outright (no request succeeded, interrupted), by name. */
  failedRuns: string[];
  /** True when the invocation exits 0: no failure, no failed run. */
  passed: boolean;
}

/** The CI summary of a perf invocation; `gates` are the `--fail-on` conditions it checked. */
export function perfCiSummary(report: PerfReport, gates: readonly Gate[]): CiSummary {
  const failures = report.runs.flatMap((r) => r.gateFailures.map((g) => ({ ...g, run: r.name })));
  const failedRuns = report.runs
    .filter((r) => (r.summary.total > 0 && r.summary.success === 0) || r.status !== "complete")
    .map((r) => r.name);
  return {
    schema: CI_SUMMARY_SCHEMA,
    command: "perf",
    model: report.model,
    resultsDir: report.outputDir,
    runs: report.runs.map((r) => perfRun(r, report)),
    gates: gates.map((g) => g.text),
    failures,
    failedRuns,
    passed: failures.length === 0 && failedRuns.length === 0 && report.status === "complete",
  };
}

function perfRun(r: PerfRunResult, report: PerfReport): CiRun {
  const s = r.summary;
  const m = (key: string, label: string, unit: string, value: number | null, better: Better) => ({
    key,
    label,
    unit,
    value: value ?? null,
    better,
  });
  const metrics: CiMetric[] = [
    m("total_requests", "requests", "", s.total, "neither"),
    m("success_rate", "success", "%", s.total > 0 ? (s.success / s.total) * 100 : null, "bigger"),
    m("rps", "RPS", "req/s", s.rps, "bigger"),
    m("output_tps", "output", "tok/s", s.outputTps, "bigger"),
    m("avg_ttft_ms", "avg TTFT", "ms", s.avgTtftMs, "smaller"),
    m("p99_ttft_ms", "p99 TTFT", "ms", r.p99.ttftMs, "smaller"),
    m("avg_tpot_ms", "avg TPOT", "ms", s.avgTpotMs, "smaller"),
    m("p99_tpot_ms", "p99 TPOT", "ms", r.p99.tpotMs, "smaller"),
    m("avg_latency_s", "avg latency", "s", s.avgLatencyS, "smaller"),
    m("p99_latency_s", "p99 latency", "s", r.p99.latencyS, "smaller"),
  ];
  if (r.goodput) metrics.push(m("goodput_rps", "goodput", "req/s", r.goodput.goodputRps, "bigger"));
  const config: Record<string, string | number> = { model: report.model, api: report.api };
  if (r.parallel > 0) config.parallel = r.parallel;
  if (r.rate > 0) config.rate = r.rate;
  config.number = r.number;
  config.dataset = report.dataset;
  return { name: r.name, metrics, config };
}

/** Options of {@linkcode evalCiSummary}. */
export interface EvalCiOptions {
  model: string;
  /** The run folder. */
  resultsDir: string;
  gates: readonly Gate[];
  /** The gates that held, with the benchmark each held in. */
  failures: readonly (GateFailure & { benchmark: string })[];
  /** True when the run was interrupted. */
  interrupted?: boolean;
}

const EVAL_METRICS: { stat: EvalStat; label: string; better: Better }[] = [
  { stat: "mean", label: "score", better: "bigger" },
  { stat: "ci_low", label: "CI low", better: "bigger" },
  { stat: "ci_high", label: "CI high", better: "neither" },
  { stat: "stderr", label: "stderr", better: "neither" },
  { stat: "num", label: "samples", better: "neither" },
  { stat: "no_answer_rate", label: "no answer", better: "smaller" },
];

/** The CI summary of an evaluation: one run per benchmark report. */
export function evalCiSummary(reports: readonly EvalReport[], options: EvalCiOptions): CiSummary {
  const failures = options.failures.map(({ benchmark, ...g }) => ({ ...g, run: benchmark }));
  return {
    schema: CI_SUMMARY_SCHEMA,
    command: "eval",
    model: options.model,
    resultsDir: options.resultsDir,
    runs: reports.map((r) => evalRun(r)),
    gates: options.gates.map((g) => g.text),
    failures,
    // A benchmark with failed samples (ignore_errors) still exits 0: no run fails outright.
    failedRuns: [],
    passed: failures.length === 0 && !options.interrupted,
  };
}

function evalRun(r: EvalReport): CiRun {
  const metrics: CiMetric[] = EVAL_METRICS.map(({ stat, label, better }) => {
    const v = reportStat(r, stat);
    return { key: stat, label, unit: "", value: Number.isFinite(v) ? v : null, better };
  });
  const latency = r.requests?.latency;
  if (latency) {
    metrics.push({
      key: "p99_latency_s",
      label: "p99 latency",
      unit: "s",
      value: latency.p99,
      better: "smaller",
    });
  }
  return {
    name: r.datasetName,
    metrics,
    config: { model: r.modelName, metric: r.primaryMetric },
  };
}
