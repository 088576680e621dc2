/**
 * What the readers hand to the reports and the app: result files normalised to one shape,
 * whether lmeter or EvalScope wrote them. Optional fields of the files become `null` here.
 *
 * @module
 */
import type { CollectionLevels } from "../eval/report.ts";
import type { PercentileRow } from "../../metrics/perf_percentiles.ts";
import type { PerfSummary } from "../../metrics/perf_summary.ts";
import type { ExecutionSummary } from "../eval/report.ts";
import type { ThinkbenchReport } from "../eval/thinkbench_file.ts";

/** A subset's score. */
export interface SubsetView {
  name: string;
  score: number;
  num: number;
  stderr: number | null;
  ci95: [number, number] | null;
}

/** A category (one or more levels) and its subsets. */
export interface CategoryView {
  name: string[];
  num: number;
  score: number;
  subsets: SubsetView[];
}

/** One metric of a benchmark report. */
export interface MetricView {
  name: string;
  num: number;
  score: number;
  stderr: number | null;
  ci95: [number, number] | null;
  /** How it was aggregated, when the file says (`mean`, `pass@k`, `elo` for arena win rates). */
  aggregation?: string;
  categories: CategoryView[];
  /** Scores per part label of a metric pooled over parts (IFEval: per instruction type). */
  breakdown?: SubsetView[];
}

/** What happened to a benchmark's samples (the report's summary; older files have no cache count). */
export type ExecutionView = Omit<ExecutionSummary, "cached">;

/** One benchmark report (`reports/<model>/<benchmark>.json`). */
export interface BenchmarkView {
  model: string;
  dataset: string;
  prettyName: string;
  description: string;
  /** The primary metric's score. */
  score: number;
  primaryMetric: string;
  /** `complete`, `incomplete`, or null when the file does not say. */
  status: string | null;
  metrics: MetricView[];
  execution: ExecutionView | null;
  /** Eval-time request statistics as written (shapes differ between tools). */
  perf: Record<string, unknown> | null;
  createdAt: string | null;
  /** A collection's levels with their CIs (lmeter's data_collection reports). */
  collection?: CollectionLevels;
}

/** A pair of predictions/reviews files of one subset. */
export interface SubsetFiles {
  benchmark: string;
  subset: string;
  predictions: string | null;
  reviews: string | null;
}

/** One model of an eval run. */
export interface EvalModelView {
  model: string;
  reports: BenchmarkView[];
  subsets: SubsetFiles[];
  /** Reasoning-efficiency analyses (`reports/<model>/thinkbench/*.json`). */
  thinkbench: ThinkbenchReport[];
}

/** An eval run folder (`<work_dir>/<timestamp>/`). */
export interface EvalRunView {
  dir: string;
  name: string;
  createdAt: string | null;
  /** The task config as parsed from `configs/task_config.yaml`; null when absent. */
  config: unknown;
  configText: string | null;
  models: EvalModelView[];
  /** `reports/report.html` exists. */
  hasHtml: boolean;
}

/** One run of a perf sweep (`parallel_P_number_N/`). */
export interface PerfRunView {
  name: string;
  /** Concurrency cap; -1 in open loop. */
  parallel: number;
  /** Arrival rate in req/s; -1 when not paced. */
  rate: number;
  number: number;
  /** `benchmark_summary.json`, typed (lib/results/perf/evalscope_format.ts reads any label set). */
  summary: Readonly<PerfSummary>;
  /** `benchmark_percentile.json`, typed. */
  percentiles: readonly PercentileRow[];
  status?: string | null;
  /** `workload_throughput.json`, when the run wrote one (a request succeeded). */
  workload?: WorkloadView | null;
}

/** Token rates (tok/s) of a run over its whole time, its last window and its steady state, as
 * `workload_throughput.json` holds them (lmeter's `WorkloadThroughput` fits as is). */
export interface WorkloadView {
  /** Length of the "last" window (s). */
  last_window_s: number;
  /** Share of the wall time dropped before the steady state (0–1). */
  warmup_frac: number;
  /** Why the steady window is omitted (its values are then null). */
  steady_state_omitted?: string;
  rows: readonly {
    metric: string;
    overall: number;
    last_window: number;
    steady_state: number | null;
  }[];
}

/** Successful requests of one run, for the latency-over-time scatter (seconds). */
export interface RequestPoints {
  /** Requests in the run (successful and failed). */
  total: number;
  failed: number;
  /** Successful requests in the file; `t` may hold fewer (evenly thinned). */
  succeeded: number;
  /** Start time since the run's first request, ascending. */
  t: number[];
  latency: number[];
  ttft: (number | null)[];
}

/** A perf sweep folder (`<outputs>/<timestamp>/<name>/`). */
export interface PerfSweepView {
  dir: string;
  name: string;
  model: string | null;
  dataset: string | null;
  api: string | null;
  url: string | null;
  startedAt: string | null;
  runs: (PerfRunView & { dir: string; args: Record<string, unknown> | null; hasDb: boolean })[];
  /** `performance_summary.txt`, when present. */
  summaryText: string | null;
  hasHtml: boolean;
}

/** One row of the runs list. */
export interface RunListItem {
  /** Folder relative to the outputs root, `/`-separated; `.` for the root itself. */
  id: string;
  kind: "eval" | "perf";
  name: string;
  date: string | null;
  models: string[];
  datasets: string[];
  /** Eval: mean of the benchmark scores per model (same order as `models`). */
  scores: (number | null)[];
  /** Perf: runs in the sweep and the best request throughput. */
  perfRuns?: number;
  bestRps?: number | null;
}

/** A chat message as the viewer shows it. */
export interface MessageView {
  role: string;
  text: string;
  reasoning: string;
}

/** Which samples to list. */
export type SampleFilter = "all" | "pass" | "fail";

/** One row of a sample list. */
export interface SampleSummary {
  index: number;
  /** Normalised score; null when the sample has no review (e.g. its request failed). */
  score: number | null;
  pass: boolean;
  status: string;
  extracted: string;
  target: string;
  /** The start of the answer. */
  preview: string;
}

/** A page of samples. */
export interface SamplePage {
  total: number;
  counts: { all: number; pass: number; fail: number };
  offset: number;
  limit: number;
  items: SampleSummary[];
}

/** Everything about one sample. */
export interface SampleDetail {
  index: number;
  status: string;
  /** The prompt messages (the final answer is in `answer`). */
  messages: MessageView[];
  answer: string;
  reasoning: string;
  extracted: string;
  target: string;
  score: number | null;
  /** The score value as written (object of metric → number/bool). */
  scoreValue: unknown;
  explanation: string | null;
  stopReason: string | null;
  usage: Record<string, unknown> | null;
  latency: number | null;
  ttft: number | null;
  error: string | null;
  noAnswer: boolean | null;
  truncated: boolean | null;
  metadata: Record<string, unknown> | null;
  /** The score's metadata as reviewed (a judge's replies and verdicts, an arena's games). */
  scoreMetadata: Record<string, unknown> | null;
}
