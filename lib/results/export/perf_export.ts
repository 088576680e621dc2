/**
 * Offline exports of a perf invocation, for experiment trackers and monitoring, rebuilt from its
 * files (the report and each run's `benchmark_data.db`):
 *
 * - `tfevents/<run>/events.out.tfevents.<time>.lmeter`: per completed request (step = its rank in
 *   completion order) the running averages EvalScope logs, the request's own latency and TTFT, and
 *   the run's final numbers under `final/`;
 * - `metrics.jsonl`: the same scalars, one line per run and step;
 * - `metrics.prom`: Prometheus text format 0.0.4 (also a node_exporter textfile);
 * - `mlruns/`: MLflow's file store, one MLflow run per perf run in the experiment
 *   `perf_benchmark` (`mlflow ui --backend-store-uri <export>/mlruns`).
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { percentileOf } from "../../metrics/percentile.ts";
import type { PerfReport, PerfRunResult } from "../perf/schema.ts";
import type { MlflowRun } from "./mlflow.ts";
import { eventFile, type Scalar } from "./tfevents.ts";
import { writeCommonExports } from "./write_exports.ts";
import { TRACKER_PROJECT } from "./trackers.ts";

import type { ExportFormat } from "./formats.ts";

/** Options of {@linkcode exportPerfReport}. */
export interface PerfExportOptions {
  /** The folder to write into (created). */
  to: string;
  formats: readonly ExportFormat[];
  /** lmeter's version, for `lmeter_info`. */
  version: string;
}

/** One request as the exports see it (seconds; null when not measured). */
export interface RequestRow {
  success: boolean;
  done: number;
  latency: number | null;
  ttft: number | null;
  tpot: number | null;
  itl: number[];
  outputTokens: number | null;
  promptTokens: number | null;
}

/** Writes the exports of `report`; returns the files written. */
export async function exportPerfReport(
  report: PerfReport,
  options: PerfExportOptions,
): Promise<string[]> {
  await Deno.mkdir(options.to, { recursive: true });
  const written: string[] = [];
  const start = Date.parse(report.startedAt) / 1000 || 0;
  const runs = report.runs.map((run) => ({
    run,
    rows: readRequestRows(join(run.dir, "benchmark_data.db")),
  }));
  const jsonl: string[] = [];
  const mlflowRuns: MlflowRun[] = [];
  for (const { run, rows } of runs) {
    const scalars = runScalars(run, rows, start);
    mlflowRuns.push({
      name: run.name,
      startMs: Math.round(start * 1000),
      endMs: Math.round((start + (rows.at(-1)?.done ?? 0)) * 1000),
      params: {
        model: report.model,
        api: report.api,
        dataset: report.dataset,
        url: report.url,
        parallel: String(run.parallel),
        number: String(run.number),
        rate: String(run.rate),
        lmeter_version: options.version,
      },
      tags: { "lmeter.status": run.status, "lmeter.output_dir": run.dir },
      metrics: scalars,
    });
    if (options.formats.includes("tfevents")) {
      const dir = join(options.to, "tfevents", run.name);
      await Deno.mkdir(dir, { recursive: true });
      const path = join(dir, `events.out.tfevents.${Math.floor(start)}.lmeter`);
      await Deno.writeFile(path, eventFile(scalars, start));
      written.push(path);
    }
    const steps = new Map<number, Record<string, number>>();
    for (const s of scalars) steps.set(s.step, { ...steps.get(s.step), [s.tag]: s.value });
    for (const [step, metrics] of steps) {
      jsonl.push(JSON.stringify({ run: run.name, step, metrics }));
    }
  }
  written.push(
    ...await writeCommonExports({
      to: options.to,
      formats: options.formats,
      jsonl,
      mlflow: { experiment: TRACKER_PROJECT, runs: mlflowRuns },
      prom: () => promText(report, runs, options.version),
    }),
  );
  return written;
}

