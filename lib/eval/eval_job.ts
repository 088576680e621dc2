/**
 * The `eval` job: runs an evaluation inside a scoped worker. The main thread resolved the task
 * once (API key fallbacks, defaults, dataset settings); the worker gets that plain data and looks
 * the benchmarks up by name in the registry its job table passes down.
 *
 * @module
 */
import type { DataSettings } from "../data/mod.ts";
import type { JobContext } from "../worker/job.ts";
import type { BenchmarkDefinition } from "./benchmark/benchmark.ts";
import type { ResolvedTask } from "./config/task_config.ts";
import { libDataAccess } from "./data/data_access.ts";
import { benchmarksOf } from "./run/resolve_evaluation.ts";
import { type EvalHtmlPage, runResolved, type RunResult } from "./run/run_evaluation.ts";
import type { OutputMode } from "./run/run_output.ts";

/** Input of the eval job (structured-clone safe). */
export interface EvalJobInput {
  /** The task as the main thread resolved it. */
  task: ResolvedTask;
  dataSettings: DataSettings;
  ignoreManifest: boolean;
  output: OutputMode;
  columns: number;
}

/** What the eval job gets besides its input: the content and renderers of its job table. */
export interface EvalJobContext extends JobContext {
  /** The benchmark registry (benchmarks/mod.ts). */
  benchmarks: readonly BenchmarkDefinition[];
  /** Draws `reports/report.html` (lib/report/html). */
  renderHtml: (page: EvalHtmlPage) => string;
}

/** Runs the evaluation described by `input`. */
export async function evalJob(input: unknown, ctx: EvalJobContext): Promise<RunResult> {
  const { task, dataSettings, ignoreManifest, output, columns } = input as EvalJobInput;
  const data = libDataAccess({
    settings: dataSettings,
    datasetDir: task.datasetDir ?? undefined,
    ignoreManifest,
    prefetched: true,
    signal: ctx.signal,
    log: (line) => console.error(line),
  });
  return await runResolved({ task, benches: benchmarksOf(task, ctx.benchmarks) }, {
    data,
    renderHtml: ctx.renderHtml,
    signal: ctx.signal,
    output,
    columns,
  });
}
