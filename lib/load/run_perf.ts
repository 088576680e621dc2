/**
 * `runPerf()`: the whole `lmeter perf` invocation as a library call — connection test,
 * self-calibration, the runs of the sweep (or the SLA auto-tune) and each run's files. It prints
 * nothing: it tells a {@linkcode PerfListener} what happened and returns the typed report, which
 * the output step (lib/jobs/perf_output.ts) renders to the terminal and the HTML report. It
 * honours cancellation (the current run is flushed and marked incomplete) and reports progress
 * through a callback, so the CLI, a service or a test can drive it.
 *
 * @module
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { VERSION } from "../util/version.ts";
import { HttpClient } from "../client/http_client.ts";
import { NO_RETRY } from "../client/retry.ts";
import type { RunMetricsSource } from "../metrics/run_metrics.ts";
import type { Calibration, PerfReport, PerfRunResult } from "../results/perf/schema.ts";
import { PERF_REPORT_SCHEMA } from "../results/perf/schema.ts";
import { toJson } from "../results/perf/write_files.ts";
import { loadTokenizer } from "../tokenizer/mod.ts";
import { RequestWorker } from "./request_stream.ts";
import { calibrate } from "./calibrate.ts";
import type { PerfConfig } from "./config.ts";
import { testConnection } from "./connection_check.ts";
import type { PerfDataset } from "./dataset.ts";
import type { PostClient } from "./dispatch.ts";
import type { OnProgress, ProgressEvent } from "./progress.ts";
import { type BenchmarkEnv, runBenchmark } from "./run_benchmark.ts";
import { profileOf, type RunLevel } from "./profile.ts";
import { sleep, type Timer } from "./timer.ts";
import { ServerMetricsScraper } from "./server_metrics.ts";

/** What a perf invocation reports while it runs; every method is optional. */
export interface PerfListener {
  /** The client's ceiling was measured (before the first run). */
  calibrated?(calibration: Calibration): void;
  /** A warning about the invocation (also kept in the report's `warnings`). */
  warning?(text: string): void;
  /** A run finished and its files are written; `probe` is true for an SLA auto-tune probe. */
  runFinished?(run: PerfRunResult, info: { probe: boolean }): void;
  /** `--debug`: one request and its answer. */
  debug?(text: string): void;
}

/** Options of {@linkcode runPerf}. */
export interface RunPerfOptions {
  /** Aborting stops dispatch, flushes the current run and marks it incomplete. */
  signal?: AbortSignal;
  onProgress?: OnProgress;
  /** Told about calibration, warnings, finished runs and debug lines. */
  listener?: PerfListener;
  /** The registered datasets (perf/mod.ts, passed down): the run's own may ask for extra tables. */
  datasets?: Readonly<Record<string, PerfDataset>>;
  /** Chat URL of a simulator answering instantly, for self-calibration (skipped without it). */
  calibrationUrl?: string;
  /** Client override (tests); default an `HttpClient` built from the config. */
  client?: PostClient;
  timer?: Timer;
}

