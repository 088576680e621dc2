/**
 * lmeter as a library: the engines behind `lmeter eval` and `lmeter perf`, callable from code.
 * This is an entry: it hands the built-in benchmarks and the HTML renderer down to the engine.
 *
 * @module
 */
import { BENCHMARKS } from "./benchmarks/mod.ts";
import type { BenchmarkDefinition } from "./lib/eval/benchmark/benchmark.ts";
import type { TaskConfig } from "./lib/eval/config/task_config.ts";
import type { RunResult } from "./lib/eval/run/run_evaluation.ts";
import {
  runTask as runTaskWith,
  type RunTaskCallOptions as EngineOptions,
} from "./lib/eval/run_task.ts";
import { renderEvalReportHtml } from "./lib/report/html/mod.ts";
import {
  type CollectionSchema,
  createCollection as createCollectionWith,
  type CreateCollectionOptions,
  type CreatedCollection,
} from "./lib/eval/collection/mod.ts";

export { startSimulator } from "./lib/sim/mod.ts";
export type { SimulatorHandle, SimulatorOptions } from "./lib/sim/mod.ts";

export type { RunResult } from "./lib/eval/run/run_evaluation.ts";
export type { TaskConfig } from "./lib/eval/config/task_config.ts";
export type { EvalEvent } from "./lib/eval/run/run_output.ts";
export type { EvalReport } from "./lib/results/eval/report.ts";
export { defineBenchmark } from "./lib/eval/benchmark/benchmark.ts";
export type { BenchmarkDefinition } from "./lib/eval/benchmark/benchmark.ts";
export { BENCHMARKS } from "./benchmarks/mod.ts";
export {
  collectionComposition,
  drawCollection,
  flattenSchema,
  loadPools,
  parseCollectionSchema,
  planCounts,
  readCollection,
  readEntry,
  SAMPLERS,
  schemaToJson,
} from "./lib/eval/collection/mod.ts";
export type {
  CollectionDataset,
  CollectionEntry,
  CollectionSchema,
  CountPlan,
  CreatedCollection,
  DatasetEntryLine,
  FlatDataset,
  SamplerKind,
} from "./lib/eval/collection/mod.ts";

/** Options of {@linkcode runTask}. */
export type RunTaskCallOptions = Omit<EngineOptions, "benchmarks" | "renderHtml"> & {
  /** The benchmarks the config may name. Default: the built-in ones ({@linkcode BENCHMARKS}). */
  benchmarks?: readonly BenchmarkDefinition[];
};

/** Runs an evaluation (see {@linkcode TaskConfig}); returns the reports and the run folder. */
export function runTask(
  config: TaskConfig | string,
  options: RunTaskCallOptions = {},
): Promise<RunResult> {
  return runTaskWith(config, {
    ...options,
    benchmarks: options.benchmarks ?? BENCHMARKS,
    renderHtml: renderEvalReportHtml,
  });
}

/** Options of {@linkcode createCollection}: the engine's, with the built-in benchmarks by default. */
export type CreateCollectionCallOptions = Omit<CreateCollectionOptions, "registry"> & {
  /** The benchmarks the schema may name. Default: the built-in ones ({@linkcode BENCHMARKS}). */
  benchmarks?: readonly BenchmarkDefinition[];
};

/** Draws a collection from a schema (`lmeter collection create` as a call); returns its lines. */
export function createCollection(
  schema: CollectionSchema,
  options: CreateCollectionCallOptions,
): Promise<CreatedCollection> {
  const { benchmarks, ...rest } = options;
  return createCollectionWith(schema, { ...rest, registry: benchmarks ?? BENCHMARKS });
}
