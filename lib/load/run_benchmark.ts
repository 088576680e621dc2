/**
 * One run (one load level): warm-up, then the timed phase, where every exchange goes to the one
 * recorder (lib/load/run_recorder.ts); then the summary, percentiles and extras computed and the
 * run's files written.
 *
 * @module
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import process from "node:process";
import { evaluateGates } from "../metrics/gates.ts";
import { goodput } from "../metrics/goodput.ts";
import { percentileOf } from "../metrics/percentile.ts";
import { runExtras } from "../metrics/perf_extras.ts";
import {
  inputRates,
  type PercentileField,
  percentileSamples,
  percentileTable,
} from "../metrics/perf_percentiles.ts";
import { benchmarkSummary } from "../metrics/perf_summary.ts";
import { round } from "../metrics/round.ts";
import type { RunData } from "../metrics/run_data.ts";
import type { RunMetricsSource } from "../metrics/run_metrics.ts";
import type { TokenLedger } from "../metrics/token_reconcile.ts";
import { PerfDb } from "../results/perf/perf_db.ts";
import type { Calibration, ClientLoad, PerfRunResult, SpeedRow } from "../results/perf/schema.ts";
import { writeArgs, writeRunFiles, writeWorkloadFiles } from "../results/perf/write_files.ts";
import type { Tokenizer } from "../tokenizer/mod.ts";
import type { PerfConfig, RunPlan } from "./config.ts";
import { dispatch, type Dispatched, type PostClient } from "./dispatch.ts";
import { ceilingUsedPct } from "./calibrate.ts";
import type { OnProgress } from "./progress.ts";
import type { PreparedRequest } from "./request_builder.ts";
import { RunRecorder } from "./run_recorder.ts";
import type { PerfDataset } from "./dataset.ts";
import { RequestSource } from "./request_source.ts";
import { preparedRequests, type RequestWorker } from "./request_stream.ts";
import { sfc32 } from "../util/random.ts";
import { poissonArrivals } from "./schedule.ts";
import type { Timer } from "./timer.ts";
import { workloadThroughput } from "../metrics/workload.ts";
import {
  type ClientSide,
  serverMetricsReport,
  type ServerMetricsSummary,
} from "../metrics/server_metrics.ts";
import { epochMs, type ServerMetricsScraper } from "./server_metrics.ts";
import type { TurnStats } from "../metrics/multi_turn.ts";
import { type ConversationRunOptions, runConversations } from "./conversation.ts";

/** What every run of an invocation shares. */
export interface BenchmarkEnv {
  config: PerfConfig;
  client: PostClient;
  tokenizer: Tokenizer;
  /** Makes the request bodies on another thread; without it they are made on this one. */
  requests?: RequestWorker;
  calibration: Calibration | null;
  /** Seeds the dataset (the same for every run, so a shared prefix stays shared). */
  baseSeed: number;
  signal?: AbortSignal;
  onProgress?: OnProgress;
  /** The dataset of the run, when it is a registered one (it may ask for extra tables). */
  dataset?: PerfDataset;
  /** Receives the debug lines (`--debug`). */
  debug(text: string): void;
  /** Receives a warning for the invocation's summary (`perf_summary.json` `warnings`). */
  warn?: (text: string) => void;
  timer?: Timer;
  /** `--server-metrics`: scrapes the server's `/metrics` around each timed phase. */
  serverMetrics?: ServerMetricsScraper;
}

/** Where and what one run is. */
export interface RunSlot {
  plan: RunPlan;
  /** Folder name and label (`parallel_10_number_100`). */
  name: string;
  /** Absolute folder of the run. */
  dir: string;
  /** Sweep position (seeds the schedule). */
  index: number;
  /** `--dataset-offset` for this run. */
  offset: number;
  /** Receives the run's raw data once it is summarised (SLA auto-tune reads metrics from it). */
  inspect?: (source: RunMetricsSource) => void;
}

/** Warm-up requests for a run of `number`: counts ≥ 1 as is, fractions of `number`. */
export function warmupCount(warmupNum: number, number: number): number {
  if (!(warmupNum > 0)) return 0;
  return warmupNum >= 1 ? Math.floor(warmupNum) : Math.max(1, Math.floor(warmupNum * number));
}