/** Runs a perf invocation and returns its report (the output step writes `perf_summary.json`). */
export async function runPerf(
  config: PerfConfig,
  options: RunPerfOptions = {},
): Promise<PerfReport> {
  const listener = options.listener ?? {};
  const startedAt = new Date().toISOString();
  const warnings: string[] = [];
  const http = options.client ? undefined : new HttpClient({
    apiKey: config.apiKey,
    headers: config.headers,
    connectTimeoutMs: config.connectTimeoutMs,
    readTimeoutMs: config.readTimeoutMs,
    totalTimeoutMs: config.totalTimeoutMs,
    retry: NO_RETRY,
  });
  const client: PostClient = options.client ?? http!;
  const baseSeed = config.seed ?? Math.floor(Math.random() * 2 ** 31);
  // Dataset prompts are made on another thread, so making them never delays reading streams.
  // It starts now and loads its tokenizer while this thread loads its own.
  const starting = config.prompt === undefined
    ? RequestWorker.start(config, baseSeed)
    : Promise.resolve(undefined);
  starting.catch(() => {}); // awaited below; a failure is reported there
  // The tokenizer is built while the connection test waits for the server; a tokenizer that
  // cannot load is still the error reported first.
  const tokenizing = loadTokenizer(config.tokenizerPath);
  tokenizing.catch(() => {}); // awaited below
  let scraper: ServerMetricsScraper | undefined;
  try {
    if (config.testConnection) {
      await testConnection(client, {
        url: config.url,
        params: { ...config.body, model: config.model, endpoint: config.endpoint },
        signal: options.signal,
      }).catch(async (e) => {
        await tokenizing;
        throw e;
      });
    }
    const tokenizer = await tokenizing;
    if (config.renderChatTemplate && !tokenizer.applyChatTemplate) {
      warnings.push(
        "--apply-chat-template: the tokenizer has no chat template; prompts are sent as plain text",
      );
    }
    const sent = config.runs.reduce((n, r) => n + r.number, 0);
    if (config.prompt !== undefined && sent > 1) {
      warnings.push(
        `all ${sent} requests send the same --prompt: a server with a prefix cache (vLLM, ` +
          "SGLang, llama.cpp) serves it from cache after the first, so TTFT measures a cached " +
          "prefill; use a dataset (e.g. --dataset random) for distinct prompts",
      );
    }
    await mkdir(config.outputDir, { recursive: true });
    // Calibration measures this process's ceiling: the worker must be idle by then.
    const requests = await starting;
    const calibration = await maybeCalibrate(config, options);
    if (calibration) listener.calibrated?.(calibration);
    if (config.serverMetrics) scraper = await ServerMetricsScraper.start(config.serverMetrics);
    for (const w of warnings) listener.warning?.(w);
    const env: BenchmarkEnv = {
      config,
      client,
      tokenizer,
      requests,
      calibration,
      baseSeed,
      signal: options.signal,
      onProgress: withTracker(config, options.onProgress),
      dataset: options.datasets?.[config.dataset],
      debug: (text) => listener.debug?.(text),
      warn: (text) => {
        warnings.push(text);
        listener.warning?.(text);
      },
      timer: options.timer,
      serverMetrics: scraper,
    };
    const runs: PerfRunResult[] = [];
    const runLevel: RunLevel = async (level) => {
      if (options.signal?.aborted) return undefined;
      if (level.index > 0 && config.sleepIntervalS > 0) {
        await sleep(config.sleepIntervalS * 1000, options.signal);
      }
      if (options.signal?.aborted) return undefined;
      let metrics: RunMetricsSource | undefined;
      const run = await runBenchmark(env, { ...level, inspect: (m) => (metrics = m) });
      runs.push(run);
      listener.runFinished?.(run, { probe: level.probe });
      return { run, metrics };
    };
    const { sla } = await profileOf(config, options.signal)(runLevel);
    if (sla) await Deno.writeTextFile(join(config.outputDir, "sla_summary.json"), toJson(sla));
    const interrupted = options.signal?.aborted === true ||
      runs.some((r) => r.status === "incomplete");
    const report: PerfReport = {
      schema: PERF_REPORT_SCHEMA,
      lmeterVersion: VERSION,
      model: config.model,
      url: config.url,
      api: config.api,
      dataset: config.prompt !== undefined ? "prompt" : config.dataset,
      startedAt,
      finishedAt: new Date().toISOString(),
      outputDir: config.outputDir,
      status: interrupted ? "incomplete" : "complete",
      calibration,
      ...(config.calibrationNote ? { calibrationNote: config.calibrationNote } : {}),
      runs,
      gateFailures: runs.reduce((n, r) => n + r.gateFailures.length, 0),
      warnings,
    };
    if (sla) report.sla = sla;
    return report;
  } finally {
    scraper?.close();
    (await starting.catch(() => undefined))?.close();
    http?.close();
  }
}

async function maybeCalibrate(
  config: PerfConfig,
  options: RunPerfOptions,
): Promise<Calibration | null> {
  if (!config.calibrate || !options.calibrationUrl || options.signal?.aborted) return null;
  const top = Math.max(...config.runs.map((r) => (r.parallel > 0 ? r.parallel : 64)));
  const client = new HttpClient({ retry: NO_RETRY, totalTimeoutMs: 30_000 });
  try {
    return await calibrate({
      url: options.calibrationUrl,
      client,
      concurrency: Math.min(512, Math.max(16, top)),
      freshClient: () => new HttpClient({ retry: NO_RETRY, totalTimeoutMs: 30_000 }),
      signal: options.signal,
    });
  } finally {
    client.close();
  }
}

/** Adds `progress.json` upkeep (`--enable-progress-tracker`) to a progress callback. */
function withTracker(config: PerfConfig, onProgress?: OnProgress): OnProgress | undefined {
  if (!config.enableProgressTracker) return onProgress;
  let last = 0;
  const path = join(config.outputDir, "progress.json");
  return (e: ProgressEvent) => {
    onProgress?.(e);
    const now = performance.now();
    if (!e.final && now - last < 1000) return;
    last = now;
    const pct = e.total > 0 ? Math.round((e.done / e.total) * 1000) / 10 : 0;
    Deno.writeTextFile(path, toJson({ ...e, percent: pct, updatedAt: new Date().toISOString() }))
      .catch(() => {});
  };
}
