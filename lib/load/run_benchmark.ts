/**
 * One run of a sweep: warm-up, then the timed phase; every exchange recorded into the metrics,
 * the token ledger and `benchmark_data.db`; then the summary, percentiles and extras computed
 * and the run's files written.
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
  type PercentileField,
  percentileSamples,
  percentileTable,
} from "../metrics/perf_percentiles.ts";
import { benchmarkSummary, round } from "../metrics/perf_summary.ts";
import { RunData } from "../metrics/run_data.ts";
import type { RunMetricsSource } from "../metrics/run_metrics.ts";
import { TokenLedger } from "../metrics/token_reconcile.ts";
import { PerfDb } from "../results/perf/perf_db.ts";
import type { Calibration, ClientLoad, PerfRunResult, SpeedRow } from "../results/perf/schema.ts";
import { writeArgs, writeRunFiles, writeWorkloadFiles } from "../results/perf/write_files.ts";
import type { Tokenizer } from "../tokenizer/mod.ts";
import type { PerfConfig, RunPlan } from "./config.ts";
import { dispatch, type Dispatched, type PostClient } from "./dispatch.ts";
import type { OnProgress } from "./progress.ts";
import { recordExchange } from "./record.ts";
import { localPromptTokens, type PreparedRequest } from "./request_builder.ts";
import { boundedCount } from "../tokenizer/bounded_count.ts";
import type { CompletionResult } from "../client/types.ts";
import { RequestSource } from "./request_source.ts";
import { preparedRequests, type RequestWorker } from "./request_stream.ts";
import { createRng } from "./rng.ts";
import { poissonArrivals } from "./schedule.ts";
import type { Timer } from "./timer.ts";
import { buildTimeline, type CompletionPoint, workloadThroughput } from "../metrics/workload.ts";

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
  /** Receives the debug lines (`--debug`). */
  debug(text: string): void;
  timer?: Timer;
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
  const rng = createRng(env.baseSeed + 1 + slot.index);
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
    return await timedPhase(env, slot, source, arrivalsFor(plan.number), warm);
  } finally {
    await source.close();
  }
}

async function runWarmup(
  env: BenchmarkEnv,
  slot: RunSlot,
  source: RequestSource,
  count: number,
  arrivals: Float64Array | null,
): Promise<{ requests: number; failed: number }> {
  if (count === 0) return { requests: 0, failed: 0 };
  let done = 0;
  let failed = 0;
  const start = performance.now();
  let taken = 0;
  await dispatch({
    client: env.client,
    url: env.config.url,
    source: { next: () => (taken++ < count ? source.next() : Promise.resolve(undefined)) },
    parallel: slot.plan.parallel,
    arrivals,
    signal: env.signal,
    timer: env.timer,
    onResult(d) {
      if (d.result.outcome === "success") done++;
      else failed++;
      env.onProgress?.({
        run: slot.name,
        phase: "warmup",
        done: done + failed,
        total: count,
        failed,
        elapsedMs: performance.now() - start,
        avgTtftMs: null,
        avgLatencyS: null,
        final: done + failed === count,
      });
    },
  });
  return { requests: done + failed, failed };
}

