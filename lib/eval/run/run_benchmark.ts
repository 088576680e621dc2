/**
 * Runs one benchmark: load → prompt → (cached or new) generation → filter → extract → score,
 * writing predictions and reviews as samples finish, then aggregates the report.
 *
 * Every response and review is committed to the run store before its lines reach the JSONL
 * files, and the files are rebuilt from the store when a run resumes: finished samples are
 * never requested again and no line is ever duplicated.
 *
 * @module
 */
import { UserError } from "../../errors.ts";
import type { ProgramRunner } from "../benchmark/execution.ts";
import type { Judge } from "../judge/types.ts";
import type { RunLayout } from "../../results/eval/layout.ts";
import type { EvalReport } from "../../results/eval/report.ts";
import { buildReport, type ReportBenchmark } from "../score/aggregate.ts";
import { inShard } from "../config/shard.ts";
import type { ShardBenchmark } from "../shard/shard_file.ts";
import { buildCollectionReport } from "../collection/collection_report.ts";
import { loadCollectionSamples } from "../collection/collection_samples.ts";
import { type DataAccess, locateDataset } from "../data/dataset_source.ts";
import { loadSubsets } from "../data/load_samples.ts";
import type { Generation, ModelBackend } from "./model_backend.ts";
import { runPool } from "./pool.ts";
import type { ResolvedBenchmark } from "../benchmark/resolve_benchmark.ts";
import type { RunOutput } from "./run_output.ts";
import type { RunStore } from "../store/run_store.ts";
import { scoreSample, type StoredReview } from "../score/score_sample.ts";
import { SubsetOutputs } from "./subset_outputs.ts";
import type { ResolvedTask } from "../config/task_config.ts";
import { buildWorkItems, requestOf, type WorkItem } from "./work_items.ts";

/** The signal given to work already started: it is never aborted, so started samples finish. */
const FINISH_IN_FLIGHT = new AbortController().signal;

/** What a benchmark run needs from the task run. */
export interface BenchmarkRunContext {
  task: ResolvedTask;
  layout: RunLayout;
  store: RunStore;
  backend: ModelBackend;
  data: DataAccess;
  out: RunOutput;
  signal: AbortSignal;
  /** The run's sandbox, for benchmarks that execute code. */
  sandbox?: ProgramRunner;
  /** The run's LLM judge, for judged benchmarks. */
  judge?: Judge;
  /** The endpoint identity recorded at the start of the run. */
  endpoint: Record<string, unknown> | null;
  now: () => Date;
}

/** The outcome of one benchmark run. */
export interface BenchmarkResult {
  /** Null when the run was interrupted before every sample was done. */
  report: EvalReport | null;
  interrupted: boolean;
  /** Requests sent to the model in this run. */
  requested: number;
  /** What a shard records of this benchmark in `shard.json` (sharded runs only). */
  shard?: ShardBenchmark;
}

