/**
 * The results of `lmeter perf` as files and as the value `runPerf()` returns: one
 * {@linkcode PerfRunResult} per run of a sweep, gathered in a {@linkcode PerfReport}
 * (`perf_summary.json` at the root of the output folder).
 *
 * @module
 */
import type { GateFailure } from "../../metrics/gates.ts";
import type { Goodput } from "../../metrics/goodput.ts";
import type { RunExtras } from "../../metrics/perf_extras.ts";
import type { PercentileRow } from "../../metrics/perf_percentiles.ts";
import type { PerfSummary } from "../../metrics/perf_summary.ts";
import type { TokenReconciliation } from "../../metrics/token_reconcile.ts";
import type { WorkloadThroughput } from "../../metrics/workload.ts";
import type { ServerMetricsReport } from "../../metrics/server_metrics.ts";
import type { TraceSummary } from "../../metrics/multi_turn.ts";

/** Schema id of `perf_summary.json` and `lmeter_summary.json`. */
export const PERF_REPORT_SCHEMA = "lmeter.perf/1";

/** How a run ended. */
export type RunStatus = "complete" | "incomplete";

/** The client's own load during a run, against its measured ceiling. */
export interface ClientLoad {
  /** SSE events (and non-stream bodies) read in the timed phase. */
  events: number;
  /** SSE events (and non-stream bodies) read per second of wall time. */
  eventsPerS: number;
  /** Process CPU per event, in µs (includes everything the process did). */
  cpuUsPerEvent: number | null;
  /** Share of the calibrated ceiling used (max of events/s and req/s ratios), in %; null without calibration. */
  ceilingUsedPct: number | null;
}

/** One row of the speed benchmark table: mean decode speed per prompt length. */
export interface SpeedRow {
  promptTokens: number;
  /** Mean of completion tokens / latency over the successes of that prompt length. */
  tokensPerS: number;
  /** Always 0: lmeter does not see the server's GPU (EvalScope's column, kept). */
  gpuMemoryGb: number;
}

/** Everything about one run of a sweep. */
export interface PerfRunResult {
  /** Folder name, e.g. `parallel_10_number_100`. */
  name: string;
  /** Absolute folder of the run's files. */
  dir: string;
  /** Concurrency cap; -1 in open loop. */
  parallel: number;
  /** Mean arrival rate in req/s; -1 when not paced. */
  rate: number;
  /** Requests asked for. */
  number: number;
  status: RunStatus;
  /** `completed`, `duration` (the --duration budget ended dispatch) or `interrupted`. */
  stopReason: string;
  /** The averages (`benchmark_summary.json`, typed; labels only in evalscope_format.ts). */
  summary: PerfSummary;
  /** The percentile table (`benchmark_percentile.json`, typed). */
  percentiles: PercentileRow[];
  /** 99th percentiles of latency (s), TTFT (ms) and TPOT (ms) by the run's method, for the sweep
   * table; a pooling run's (embeddings, rerank) has input tok/s instead of TTFT and TPOT. */
  p99: {
    latencyS: number | null;
    ttftMs: number | null;
    tpotMs: number | null;
    inputTps?: number | null;
  };
  extras: RunExtras;
  tokens: TokenReconciliation;
  goodput?: Goodput;
  client: ClientLoad;
  warmup: { requests: number; failed: number };
  /** `--fail-on` conditions that held for this run. */
  gateFailures: GateFailure[];
  speed?: SpeedRow[];
  /** `workload_throughput.json` (present when a request succeeded). */
  workload?: WorkloadThroughput;
  /** `--server-metrics`: the server's own figures over the run's window, beside lmeter's. */
  serverMetrics?: ServerMetricsReport;
  /** `trace_summary.json`: per-conversation statistics (multi-turn runs only). */
  traceSummary?: TraceSummary;
}

/** The client's measured ceiling against the in-process simulator. */
export interface Calibration {
  concurrency: number;
  /** Requests and SSE events per second the client sustained with a zero-latency server. */
  maxReqPerS: number;
  maxEventsPerS: number;
  /** TTFT the client measured where the server was told 0 ms: its own overhead. */
  addedTtftMs: { avg: number; p50: number; p99: number };
  /** The same when every request opens a new connection (a server that closes after each
   * answer, like llama-server): connect included. Null when not measured. */
  addedTtftNewConnectionMs?: { avg: number; p50: number; p99: number } | null;
  /** Client time per request and per event, in µs, fitted from two calibration phases. */
  costPerRequestUs: number;
  costPerEventUs: number;
  durationS: number;
}

/** One auto-tune group's answer. */
export interface SlaGroupResult {
  constraints: Record<string, string>;
  variable: "parallel" | "rate";
  /** Highest value meeting every constraint (or the optimum); null when none did. */
  best: number | null;
  probes: { value: number; passed: boolean; metrics: Record<string, number> }[];
  note: string;
}

/** `perf_summary.json`: the whole invocation. */
export interface PerfReport {
  schema: typeof PERF_REPORT_SCHEMA;
  lmeterVersion: string;
  model: string;
  url: string;
  api: string;
  dataset: string;
  startedAt: string;
  finishedAt: string;
  /** Absolute root of the output folder. */
  outputDir: string;
  status: RunStatus;
  calibration: Calibration | null;
  /** Why there is no calibration although `--calibrate` was on (lmeter's key). */
  calibrationNote?: string;
  runs: PerfRunResult[];
  sla?: SlaGroupResult[];
  /** Number of `--fail-on` conditions that held, over all runs. */
  gateFailures: number;
  /** Warnings printed during the invocation. */
  warnings: string[];
}

/** True when requests were counted in `run` and none of them succeeded: a failed run level. */
export function noneSucceeded(run: PerfRunResult): boolean {
  return run.summary.total > 0 && run.summary.success === 0;
}
