/**
 * `runTask(config)`: lmeter's evaluation as a library call, like EvalScope's `run_task`. Takes a
 * TaskConfig object or the path of a YAML/JSON file; runs in the calling process with the
 * benchmarks it is given (mod.ts gives the built-in ones) and lib/data.
 *
 * @module
 */
import { readConfigFile } from "../config/config_file.ts";
import { resolveDataSettings } from "../data/mod.ts";
import { libDataAccess } from "./data/data_access.ts";
import type { BenchmarkDefinition } from "./benchmark/benchmark.ts";
import { type EvalHtmlPage, runEvaluation, type RunResult } from "./run/run_evaluation.ts";
import type { EvalEvent, OutputMode } from "./run/run_output.ts";
import type { TaskConfig } from "./config/task_config.ts";

/** Options of {@linkcode runTask}. */
export interface RunTaskCallOptions {
  /** The benchmarks the config may name (benchmarks/mod.ts's `BENCHMARKS`). */
  benchmarks: readonly BenchmarkDefinition[];
  /** Draws `reports/report.html` (lib/report/html); without it no page is written. */
  renderHtml?: (page: EvalHtmlPage) => string;
  /** Aborting stops taking new samples; those in flight finish and everything done is saved. */
  signal?: AbortSignal;
  /** `plain` (default) logs to stderr; `silent` writes the log file only; `tty` draws a bar. */
  output?: OutputMode;
  /** Log and progress events. */
  onEvent?: (event: EvalEvent) => void;
  /** Environment to read fallbacks from. Default: `Deno.env` when allowed, else none. */
  env?: Record<string, string | undefined>;
  /** Warn instead of failing when a dataset does not match its pinned manifest. */
  ignoreManifest?: boolean;
}

/** Runs an evaluation (see {@linkcode TaskConfig}); returns the reports and the run folder. */
export async function runTask(
  config: TaskConfig | string,
  options: RunTaskCallOptions,
): Promise<RunResult> {
  const cfg = typeof config === "string" ? await readConfigFile(config) as TaskConfig : config;
  const env = options.env ?? readEnv();
  const data = libDataAccess({
    settings: resolveDataSettings(env),
    datasetDir: cfg.dataset_dir,
    ignoreManifest: options.ignoreManifest,
    signal: options.signal,
  });
  return await runEvaluation(cfg, {
    registry: options.benchmarks,
    data,
    renderHtml: options.renderHtml,
    env: { EVALSCOPE_API_KEY: env.EVALSCOPE_API_KEY, EVALSCOPE_BASE_URL: env.EVALSCOPE_BASE_URL },
    signal: options.signal,
    output: options.output ?? "plain",
    onEvent: options.onEvent,
  });
}

function readEnv(): Record<string, string | undefined> {
  try {
    return Deno.env.toObject();
  } catch {
    return {};
  }
}