/** The finished requests of a run's database, in completion order (none when it cannot be read). */
export function readRequestRows(path: string): RequestRow[] {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly: true });
  } catch {
    return [];
  }
  try {
    const raw = db.prepare(
      `SELECT success, start_time, completed_time, latency, first_chunk_latency,
              time_per_output_token, completion_tokens, prompt_tokens, inter_token_latencies
         FROM result ORDER BY COALESCE(completed_time, start_time + latency), rowid`,
    ).all() as Record<string, unknown>[];
    const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
    const t0 = Math.min(...raw.map((r) => num(r.start_time) ?? Infinity));
    return raw.map((r) => {
      let itl: number[] = [];
      try {
        const parsed = JSON.parse(String(r.inter_token_latencies ?? "[]"));
        if (Array.isArray(parsed)) itl = parsed.filter((x) => typeof x === "number");
      } catch { /* no gaps recorded */ }
      const done = num(r.completed_time) ?? (num(r.start_time) ?? 0) + (num(r.latency) ?? 0);
      return {
        success: r.success === 1,
        done: Number.isFinite(t0) ? done - t0 : 0,
        latency: num(r.latency),
        ttft: num(r.first_chunk_latency),
        tpot: num(r.time_per_output_token),
        itl,
        outputTokens: num(r.completion_tokens),
        promptTokens: num(r.prompt_tokens),
      };
    });
  } finally {
    db.close();
  }
}

/** The scalars of one run: running values per completed request, then its final numbers. */
function runScalars(run: PerfRunResult, rows: readonly RequestRow[], start: number): Scalar[] {
  const out: Scalar[] = [];
  let ok = 0;
  let failed = 0;
  const sum = { latency: 0, ttft: 0, ttftN: 0, tpot: 0, tpotN: 0, tokens: 0 };
  rows.forEach((r, i) => {
    const step = i + 1;
    const wallTime = start + r.done;
    const add = (tag: string, value: number | null) => {
      if (value !== null && Number.isFinite(value)) out.push({ tag, step, value, wallTime });
    };
    if (r.success) {
      ok++;
      sum.latency += r.latency ?? 0;
      if (r.ttft !== null) [sum.ttft, sum.ttftN] = [sum.ttft + r.ttft, sum.ttftN + 1];
      if (r.tpot !== null) [sum.tpot, sum.tpotN] = [sum.tpot + r.tpot, sum.tpotN + 1];
      sum.tokens += r.outputTokens ?? 0;
      add("request/latency_s", r.latency);
      add("request/ttft_ms", r.ttft === null ? null : r.ttft * 1000);
    } else failed++;
    add("running/succeeded", ok);
    add("running/failed", failed);
    add("running/avg_latency_s", ok ? sum.latency / ok : null);
    add("running/avg_ttft_ms", sum.ttftN ? (sum.ttft / sum.ttftN) * 1000 : null);
    add("running/avg_tpot_ms", sum.tpotN ? (sum.tpot / sum.tpotN) * 1000 : null);
    add("running/output_tokens", sum.tokens);
    add("running/output_tps", r.done > 0 ? sum.tokens / r.done : null);
  });
  const s = run.summary;
  const step = rows.length;
  const wallTime = start + (rows.at(-1)?.done ?? 0);
  const finals: [string, number | null | undefined][] = [
    ["final/success_rate", s.total > 0 ? (s.success / s.total) * 100 : null],
    ["final/rps", s.rps],
    ["final/output_tps", s.outputTps],
    ["final/total_tps", s.totalTps],
    ["final/avg_latency_s", s.avgLatencyS],
    ["final/avg_ttft_ms", s.avgTtftMs],
    ["final/avg_tpot_ms", s.avgTpotMs],
    ["final/avg_itl_ms", s.avgItlMs],
    ["final/p99_latency_s", run.p99.latencyS],
    ["final/p99_ttft_ms", run.p99.ttftMs],
    ["final/p99_tpot_ms", run.p99.tpotMs],
    ["final/goodput_rps", run.goodput?.goodputRps],
  ];
  for (const [tag, value] of finals) {
    if (typeof value === "number" && Number.isFinite(value)) {
      out.push({ tag, step, value, wallTime });
    }
  }
  return out;
}

