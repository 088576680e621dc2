/**
 * lmeter as a library: the engines behind `lmeter eval` and `lmeter perf`, callable from code.
 *
 * @module
 */
export { startSimulator } from "./lib/sim/mod.ts";
export type { SimulatorHandle, SimulatorOptions } from "./lib/sim/mod.ts";

export { runTask } from "./lib/eval/run_task.ts";
export type { RunTaskCallOptions } from "./lib/eval/run_task.ts";
export type { RunResult } from "./lib/eval/run/run_evaluation.ts";
export type { TaskConfig } from "./lib/eval/config/task_config.ts";
export type { EvalEvent } from "./lib/eval/run/run_output.ts";
export type { EvalReport } from "./lib/results/eval/report.ts";
export { defineBenchmark } from "./lib/eval/benchmark/benchmark.ts";
export type { BenchmarkDefinition } from "./lib/eval/benchmark/benchmark.ts";
export { BENCHMARKS } from "./benchmarks/mod.ts";
