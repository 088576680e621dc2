/**
 * An evaluation resolved once, on the thread that has the environment: the task (validated,
 * defaults applied, secrets from the environment) and its benchmarks set up with their
 * `dataset_args`. The task is plain data that crosses into a job's worker as it is; the worker
 * looks its benchmarks up by name in the registry it was given ({@linkcode benchmarksOf}).
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import { noSandbox } from "./no_sandbox.ts";
import { applyJudgeStrategy } from "../judge/strategy.ts";
import { missingJudge } from "../judge/settings.ts";
import type { BenchmarkDefinition } from "../benchmark/benchmark.ts";
import { findBenchmark } from "../benchmark/find_benchmark.ts";
import { resolveBenchmark, type ResolvedBenchmark } from "../benchmark/resolve_benchmark.ts";
import {
  type ResolvedTask,
  resolveTaskConfig,
  type TaskConfig,
  type TaskEnv,
} from "../config/task_config.ts";

/** A resolved task and its benchmarks, in run order. */
export interface ResolvedEvaluation {
  task: ResolvedTask;
  benches: ResolvedBenchmark[];
}

/** Options of {@linkcode resolveEvaluation}. */
export interface ResolveEvaluationOptions {
  /** The benchmarks that can be run (benchmarks/mod.ts, passed down by the caller). */
  registry: readonly BenchmarkDefinition[];
  /** Environment fallbacks (EVALSCOPE_API_KEY, EVALSCOPE_BASE_URL). */
  env?: TaskEnv;
}

/** Resolves `config`; throws a `UserError` on a bad setting or an unknown benchmark. */
export function resolveEvaluation(
  config: TaskConfig,
  options: ResolveEvaluationOptions,
): ResolvedEvaluation {
  const task = resolveTaskConfig(config, options.env);
  for (const name of Object.keys(task.datasetArgs)) {
    if (!task.datasets.includes(name)) {
      task.notes.push(`dataset_args.${name} is set but ${name} is not in datasets.`);
    }
  }
  const benches = benchmarksOf(task, options.registry);
  const coding = benches.filter((b) => b.def.runsCode).map((b) => b.name);
  if (coding.length > 0 && task.sandbox === null) {
    throw noSandbox(coding, "--sandbox is none");
  }
  const judged = benches.filter((b) => b.judged).map((b) => b.name);
  if (judged.length > 0) {
    if (!task.judge?.apiUrl) throw missingJudge(judged, "no judge_model_args.api_url given");
    if (!task.judge.model) throw missingJudge(judged, "no judge_model_args.model_id given");
  }
  const collection = benches.find((b) => b.def.collection);
  if (task.shard && collection) {
    throw new UserError(
      `Cannot shard ${collection.name}: a collection's samples are not split into shards yet`,
      "Run the collection without --shard (or shard its member benchmarks instead).",
    );
  }
  return { task, benches };
}

/**
 * True when scoring may run model-written code: a benchmark that does, or a collection whose
 * registry holds one. The job then may start the sandbox's launcher.
 */
export function runsCode(benches: readonly ResolvedBenchmark[]): boolean {
  return benches.some((b) => b.def.runsCode || (b.members ?? []).some((m) => m.runsCode));
}

/** The task's benchmarks, looked up by name in `registry`, with their `dataset_args` applied. */
export function benchmarksOf(
  task: ResolvedTask,
  registry: readonly BenchmarkDefinition[],
): ResolvedBenchmark[] {
  return task.datasets.map((name) => {
    const bench = applyJudgeStrategy(
      resolveBenchmark(findBenchmark(registry, name), task.datasetArgs[name]),
      { strategy: task.judgeStrategy, judge: task.judge },
    );
    // A collection's entries name other benchmarks: it is given the registry to find them in.
    if (bench.def.collection) bench.members = registry;
    return bench;
  });
}
