/**
 * Writes a run's JSON files and the sweep's root files.
 *
 * @module
 */
import { join } from "node:path";
import { readRequestPoints } from "../read/read_request_points.ts";
import type { RequestPoints } from "../read/types.ts";
import { maskConfig } from "../../client/mask.ts";
import type { WorkloadThroughput, WorkloadTimeline } from "../../metrics/workload.ts";
import type { PerfReport, PerfRunResult } from "./schema.ts";
import { PERF_REPORT_SCHEMA } from "./schema.ts";
import {
  percentilesFileInFormat,
  reportToFile,
  runToFile,
  speedToFile,
  type SummaryFormat,
  summaryInFormat,
} from "./evalscope_format.ts";

/** JSON with NaN/Infinity written as null (EvalScope writes bare NaN, which is not JSON). */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v),
    2,
  ) + "\n";
}

/** `benchmark_args.json`, with every secret masked. */
export async function writeArgs(dir: string, args: Record<string, unknown>): Promise<void> {
  await Deno.writeTextFile(join(dir, "benchmark_args.json"), toJson(maskConfig(args)));
}

/**
 * `benchmark_summary.json`, `benchmark_percentile.json` (in `format`'s keys and units, default
 * lmeter's), `lmeter_summary.json` (+ speed table).
 */
export async function writeRunFiles(
  run: PerfRunResult,
  options: { format?: SummaryFormat } = {},
): Promise<void> {
  const format = options.format ?? "lmeter";
  await Deno.writeTextFile(
    join(run.dir, "benchmark_summary.json"),
    toJson(summaryInFormat(run.summary, format)),
  );
  await Deno.writeTextFile(
    join(run.dir, "benchmark_percentile.json"),
    toJson(percentilesFileInFormat(run.percentiles, format)),
  );
  const { summary: _s, percentiles: _p, ...rest } = runToFile(run);
  await Deno.writeTextFile(
    join(run.dir, "lmeter_summary.json"),
    toJson({ schema: PERF_REPORT_SCHEMA, ...rest }),
  );
  if (run.speed) {
    await Deno.writeTextFile(join(run.dir, "speed_benchmark.json"), toJson(speedToFile(run.speed)));
  }
  if (run.traceSummary) {
    const { nTraces, rows } = run.traceSummary;
    await Deno.writeTextFile(
      join(run.dir, "trace_summary.json"),
      toJson({ n_traces: nTraces, rows }),
    );
  }
}

/** `workload_throughput.json` and `workload_timeline.json` (written when a request succeeded). */
export async function writeWorkloadFiles(
  dir: string,
  throughput: WorkloadThroughput,
  timeline: WorkloadTimeline,
): Promise<void> {
  await Deno.writeTextFile(join(dir, "workload_throughput.json"), toJson(throughput));
  await Deno.writeTextFile(join(dir, "workload_timeline.json"), toJson(timeline));
}

/** What {@linkcode writeSweepFiles} writes besides the report itself. */
export interface SweepFilesOptions {
  /** The console report, plain. */
  text: string;
  /** Renders `perf_report.html` (lib/report/html, passed in by the caller above both). */
  renderHtml: (report: PerfReportWithPoints) => string;
}

/** A report whose runs carry their request points (the HTML report's latency scatter). */
export type PerfReportWithPoints = Omit<PerfReport, "runs"> & {
  runs: (PerfRunResult & { requests: RequestPoints | null })[];
};

/**
 * `performance_summary.txt` (the console report, plain), `perf_summary.json`, and
 * `perf_report.html` ({@linkcode writePerfHtml}).
 */
export async function writeSweepFiles(
  report: PerfReport,
  options: SweepFilesOptions,
): Promise<void> {
  await Deno.writeTextFile(join(report.outputDir, "performance_summary.txt"), options.text);
  await Deno.writeTextFile(
    join(report.outputDir, "perf_summary.json"),
    toJson(reportToFile(report)),
  );
  await writePerfHtml(report, options);
}

/**
 * `perf_report.html` in `dir` (default the report's output folder): charts and tables in one
 * self-contained page. Call after the runs' databases are closed: the latency scatter reads them.
 * Returns the file's path.
 */
export async function writePerfHtml(
  report: PerfReport,
  options: Pick<SweepFilesOptions, "renderHtml"> & { dir?: string },
): Promise<string> {
  const html = options.renderHtml({
    ...report,
    runs: report.runs.map((r) => ({
      ...r,
      requests: readRequestPoints(join(r.dir, "benchmark_data.db"), { maxPoints: 2000 }),
    })),
  });
  const path = join(options.dir ?? report.outputDir, "perf_report.html");
  await Deno.writeTextFile(path, html);
  return path;
}