/** Runs one benchmark and writes its files. */
export async function runBenchmark(env: BenchmarkEnv, slot: RunSlot): Promise<PerfRunResult> {
  const c = env.config;
  const { plan } = slot;
  await mkdir(slot.dir, { recursive: true });
  await writeArgs(slot.dir, {
    ...c.args,
    parallel: plan.parallel,
    number: plan.number,
    rate: plan.rate,
  });
  const rng = sfc32(env.baseSeed + 1 + slot.index);
  const warmup = warmupCount(c.warmupNum, plan.number);
  const limit = warmup + plan.number;
  const stream = { offset: slot.offset, index: slot.index };
  const source = new RequestSource(
    env.requests
      ? env.requests.open(stream, limit)
      : preparedRequests(c, { tokenizer: env.tokenizer, baseSeed: env.baseSeed, spec: stream }),
    {
      limit,
      prefetch: Math.min(1024, Math.max(16, plan.parallel > 0 ? plan.parallel * 2 : 64)),
    },
  );
  const arrivalsFor = (n: number) =>
    plan.rate > 0 ? poissonArrivals(n, plan.rate, rng, c.burstiness) : null;
  try {
    await source.warm();
    const warm = await runWarmup(env, slot, source, warmup, arrivalsFor(warmup));
    const run = await timedPhase(env, slot, source, arrivalsFor(plan.number), warm);
    const skipped = source.skipped;
    if (skipped.lines > 0) {
      env.warn?.(
        `${slot.name}: ${skipped.lines} dataset line(s) skipped, not valid JSON` +
          (skipped.first ? ` (first: ${skipped.first})` : ""),
      );
    }
    return run;
  } finally {
    await source.close();
  }
}

/** What the warm-up and the timed phase of a multi-turn run share. */
function conversationOptions(
  env: BenchmarkEnv,
  slot: RunSlot,
): Pick<
  ConversationRunOptions,
  "client" | "url" | "parallel" | "maxTurns" | "rate" | "rng" | "signal" | "timer" | "sessionHeader"
> {
  const mt = env.config.multiTurn;
  return {
    client: env.client,
    url: env.config.url,
    parallel: slot.plan.parallel,
    maxTurns: mt?.maxTurns,
    rate: slot.plan.rate,
    rng: sfc32(env.baseSeed + 11 + slot.index),
    signal: env.signal,
    timer: env.timer,
    ...(mt?.sessionHeader ? { sessionHeader: mt.sessionHeader } : {}),
  };
}

/** What the warm-up did: requests (turns) and failures, and conversations in a multi-turn run. */
interface WarmupResult {
  requests: number;
  failed: number;
  conversations?: number;
}

async function runWarmup(
  env: BenchmarkEnv,
  slot: RunSlot,
  source: RequestSource,
  count: number,
  arrivals: Float64Array | null,
): Promise<WarmupResult> {
  if (count === 0) return { requests: 0, failed: 0 };
  let done = 0;
  let failed = 0;
  const start = performance.now();
  let taken = 0;
  const progress = (finished: number) =>
    env.onProgress?.({
      run: slot.name,
      phase: "warmup",
      done: finished,
      total: count,
      failed,
      elapsedMs: performance.now() - start,
      avgTtftMs: null,
      avgLatencyS: null,
      final: finished === count,
    });
  const limited = { next: () => (taken++ < count ? source.next() : Promise.resolve(undefined)) };
  const onResult = (d: Dispatched) => {
    if (d.result.outcome === "success") done++;
    else failed++;
    if (!env.config.multiTurn) progress(done + failed);
  };
  if (env.config.multiTurn) {
    let conversations = 0;
    await runConversations({
      ...conversationOptions(env, slot),
      source: limited,
      phase: "warmup",
      firstTraceSeq: 0,
      onResult,
      onConversation: () => progress(++conversations),
    });
    return { requests: done + failed, failed, conversations };
  }
  await dispatch({
    client: env.client,
    url: env.config.url,
    source: limited,
    parallel: slot.plan.parallel,
    arrivals,
    signal: env.signal,
    timer: env.timer,
    onResult,
  });
  return { requests: done + failed, failed };
}

