/**
 * `runEvaluation(config)`: a whole evaluation run — resolve the config, create (or resume) the run
 * folder, record the endpoint, run each benchmark, write reports. Returns the reports; rendering
 * them is the caller's business (lib/report): the HTML page is drawn by the renderer the caller
 * passes. {@linkcode runResolved} runs an evaluation resolved before (a job's worker gets one).
 *
 * @module
 */
import { basename, join } from "node:path";
import { stringify as toYaml } from "yaml";
import { VERSION } from "../../util/version.ts";
import { maskConfig } from "../../client/mask.ts";
import { type RunLayout, runLayout, timestampName } from "../../results/eval/layout.ts";
import type { EvalReport } from "../../results/eval/report.ts";
import { writeReport } from "../../results/eval/report_file.ts";
import {
  COLLECTION_REPORT_FILE,
  writeCollectionReport,
} from "../../results/eval/collection_file.ts";
import type { BenchmarkDefinition } from "../benchmark/benchmark.ts";
import type { DataAccess } from "../data/dataset_source.ts";
import { modelListNote, probeEndpoint } from "./endpoint_identity.ts";
import { MockBackend, type ModelBackend, OpenAiBackend } from "./model_backend.ts";
import type { ResolvedBenchmark } from "../benchmark/resolve_benchmark.ts";
import { type ResolvedEvaluation, resolveEvaluation, runsCode } from "./resolve_evaluation.ts";
import { runBenchmark } from "./run_benchmark.ts";
import { type EvalEvent, type OutputMode, RunOutput } from "./run_output.ts";
import { acquireRunLock, type RunLock } from "../store/run_lock.ts";
import { RunStore } from "../store/run_store.ts";
import { SHARD_FILE, type ShardBenchmark, shardFile } from "../shard/shard_file.ts";
import type { ResolvedTask, TaskConfig, TaskEnv } from "../config/task_config.ts";
import { limitRunner, type ProgramRunner } from "../benchmark/execution.ts";
import { openSandbox, type Sandbox } from "../../sandbox/mod.ts";
import { noSandbox } from "./no_sandbox.ts";
import { JudgeEngine, type JudgeStats } from "../judge/judge_engine.ts";

/** The page `reports/report.html` shows: the run's reports, its task config, its name. */
export interface EvalHtmlPage {
  models: { model: string; reports: readonly EvalReport[] }[];
  /** `configs/task_config.yaml` as written, when readable. */
  config?: string;
  runName: string;
}

/** Options of {@linkcode runEvaluation}. */
export interface RunTaskOptions extends RunResolvedOptions {
  /** The benchmarks that can be run (benchmarks/mod.ts, passed down by the caller). */
  registry: readonly BenchmarkDefinition[];
  /** Environment fallbacks (EVALSCOPE_API_KEY, EVALSCOPE_BASE_URL). */
  env?: TaskEnv;
}

/** Options of {@linkcode runResolved}. */
export interface RunResolvedOptions {
  /** Dataset readers (lib/data). */
  data: DataAccess;
  /** Draws `reports/report.html` (lib/report/html); without it no page is written. */
  renderHtml?: (page: EvalHtmlPage) => string;
  /** Aborting stops taking new samples; those in flight finish and everything done is saved. */
  signal?: AbortSignal;
  /** `tty`: progress bar; `plain`: log lines; `silent`: log file only. Default `plain`. */
  output?: OutputMode;
  columns?: number;
  onEvent?: (event: EvalEvent) => void;
  /** Injected clock (run folder name, report times). */
  now?: () => Date;
  /** Replaces the model backend (tests, benchmarks). */
  backend?: ModelBackend;
  /**
   * Runs the programs of benchmarks that run code (HumanEval, MBPP, LiveCodeBench) instead of
   * the sandbox the task names (`ResolvedTask.sandbox`, opened before the run starts).
   */
  sandbox?: ProgramRunner;
}

/** What a run produced. */
export interface RunResult {
  runDir: string;
  modelId: string;
  /** One report per finished benchmark, in run order. */
  reports: EvalReport[];
  /** True when the run was stopped (Ctrl-C) before finishing. */
  interrupted: boolean;
  /** Requests sent to the model in this run (cached samples are not requested). */
  requested: number;
  /** Calls made to the LLM judge in this run (replies from the run store are not calls). */
  judgeCalls: number;
  /** Notes about ignored settings. */
  notes: string[];
}

/** Resolves an evaluation task on this thread and runs it. */
export function runEvaluation(config: TaskConfig, options: RunTaskOptions): Promise<RunResult> {
  return runResolved(
    resolveEvaluation(config, { registry: options.registry, env: options.env }),
    options,
  );
}