/** Runs `bench`; throws a {@linkcode UserError} when a sample fails and errors are not ignored. */
export async function runBenchmark(
  bench: ResolvedBenchmark,
  ctx: BenchmarkRunContext,
): Promise<BenchmarkResult> {
  const { task, out, store } = ctx;
  const location = await locateDataset(bench, {
    hub: task.datasetHub,
    datasetDir: task.datasetDir,
    data: ctx.data,
  });
  const from = location.kind === "hub"
    ? `${location.hub} ${location.datasetId}`
    : location.kind === "runs"
    ? `the runs in ${location.paths.join(", ")}`
    : location.dir;
  out.info(`${bench.name}: loading data from ${from}`);
  // A collection's entries are sent as built and scored by the benchmarks they name.
  const collection = bench.def.collection
    ? await loadCollectionSamples(bench, {
      location,
      data: ctx.data,
      limit: task.limit,
      seed: task.seed,
      datasetArgs: task.datasetArgs,
    })
    : null;
  const subsets = collection
    ? [{ name: bench.subsets[0], samples: collection.samples, fewShot: "" }]
    : await loadSubsets(bench, { location, data: ctx.data, limit: task.limit, seed: task.seed });
  const everyItem = buildWorkItems(bench, subsets, {
    task,
    identity: ctx.backend.identity,
    ...(collection ? { scoredBy: (i: number) => collection.scorers[i] } : {}),
  });
  // A shard runs its sample groups only (every group when unsharded).
  const items = everyItem.filter((it) => inShard(it.pos.groupId, task.shard));
  const total = items.length;
  const plural = subsets.length === 1 ? "" : "s";
  const attempts = task.repeats > 1 ? ` (${task.repeats} attempts each)` : "";
  const shard = task.shard
    ? ` in shard ${task.shard.index}/${task.shard.count} (of ${everyItem.length})`
    : "";
  out.info(
    `${bench.name}: ${subsets.length} subset${plural}, ${total} samples${attempts}${shard}`,
  );

  const outputs = await SubsetOutputs.create({
    benchmark: bench.name,
    subsets: subsets.map((s) => s.name),
    predictionsDir: ctx.layout.predictions,
    reviewsDir: ctx.layout.reviews,
    model: task.model,
    extractor: bench.extractor.name,
  });
  if (task.shard) {
    for (const item of everyItem) if (!inShard(item.pos.groupId, task.shard)) outputs.skipped(item);
  }
  const fingerprints = new Map<string, number>();
  const seen = (g: Generation) => {
    const fp = g.systemFingerprint;
    if (fp) fingerprints.set(fp, (fingerprints.get(fp) ?? 0) + 1);
  };

  // Samples finished in an earlier run: their lines are rebuilt from the store.
  const stored = task.rerunReview
    ? new Map<string, StoredReview>()
    : await store.list<StoredReview>(["rev", bench.name]);
  const pending: WorkItem[] = [];
  const done: WorkItem[] = [];
  for (const item of items) {
    const r = stored.get(item.reviewKey);
    // A sample the judge could not grade is graded again (its failed call is asked again).
    (r && r.fp === item.reviewFp && r.score.judgeError === undefined ? done : pending).push(item);
  }
  let reused = 0;
  for (let i = 0; i < done.length; i += 64) {
    const batch = done.slice(i, i + 64);
    const gens = await Promise.all(
      batch.map((it) => store.get<Generation>(["resp", it.pos.sampleKey])),
    );
    batch.forEach((item, j) => {
      const generation = gens[j];
      if (!generation) {
        pending.push(item);
        return;
      }
      const { messages } = requestOf(bench, item.sample, item.fewShot, task);
      const review = stored.get(item.reviewKey)!;
      seen(generation);
      outputs.scored(item, { messages, generation, review, cached: true });
      reused++;
    });
    await outputs.flush();
  }
  stored.clear();
  if (reused > 0) out.info(`${bench.name}: ${reused} samples reused from the run cache`);

  // Which responses the store holds (a small index, so fresh samples skip a lookup each).
  const cachedKeys = pending.length > 0
    ? new Set((await store.list<number>(["has"])).keys())
    : new Set<string>();
  out.startProgress(bench.name, total, reused);
  let requested = 0;
  let failure: { item: WorkItem; message: string } | null = null;
  const inflight = new Map<string, Promise<Generation>>();

  const onFailure = (item: WorkItem, generation: Generation, message: string) => {
    out.warn(`${bench.name}/${item.subset} sample #${item.pos.index} failed: ${message}`);
    if (!task.ignoreErrors) {
      failure ??= { item, message };
      return;
    }
    const { messages } = requestOf(bench, item.sample, item.fewShot, task);
    outputs.failed(item, { messages, generation, error: message });
    out.advance(1, 1);
  };

  await runPool(pending, {
    concurrency: task.batchSize,
    stop: () => ctx.signal.aborted || (failure !== null && !task.ignoreErrors),
  }, async (item) => {
    const key = item.pos.sampleKey;
    const { messages, body } = requestOf(bench, item.sample, item.fewShot, task);
    let generation = cachedKeys.has(key) ? await cachedGeneration(store, key) : null;
    const fresh = generation === null;
    if (generation === null) {
      let p = inflight.get(key);
      if (!p) {
        requested++;
        if (task.debug) {
          out.debug(`request ${bench.name}/${item.subset}#${item.pos.index} ${key.slice(0, 12)}`);
        }
        // Not ctx.signal: a stop (Ctrl-C) lets requests in flight finish and be saved.
        p = ctx.backend.generate(body, { signal: FINISH_IN_FLIGHT });
        inflight.set(key, p);
        p.finally(() => inflight.delete(key));
      }
      generation = await p;
    }
    if (generation.outcome !== "success") {
      if (ctx.signal.aborted) return; // interrupted: redone on resume
      const retried = generation.attempts > 1 ? ` (after ${generation.attempts} attempts)` : "";
      return onFailure(item, generation, `${generation.error ?? "request failed"}${retried}`);
    }
    let review: StoredReview;
    try {
      review = await scoreSample(item.scoredBy ?? bench, item.sample, {
        generation,
        reviewFp: item.reviewFp,
        signal: FINISH_IN_FLIGHT,
        sandbox: ctx.sandbox,
        judge: ctx.judge,
      });
    } catch (e) {
      if (ctx.signal.aborted) return;
      return onFailure(item, generation, `scoring failed: ${(e as Error).message}`);
    }
    const entries: { key: Deno.KvKey; value: unknown }[] = [];
    if (fresh) {
      entries.push({ key: ["resp", key], value: generation }, { key: ["has", key], value: 1 });
    }
    entries.push({ key: ["rev", bench.name, item.reviewKey], value: review });
    await store.put(entries);
    seen(generation);
    outputs.scored(item, { messages, generation, review, cached: !fresh });
    out.advance(1);
    outputs.flushSoon();
  });

  await store.flush();
  await outputs.finish();
  out.endProgress();
  if (failure !== null && !task.ignoreErrors) {
    const f = failure as { item: WorkItem; message: string };
    throw new UserError(
      `Cannot finish ${bench.name}: sample #${f.item.pos.index} of subset ${f.item.subset} failed: ${f.message}`,
      `Fix the cause and resume with --use-cache ${ctx.layout.root} (finished samples are kept), or pass --ignore-errors to skip failed samples.`,
      { exitCode: 1 },
    );
  }
  if (ctx.signal.aborted && outputs.count < total) {
    return { report: null, interrupted: true, requested };
  }
  const endpoint = ctx.endpoint
    ? { ...ctx.endpoint, system_fingerprints: Object.fromEntries(fingerprints) }
    : null;
  const reportOptions = {
    model: task.modelId,
    repeats: task.repeats,
    endpoint,
    collectPerf: task.collectPerf,
    now: ctx.now(),
  };
  if (collection) {
    const outcomes = outputs.outcomes([bench.subsets[0]]).get(bench.subsets[0]) ?? [];
    const report = buildCollectionReport(bench, collection, outcomes, reportOptions);
    return { report, interrupted: false, requested };
  }
  const outcomes = outputs.outcomes(subsets.map((s) => s.name));
  const custom = bench.def.aggregate
    ? { custom: { aggregation: bench.def.aggregate, params: bench.params } }
    : {};
  const report = buildReport({ ...reportBenchmark(bench), ...custom }, outcomes, reportOptions);
  const shardPart: ShardBenchmark | undefined = task.shard
    ? {
      name: bench.name,
      report: reportBenchmark(bench),
      subsets: subsets.map((s) => ({
        name: s.name,
        groups: s.samples.length,
        cached: (outcomes.get(s.name) ?? []).filter((o) => o.cached).map((o) => o.index).sort(
          (a, b) => a - b,
        ),
      })),
    }
    : undefined;
  return { report, interrupted: false, requested, ...(shardPart ? { shard: shardPart } : {}) };
}

/** The benchmark facts its report is built from (also what a shard records for the merge). */
export function reportBenchmark(bench: ResolvedBenchmark): ReportBenchmark {
  return {
    name: bench.name,
    prettyName: bench.def.prettyName,
    description: bench.def.description,
    aggregation: bench.aggregation,
    metricLabels: bench.metricLabels,
    primaryMetric: bench.primaryMetric,
    categories: bench.def.categories,
    summary: bench.summary,
    ...(bench.def.derivedMetrics ? { derived: bench.def.derivedMetrics } : {}),
  };
}

/**
 * A stored answer. Only successful answers are stored; stores written before the outcome field
 * had the same value under `status`, so the outcome is set here.
 */
async function cachedGeneration(store: RunStore, key: string): Promise<Generation | null> {
  const g = await store.get<Generation & { status?: string }>(["resp", key]);
  if (g === null) return null;
  const { status: _legacy, ...rest } = g;
  return { ...rest, outcome: "success" };
}