async function timedPhase(
  env: BenchmarkEnv,
  slot: RunSlot,
  source: RequestSource,
  arrivals: Float64Array | null,
  warm: WarmupResult,
): Promise<PerfRunResult> {
  const c = env.config;
  const db = new PerfDb(join(slot.dir, "benchmark_data.db"), {
    commitInterval: c.dbCommitInterval,
    meta: { model: c.model, url: c.url, run: slot.name, status: "running" },
  });
  const recorder = new RunRecorder({
    tokenizer: env.tokenizer,
    db,
    rng: sfc32(env.baseSeed + 7),
    speedTable: env.dataset?.speedTable === true && c.prompt === undefined,
    multiTurn: c.multiTurn !== undefined,
  });
  const scraping = await beginServerMetrics(env, slot);
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let conversations = 0;
  const progress = (final?: boolean) => {
    const data = recorder.data;
    env.onProgress?.({
      run: slot.name,
      phase: "benchmark",
      done: c.multiTurn ? conversations : data.total + data.aborted,
      total: slot.plan.number,
      failed: data.failed,
      elapsedMs: performance.now() - start,
      avgTtftMs: data.success ? data.ttftSumMs / data.success : null,
      avgLatencyS: data.success ? data.latencySumMs / data.success / 1000 : null,
      ...(final ? { final } : {}),
    });
  };
  let stats;
  const onResult = (d: Dispatched) => {
    recorder.record(d);
    if (c.debug) env.debug(debugLine(d));
    if (!c.multiTurn) progress();
  };
  try {
    stats = c.multiTurn
      ? await runConversations({
        ...conversationOptions(env, slot),
        source,
        phase: "bench",
        firstTraceSeq: warm.conversations ?? 0,
        durationMs: c.durationS ? c.durationS * 1000 : undefined,
        keepEvents: c.debug,
        onResult,
        onConversation: () => {
          conversations++;
          progress();
        },
      })
      : await dispatch({
        client: env.client,
        url: c.url,
        source,
        parallel: slot.plan.parallel,
        arrivals,
        durationMs: c.durationS ? c.durationS * 1000 : undefined,
        signal: env.signal,
        timer: env.timer,
        keepEvents: c.debug,
        onResult,
      });
  } finally {
    db.setMeta("status", env.signal?.aborted ? "incomplete" : "complete");
    db.close();
  }
  const cpu = process.cpuUsage(cpu0);
  progress(true);
  const server = scraping ? await endServerMetrics(env, recorder.data, start) : undefined;
  const recorded = recorder.finish();
  const { conversations: _c, ...warmRequests } = warm;
  const result = summarizeRun(env, slot, {
    ...recorded,
    warm: warmRequests,
    cpuUs: cpu.user + cpu.system,
    server,
  });
  result.stopReason = stats.stopReason;
  result.status = stats.stopReason === "interrupted" ? "incomplete" : "complete";
  if (recorded.timeline) {
    result.workload = workloadThroughput(recorded.completions, {
      startMs: recorded.data.minSentMs,
    });
  }
  await writeRunFiles(result, { format: c.summaryFormat });
  if (recorded.timeline && result.workload) {
    await writeWorkloadFiles(slot.dir, result.workload, recorded.timeline);
  }
  return result;
}

