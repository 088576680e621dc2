/**
 * The `perf` job: runs {@linkcode runPerf} inside a worker scoped to the target URL, the
 * calibration simulator, the dataset and tokenizer (read) and the output folder (write), with
 * the output step listening.
 *
 * @module
 */
import type { PerfConfig } from "../load/config.ts";
import type { PerfDataset } from "../load/dataset.ts";
import { createProgressPrinter } from "../load/progress.ts";
import { runPerf, type RunPerfOptions } from "../load/run_perf.ts";
import type { PerfReport } from "../results/perf/schema.ts";
import { perfOutput, type PerfOutputOptions } from "./perf_output.ts";
import { join } from "node:path";
import { exportPerfReport, readRequestRows } from "../results/export/perf_export.ts";
import { otelEnabled, recordGenAiMetrics } from "../results/export/genai_metrics.ts";
import { VERSION } from "../util/version.ts";

/** Input of the `perf` job (structured-cloneable). */
export interface PerfJobInput {
  config: PerfConfig;
  /** Chat URL of the calibration simulator the main thread started, if any. */
  calibrationUrl?: string;
  /** Draw a live progress bar (stderr is a terminal). */
  tty: boolean;
  /** Print nothing (the files, benchmark.log included, are written as always). Default false. */
  quiet?: boolean;
}

/** Runs the invocation and returns its report; `datasets` is the registry the entry passes down. */
export function perfJob(
  input: unknown,
  ctx: { signal: AbortSignal; datasets?: Readonly<Record<string, PerfDataset>> },
): Promise<PerfReport> {
  const { config, calibrationUrl, tty, quiet = false } = input as PerfJobInput;
  return runPerfWithOutput(config, {
    signal: ctx.signal,
    datasets: ctx.datasets,
    calibrationUrl,
    onProgress: quiet ? undefined : createProgressPrinter({ tty, everyN: config.logEveryNQuery }),
    print: quiet ? () => {} : undefined,
  });
}

/**
 * {@linkcode runPerf} with the output step: prints (to `print`, default `console.log`) and
 * writes every file `lmeter perf` does.
 */
export async function runPerfWithOutput(
  config: PerfConfig,
  options: Omit<RunPerfOptions, "listener"> & PerfOutputOptions = {},
): Promise<PerfReport> {
  const output = perfOutput(config.outputDir, {
    print: options.print,
    format: config.summaryFormat,
  });
  const report = await runPerf(config, { ...options, listener: output });
  await output.finish(report);
  if (config.exports.length > 0) {
    // In the job's worker: its scope lets it reach the target only, so no tracker is contacted.
    const to = join(config.outputDir, "export");
    await exportPerfReport(report, { to, formats: config.exports, version: VERSION });
  }
  if (otelEnabled()) {
    // OTEL_DENO=true: Deno's own exporter sends these (outside the job's permission scope).
    for (const run of report.runs) {
      const rows = readRequestRows(join(run.dir, "benchmark_data.db"));
      recordGenAiMetrics(report, { name: run.name, rows });
    }
  }
  return report;
}