/** Runs an evaluation resolved before (see {@linkcode resolveEvaluation}). */
export async function runResolved(
  evaluation: ResolvedEvaluation,
  options: RunResolvedOptions,
): Promise<RunResult> {
  const { task, benches } = evaluation;
  // Programs run at most as many at once as there are cores, whatever the batch size, unless
  // the user set EvalScope's sandbox.pool_size.
  const slots = task.sandbox?.concurrency ??
    Math.min(task.batchSize, navigator.hardwareConcurrency || 1);
  let opened: Sandbox | null = null;
  if (runsCode(benches) && !options.sandbox) {
    const names = benches.filter((b) => b.def.runsCode).map((b) => b.name);
    if (task.sandbox === null) {
      throw noSandbox(names.length ? names : ["a collection"], "--sandbox is none");
    }
    opened = await openSandbox({ ...task.sandbox, concurrency: slots });
  }
  const runner = options.sandbox ?? opened;
  const sandbox = runner ? limitRunner(runner, slots) : undefined;
  const now = options.now ?? (() => new Date());
  const signal = options.signal ?? new AbortController().signal;
  const runDir = task.useCache ??
    (task.noTimestamp ? task.workDir : join(task.workDir, timestampName(now())));
  const resumed = task.useCache !== null && await exists(join(runDir, "cache"));
  const layout = runLayout(runDir, task.modelId);
  for (const dir of [layout.configs, layout.logs, join(runDir, "cache")]) {
    await Deno.mkdir(dir, { recursive: true });
  }
  const tracker = task.progressTracker ? progressTracker(layout.progress, task.datasets) : null;
  const out = new RunOutput({
    mode: options.output ?? "plain",
    debug: task.debug,
    columns: options.columns,
    onEvent: (e) => {
      tracker?.(e, false);
      options.onEvent?.(e);
    },
  });
  await out.openLog(layout.logFile);
  let lock: RunLock | null = null;
  let store: RunStore | null = null;
  let backend: ModelBackend | null = null;
  let judge: JudgeEngine | null = null;
  const reports: EvalReport[] = [];
  const shardParts: ShardBenchmark[] = [];
  let requested = 0;
  let interrupted = false;
  try {
    lock = await acquireRunLock(join(runDir, "cache", "lock"));
    out.info(
      `lmeter ${VERSION}: evaluating ${task.model} on ${task.datasets.join(", ")} → ${runDir}${
        resumed ? " (resuming)" : ""
      }`,
    );
    if (task.useCache && !resumed) {
      out.info(`${runDir} holds no earlier run: starting a new one there.`);
    }
    for (const note of task.notes) out.warn(note);
    await writeTaskConfig(layout, task, benches, { resumed, now: now() });
    store = await RunStore.open(task.cacheUrl ?? layout.store);
    if (task.cacheUrl) out.info(`Run cache: ${task.cacheUrl} (a remote KV)`);
    backend = options.backend ?? makeBackend(task);
    if (benches.some((b) => b.judged) && task.judge?.apiUrl) {
      judge = new JudgeEngine(task.judge, { store });
    }
    const endpoint = await recordEndpoint(task, layout, out);
    for (const bench of benches) {
      if (signal.aborted) {
        interrupted = true;
        break;
      }
      const before = judge ? { ...judge.stats } : null;
      const result = await runBenchmark(bench, {
        task,
        layout,
        store,
        backend,
        data: options.data,
        out,
        signal,
        endpoint,
        now,
        sandbox,
        ...(judge && bench.judged ? { judge } : {}),
      });
      requested += result.requested;
      if (judge && before && bench.judged) {
        out.info(judgeLine(bench.name, {
          model: judge.model,
          before,
          after: judge.stats,
          errors: result.report?.execution.judgeErrors,
        }));
      }
      if (result.interrupted || !result.report) {
        interrupted = true;
        out.warn(`Interrupted: finished samples are saved. Resume with --use-cache ${runDir}`);
        break;
      }
      await Deno.mkdir(layout.reports, { recursive: true });
      await writeReport(join(layout.reports, `${bench.name}.json`), result.report);
      for (const file of await bench.def.reportFiles?.(result.report, bench.params) ?? []) {
        await Deno.writeFile(join(layout.reports, basename(file.name)), file.bytes);
      }
      if (result.report.collection) {
        const file = join(layout.reports, COLLECTION_REPORT_FILE);
        await writeCollectionReport(file, result.report.collection);
      }
      reports.push(result.report);
      if (result.shard) shardParts.push(result.shard);
    }
    if (task.shard && !interrupted) {
      const file = shardFile(task, { shard: task.shard, version: VERSION, benchmarks: shardParts });
      await Deno.writeTextFile(join(runDir, SHARD_FILE), JSON.stringify(file, null, 2) + "\n");
    }
    if (reports.length > 0 && options.renderHtml) {
      await writeHtmlReport(layout, { modelId: task.modelId, reports, render: options.renderHtml });
    }
    if (!interrupted) out.info(`Reports written to ${layout.reports}`);
    tracker?.({ type: "log", level: "info", message: interrupted ? "interrupted" : "done" }, true);
  } finally {
    backend?.close();
    judge?.close();
    await opened?.close();
    await store?.close();
    lock?.release();
    out.close();
  }
  return {
    runDir,
    modelId: task.modelId,
    reports,
    interrupted,
    requested,
    judgeCalls: judge?.stats.calls ?? 0,
    notes: task.notes,
  };
}