/** Computes everything the files and reports need from a finished run. */
export function summarizeRun(
  env: Pick<BenchmarkEnv, "config" | "calibration">,
  slot: RunSlot,
  m: {
    data: RunData;
    ledger: TokenLedger;
    warm: { requests: number; failed: number };
    events: number;
    cpuUs: number;
    speed?: SpeedRow[];
    /** The server's metrics over the run's window (`--server-metrics`). */
    server?: ServerMetricsSummary;
    turns?: TurnStats;
  },
): PerfRunResult {
  const c = env.config;
  const { data } = m;
  const method = c.percentileMethod;
  const pooling = c.endpoint === "embeddings" || c.endpoint === "rerank";
  const summary = benchmarkSummary(data, {
    concurrency: slot.plan.parallel > 0 ? slot.plan.parallel : null,
    rate: slot.plan.rate > 0 ? slot.plan.rate : null,
    pooling,
    ...(m.turns ? { turns: m.turns.summary() } : {}),
  });
  const samples = percentileSamples(data);
  const p99Of = (xs: Float64Array) => {
    const v = percentileOf(xs, 99, method);
    return Number.isFinite(v) ? round(v, 4) : null;
  };
  const p99 = (col: PercentileField) => p99Of(samples[col]);
  const g = c.slo ? goodput(data, c.slo) : undefined;
  const wallS = data.wallMs / 1000;
  const eventsPerS = wallS > 0 ? m.events / wallS : 0;
  const reqPerS = wallS > 0 ? data.total / wallS : 0;
  const cal = env.calibration;
  const client: ClientLoad = {
    events: m.events,
    eventsPerS: round(eventsPerS, 1),
    cpuUsPerEvent: m.events > 0 ? round(m.cpuUs / m.events, 2) : null,
    ceilingUsedPct: cal ? ceilingUsedPct({ reqPerS, eventsPerS }, cal) : null,
  };
  const result: PerfRunResult = {
    name: slot.name,
    dir: slot.dir,
    parallel: slot.plan.parallel,
    rate: slot.plan.rate,
    number: slot.plan.number,
    status: "complete",
    stopReason: "completed",
    summary,
    percentiles: percentileTable(data, { percentiles: c.percentiles, method, pooling }),
    p99: pooling
      ? { latencyS: p99("latencyS"), ttftMs: null, tpotMs: null, inputTps: p99Of(inputRates(data)) }
      : { latencyS: p99("latencyS"), ttftMs: p99("ttftMs"), tpotMs: p99("tpotMs") },
    extras: runExtras(data, { method }),
    tokens: m.ledger.summarize(),
    client,
    warmup: m.warm,
    gateFailures: evaluateGates(c.gates, { data, summary, method, goodput: g }),
  };
  if (g) result.goodput = g;
  if (m.speed) result.speed = m.speed;
  if (m.server) {
    const q = (col: PercentileField, p: number) => {
      const v = percentileOf(samples[col], p, method);
      return Number.isFinite(v) ? round(v, 4) : null;
    };
    const client: ClientSide = {
      sent: data.total + data.aborted,
      succeeded: data.success,
      ttft: {
        meanMs: summary.avgTtftMs,
        p50Ms: q("ttftMs", 50),
        p90Ms: q("ttftMs", 90),
        p99Ms: q("ttftMs", 99),
      },
      itl: {
        meanMs: samples.itlMs.length > 0 ? summary.avgItlMs : null,
        p50Ms: q("itlMs", 50),
        p90Ms: q("itlMs", 90),
        p99Ms: q("itlMs", 99),
      },
      decodedPerIter: summary.decodedPerIter ?? null,
      specAcceptRateEstimatePct: summary.specAcceptRate !== undefined
        ? round(summary.specAcceptRate * 100, 2)
        : null,
    };
    result.serverMetrics = serverMetricsReport(m.server, client);
  }
  if (m.turns) result.traceSummary = m.turns.traceSummary();
  slot.inspect?.({ data, summary, method, goodput: g });
  return result;
}

/** Starts the run's scrapes (`server_metrics.jsonl`); false when off or when they cannot start. */
async function beginServerMetrics(env: BenchmarkEnv, slot: RunSlot): Promise<boolean> {
  if (!env.serverMetrics) return false;
  try {
    await env.serverMetrics.begin(join(slot.dir, "server_metrics.jsonl"));
    return true;
  } catch (e) {
    env.warn?.(`${slot.name}: server metrics not scraped: ${(e as Error).message}`);
    return false;
  }
}

/**
 * Ends the run's scrapes and summarises them over the measured window: from the earliest send to
 * the last completion (`Test Duration`), or the timed phase when nothing was counted.
 */
async function endServerMetrics(
  env: BenchmarkEnv,
  data: RunData,
  startMs: number,
): Promise<ServerMetricsSummary | undefined> {
  const window = data.total > 0
    ? { start: epochMs(data.minSentMs), end: epochMs(data.minSentMs + data.wallMs) }
    : { start: epochMs(startMs), end: epochMs() };
  try {
    return await env.serverMetrics!.end(window);
  } catch (e) {
    env.warn?.(`server metrics not summarised: ${(e as Error).message}`);
    return undefined;
  }
}

function debugLine(d: Dispatched): string {
  const r = d.result;
  const body = JSON.stringify(d.request.body);
  const head =
    `[debug] #${d.index} ${r.outcome}${r.errorKind ? ` (${r.errorKind}: ${r.error})` : ""} ` +
    `status ${r.httpStatus ?? "-"} chunks ${r.chunks}`;
  const req = `  request: ${body.length > 300 ? `${body.slice(0, 300)}…` : body}`;
  const text = r.reasoning + r.text;
  const resp =
    `  response: ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text)}` +
    (r.usage ? ` usage ${JSON.stringify(r.usage)}` : "");
  return [head, req, resp].join("\n");
}

/** Re-exported for callers that build their own sources. */
export type { PreparedRequest };