async function timedPhase(
  env: BenchmarkEnv,
  slot: RunSlot,
  source: RequestSource,
  arrivals: Float64Array | null,
  warm: { requests: number; failed: number },
): Promise<PerfRunResult> {
  const { config: c, tokenizer } = env;
  const { plan } = slot;
  const data = new RunData();
  const ledger = new TokenLedger();
  const speed: { prompt: number; rate: number }[] = [];
  const completions: CompletionPoint[] = [];
  const isSpeed = c.dataset.startsWith("speed_benchmark") && c.prompt === undefined;
  const db = new PerfDb(join(slot.dir, "benchmark_data.db"), {
    commitInterval: c.dbCommitInterval,
    meta: { model: c.model, url: c.url, run: slot.name, status: "running" },
  });
  let events = 0;
  let successes = 0;
  const samples = new ReconcileSamples(RECONCILE_SAMPLES, createRng(env.baseSeed + 7));
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const onResult = (d: Dispatched) => {
    const r = d.result;
    const rec = recordExchange(d.request, r, { tokenizer });
    data.add(rec.sample);
    if (rec.tokens) {
      ledger.add(rec.tokens);
      successes++;
      completions.push({
        sentMs: rec.sample.sentMs,
        completedMs: rec.sample.completedMs,
        promptTokens: rec.sample.promptTokens,
        completionTokens: rec.sample.completionTokens,
        cachedTokens: r.usage?.cachedTokens ?? 0,
      });
      if (r.usage) samples.offer(d.request.body, r);
      if (isSpeed) {
        speed.push({
          prompt: rec.sample.promptTokens,
          rate: rec.sample.completionTokens / (rec.sample.latencyMs / 1000),
        });
      }
    }
    events += r.streamed ? r.chunks : 1;
    db.add(d.request.body, r, rec.sample, { tokenSource: rec.tokenSource, group: d.request.group });
    if (c.debug) env.debug(debugLine(d));
    env.onProgress?.({
      run: slot.name,
      phase: "benchmark",
      done: data.total + data.aborted,
      total: plan.number,
      failed: data.failed,
      elapsedMs: performance.now() - start,
      avgTtftMs: data.success ? data.ttftSumMs / data.success : null,
      avgLatencyS: data.success ? data.latencySumMs / data.success / 1000 : null,
    });
  };
  let stats;
  try {
    stats = await dispatch({
      client: env.client,
      url: c.url,
      source,
      parallel: plan.parallel,
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
  env.onProgress?.({
    run: slot.name,
    phase: "benchmark",
    done: data.total + data.aborted,
    total: plan.number,
    failed: data.failed,
    elapsedMs: performance.now() - start,
    avgTtftMs: data.success ? data.ttftSumMs / data.success : null,
    avgLatencyS: data.success ? data.latencySumMs / data.success / 1000 : null,
    final: true,
  });
  samples.countInto(ledger, tokenizer);
  const result = summarizeRun(env, slot, {
    data,
    ledger,
    warm,
    events,
    cpuUs: cpu.user + cpu.system,
    speed: isSpeed ? speed : undefined,
  });
  result.stopReason = stats.stopReason;
  result.status = stats.stopReason === "interrupted" ? "incomplete" : "complete";
  const timeline = completions.length ? buildTimeline(completions, data.minSentMs) : undefined;
  if (timeline) result.workload = workloadThroughput(timeline);
  await writeRunFiles(result);
  if (timeline && result.workload) await writeWorkloadFiles(slot.dir, result.workload, timeline);
  return result;
}

/** Successes whose tokens are counted locally, after the run, to reconcile with usage. */
export const RECONCILE_SAMPLES = 64;

/**
 * A uniform sample (reservoir) of successful exchanges with usage, kept whole until the run
 * ends and counted with the local tokenizer then, so tokenizing never delays timing.
 */
export class ReconcileSamples {
  readonly #max: number;
  readonly #rng: () => number;
  readonly #kept: {
    body: Record<string, unknown>;
    output: string;
    prompt: number;
    completion: number;
  }[] = [];
  #seen = 0;

  constructor(max: number, rng: () => number) {
    this.#max = max;
    this.#rng = rng;
  }

  /** Considers one exchange for the sample. */
  offer(body: Record<string, unknown>, r: CompletionResult): void {
    if (!r.usage) return;
    const item = {
      body,
      output: r.text + r.reasoning,
      prompt: r.usage.promptTokens,
      completion: r.usage.completionTokens,
    };
    this.#seen++;
    if (this.#kept.length < this.#max) this.#kept.push(item);
    else {
      const j = Math.floor(this.#rng() * this.#seen);
      if (j < this.#max) this.#kept[j] = item;
    }
  }

  /** Counts the kept exchanges and adds the comparisons to `ledger`. */
  countInto(ledger: TokenLedger, tokenizer: Tokenizer): void {
    for (const k of this.#kept) {
      ledger.compare({
        usagePrompt: k.prompt,
        usageCompletion: k.completion,
        localPrompt: localPromptTokens(k.body, tokenizer),
        localCompletion: boundedCount(tokenizer, k.output),
      });
    }
    this.#kept.length = 0;
  }
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
    speed?: { prompt: number; rate: number }[];
  },
): PerfRunResult {
  const c = env.config;
  const { data } = m;
  const method = c.percentileMethod;
  const summary = benchmarkSummary(data, {
    concurrency: slot.plan.parallel > 0 ? slot.plan.parallel : null,
    rate: slot.plan.rate > 0 ? slot.plan.rate : null,
  });
  const samples = percentileSamples(data);
  const p99 = (col: PercentileField) => {
    const v = percentileOf(samples[col], 99, method);
    return Number.isFinite(v) ? round(v, 4) : null;
  };
  const g = c.slo ? goodput(data, c.slo) : undefined;
  const wallS = data.wallMs / 1000;
  const eventsPerS = wallS > 0 ? m.events / wallS : 0;
  const reqPerS = wallS > 0 ? data.total / wallS : 0;
  const cal = env.calibration;
  const client: ClientLoad = {
    events: m.events,
    eventsPerS: round(eventsPerS, 1),
    cpuUsPerEvent: m.events > 0 ? round(m.cpuUs / m.events, 2) : null,
    ceilingUsedPct: cal
      ? round(((reqPerS * cal.costPerRequestUs + eventsPerS * cal.costPerEventUs) / 1e6) * 100, 2)
      : null,
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
    percentiles: percentileTable(data, { percentiles: c.percentiles, method }),
    p99: { latencyS: p99("latencyS"), ttftMs: p99("ttftMs"), tpotMs: p99("tpotMs") },
    extras: runExtras(data, { method }),
    tokens: m.ledger.summarize(),
    client,
    warmup: m.warm,
    gateFailures: evaluateGates(c.gates, { data, summary, method, goodput: g }),
  };
  if (g) result.goodput = g;
  if (m.speed) result.speed = speedRows(m.speed);
  slot.inspect?.({ data, summary, method, goodput: g });
  return result;
}

/** EvalScope's speed table: mean completion tokens / latency per prompt length. */
export function speedRows(samples: readonly { prompt: number; rate: number }[]): SpeedRow[] {
  const groups = new Map<number, number[]>();
  for (const s of samples) {
    if (!groups.has(s.prompt)) groups.set(s.prompt, []);
    groups.get(s.prompt)!.push(s.rate);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([prompt, rates]) => ({
    promptTokens: prompt,
    tokensPerS: round(rates.reduce((a, b) => a + b, 0) / rates.length, 4),
    gpuMemoryGb: 0,
  }));
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