/** The log line of a judged benchmark: calls made, replies reused, failures, judge errors. */
function judgeLine(
  name: string,
  info: { model: string; before: JudgeStats; after: JudgeStats; errors: number | undefined },
): string {
  const { before, after } = info;
  const calls = after.calls - before.calls;
  const cached = after.cached - before.cached;
  const failed = after.failed - before.failed;
  const errors = info.errors === undefined ? "" : `, ${info.errors} judge errors`;
  return `${name}: judge ${info.model}: ${calls} calls, ${cached} cached replies, ${failed} failed calls${errors}`;
}

/** Writes `reports/report.html`: the run's scores as one self-contained page (no network needed). */
async function writeHtmlReport(
  layout: RunLayout,
  page: { modelId: string; reports: readonly EvalReport[]; render: (p: EvalHtmlPage) => string },
): Promise<void> {
  const { modelId, reports } = page;
  let config: string | undefined;
  try {
    config = await Deno.readTextFile(layout.taskConfig);
  } catch { /* no config file: the page shows none */ }
  const html = page.render({
    models: [{ model: modelId, reports }],
    config,
    runName: basename(layout.root),
  });
  await Deno.writeTextFile(join(layout.root, "reports", "report.html"), html);
}

function makeBackend(task: ResolvedTask): ModelBackend {
  if (task.evalType === "mock_llm") return new MockBackend(task.model);
  return new OpenAiBackend({
    apiUrl: task.apiUrl!,
    apiKey: task.apiKey,
    model: task.model,
    generation: task.generation,
    endpoint: task.endpoint,
  });
}

async function recordEndpoint(
  task: ResolvedTask,
  layout: RunLayout,
  out: RunOutput,
): Promise<Record<string, unknown>> {
  let identity: Record<string, unknown>;
  if (task.evalType === "mock_llm") {
    identity = { api_url: "mock://", model: task.model, eval_type: "mock_llm" };
  } else {
    const probe = await probeEndpoint(task.apiUrl!, {
      model: task.model,
      apiKey: task.apiKey,
      headers: task.generation.headers,
    });
    if (probe.error) out.warn(`Could not read ${probe.models_url}: ${probe.error}`);
    else {
      const note = modelListNote(probe);
      if (note?.level === "warn") out.warn(note.text);
      else if (note) out.info(note.text);
    }
    identity = { ...probe };
  }
  await Deno.writeTextFile(layout.endpoint, JSON.stringify(identity, null, 2) + "\n");
  return identity;
}

async function writeTaskConfig(
  layout: RunLayout,
  task: ResolvedTask,
  benches: ResolvedBenchmark[],
  info: { resumed: boolean; now: Date },
): Promise<void> {
  const doc = {
    ...maskConfig({
      ...task.config,
      api_key: task.apiKey,
      api_url: task.apiUrl ?? undefined,
      model_id: task.modelId,
      eval_type: task.evalType,
    }),
    resolved_benchmarks: Object.fromEntries(benches.map((b) => [b.name, b.summary])),
    lmeter: {
      version: VERSION,
      written_at: info.now.toISOString(),
      resumed: info.resumed,
    },
  };
  await Deno.writeTextFile(layout.taskConfig, toYaml(doc, { lineWidth: 0 }));
}

/** Writes `progress.json` (at most once a second, and at the end) when the tracker is on. */
function progressTracker(path: string, datasets: string[]): (e: EvalEvent, final: boolean) => void {
  let last = 0;
  const state: Record<string, { done: number; total: number; errors: number }> = {};
  return (e, final) => {
    if (e.type === "progress") {
      state[e.benchmark] = { done: e.done, total: e.total, errors: e.errors };
    }
    const now = Date.now();
    if (!final && (e.type !== "progress" || now - last < 1000)) return;
    last = now;
    const done = Object.values(state).reduce((a, s) => a + s.done, 0);
    const doc = {
      status: final
        ? (e.type === "log" && e.message === "interrupted" ? "interrupted" : "done")
        : "running",
      datasets,
      benchmarks: state,
      samples_done: done,
      updated_at: new Date(now).toISOString(),
    };
    try {
      Deno.writeTextFileSync(path, JSON.stringify(doc, null, 2) + "\n");
    } catch { /* best effort */ }
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