const QUANTILES = [0.5, 0.9, 0.99];

/** `metrics.prom`: one family per metric, its HELP and TYPE once, every run's samples under it. */
function promText(
  report: PerfReport,
  runs: { run: PerfRunResult; rows: RequestRow[] }[],
  version: string,
): string {
  const lines: string[] = [];
  const family = (name: string, type: string, help: string, samples: string[]) => {
    if (samples.length === 0) return;
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples);
  };
  const labels = (run: PerfRunResult, extra: Record<string, string> = {}) =>
    promLabels({
      model: report.model,
      run: run.name,
      parallel: run.parallel > 0 ? String(run.parallel) : "",
      rate: run.rate > 0 ? String(run.rate) : "",
      ...extra,
    });
  family("lmeter_info", "gauge", "The lmeter build and what it measured.", [
    `lmeter_info${
      promLabels({ version, model: report.model, api: report.api, dataset: report.dataset })
    } 1`,
  ]);
  family(
    "lmeter_perf_requests_total",
    "counter",
    "Requests that finished in the timed phase, by outcome.",
    runs.flatMap(({ run }) => [
      `lmeter_perf_requests_total${labels(run, { outcome: "success" })} ${run.summary.success}`,
      `lmeter_perf_requests_total${labels(run, { outcome: "failure" })} ${run.summary.failed}`,
    ]),
  );
  const gauge = (
    name: string,
    help: string,
    read: (r: PerfRunResult) => number | null | undefined,
  ) =>
    family(
      name,
      "gauge",
      help,
      runs.flatMap(({ run }) => {
        const v = read(run);
        return typeof v === "number" && Number.isFinite(v) ? [`${name}${labels(run)} ${v}`] : [];
      }),
    );
  gauge(
    "lmeter_perf_test_duration_seconds",
    "Wall time of the timed phase.",
    (r) => r.summary.durationS,
  );
  gauge("lmeter_perf_requests_per_second", "Successful requests per second.", (r) => r.summary.rps);
  gauge(
    "lmeter_perf_output_tokens_per_second",
    "Output tokens per second of wall time.",
    (r) => r.summary.outputTps,
  );
  gauge(
    "lmeter_perf_goodput_requests_per_second",
    "Requests per second that met every --slo limit.",
    (r) => r.goodput?.goodputRps,
  );
  const series: [string, string, (r: RequestRow) => number[]][] = [
    ["ttft", "Time to first token", (r) => (r.ttft === null ? [] : [r.ttft])],
    ["tpot", "Time per output token after the first", (r) => (r.tpot === null ? [] : [r.tpot])],
    ["itl", "Gaps between content chunks", (r) => r.itl],
    ["e2e_latency", "Whole-request latency", (r) => (r.latency === null ? [] : [r.latency])],
  ];
  for (const [key, help, values] of series) {
    const name = `lmeter_perf_${key}_seconds`;
    family(
      name,
      "summary",
      `${help} of successful requests (quantiles by the floor rank).`,
      runs.flatMap(({ run, rows }) => {
        const xs = rows.filter((r) => r.success).flatMap(values).sort((a, b) => a - b);
        if (xs.length === 0) return [];
        return [
          ...QUANTILES.map((q) =>
            `${name}${labels(run, { quantile: String(q) })} ${percentileOf(xs, q * 100)}`
          ),
          `${name}_sum${labels(run)} ${xs.reduce((a, b) => a + b, 0)}`,
          `${name}_count${labels(run)} ${xs.length}`,
        ];
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** `{a="x",b="y"}` with Prometheus' escapes (backslash, double quote, newline). */
export function promLabels(labels: Record<string, string>): string {
  const esc = (v: string) =>
    v.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
  return `{${Object.entries(labels).map(([k, v]) => `${k}="${esc(v)}"`).join(",")}}`;
}
