/**
 * The `eval` job: runs an evaluation inside a scoped worker. Everything that needs the
 * environment (API key fallbacks, dataset settings) was resolved in the main thread.
 *
 * @module
 */
import { BENCHMARKS } from "../../benchmarks/mod.ts";
import type { DataSettings } from "../data/mod.ts";
import { libDataAccess } from "./data/data_access.ts";
import { runEvaluation, type RunResult } from "./run/run_evaluation.ts";
import type { OutputMode } from "./run/run_output.ts";
import type { TaskConfig, TaskEnv } from "./config/task_config.ts";

/** Input of the eval job (structured-clone safe). */
export interface EvalJobInput {
  config: TaskConfig;
  env: TaskEnv;
  dataSettings: DataSettings;
  ignoreManifest: boolean;
  output: OutputMode;
  columns: number;
}

/** Runs the evaluation described by `input`. */
export async function evalJob(input: unknown, ctx: { signal: AbortSignal }): Promise<RunResult> {
  const i = input as EvalJobInput;
  const data = libDataAccess({
    settings: i.dataSettings,
    datasetDir: i.config.dataset_dir,
    ignoreManifest: i.ignoreManifest,
    prefetched: true,
    signal: ctx.signal,
    log: (line) => console.error(line),
  });
  return await runEvaluation(i.config, {
    registry: BENCHMARKS,
    data,
    env: i.env,
    signal: ctx.signal,
    output: i.output,
    columns: i.columns,
  });
}
