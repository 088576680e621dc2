/**
 * The per-run averages of a perf run (EvalScope's `benchmark_summary.json` metrics, its formulas
 * and rounding: 4 decimals, milliseconds 2 decimals) as a typed record. A value that is not
 * available is `null`; EvalScope's labels and its `-1` live only in the file converter
 * (lib/results/perf/evalscope_format.ts). Pure.
 *
 * @module
 */
import { mean } from "./percentile.ts";
import type { RunData } from "./run_data.ts";
import { round } from "./round.ts";
import type { TurnSummary } from "./multi_turn.ts";

/** A run's summary. Averages are over successful requests; `null` means not available. */
export interface PerfSummary {
  /** Wall time of the timed phase (s). */
  durationS: number;
  /** Concurrency cap; null in open loop. */
  concurrency: number | null;
  /** Mean arrival rate (req/s); null when requests are not paced. */
  rate: number | null;
  /** Requests that finished (successful and failed; cancelled ones are not counted). */
  total: number;
  success: number;
  failed: number;
  /** Requests sent with `stream: true` / without. */
  stream: number;
  nonStream: number;
  /** Successful requests per second of wall time; null with no wall time. */
  rps: number | null;
  avgLatencyS: number | null;
  avgInputTokens: number | null;
  /** Output tokens per second of wall time; null with no wall time. */
  outputTps: number | null;
  /** Input and output tokens per second of wall time; null with no wall time. */
  totalTps: number | null;
  /** Over streamed successes (over all successes when none streamed). */
  avgTtftMs: number | null;
  avgTpotMs: number | null;
  /** Mean gap between content chunks; 0 when no request had two (EvalScope's convention). */
  avgItlMs: number;
  avgOutputTokens: number | null;
  /** Tokens decoded per content chunk, when chunks carried several (speculative decoding). */
  decodedPerIter?: number;
  /** The acceptance rate that implies: 1 − 1/decodedPerIter, within [0, 1]. */
  specAcceptRate?: number;
  /** Prompt tokens served from the server's prefix cache, per success that reported them, and
   * as a share of those successes' prompt tokens (%); present only when the server reported them
   * (vLLM `cached_tokens`, llama.cpp `timings.cache_n`). */
  avgCachedTokens?: number;
  cacheHitRatePct?: number;
  /** Pooling runs (embeddings, rerank) only; their generation fields (output, TTFT, TPOT) are
   * null. EvalScope's `Input Throughput`: Σ input tokens / Σ latency (s) of the successes — the
   * speed of one request, not of the system. */
  inputTps?: number | null;
  /** Σ input tokens / Test Duration: the tokens the server took in per second of wall time. */
  wallInputTps?: number | null;
  /** Items per successful request (embedding inputs, or rerank documents). */
  avgItemsPerRequest?: number | null;
  /** Items of the successes per second of wall time. */
  itemsPerS?: number | null;
  /** Images per success, present when requests carried images (random_vl, image fields). */
  avgImagesPerRequest?: number;
  /** Image prompt tokens per success whose server reported them
   * (`usage.prompt_tokens_details.image_tokens`); present only then. */
  avgImageTokens?: number;
  /** Multi-turn runs only (lib/metrics/multi_turn.ts): the mean 1-based turn position of the
   * successes, the mean TTFT of first and of later turns, and the cache hit rate estimated for
   * turns whose server did not report cached tokens (kept apart from `cacheHitRatePct`). */
  avgTurnsPerRequest?: number;
  firstTurnTtftMs?: number | null;
  subsequentTurnTtftMs?: number | null;
  estimatedCacheHitRatePct?: number;
}

/** Rounds, or null when `v` is null. */
function roundOrNull(v: number | null, digits: number): number | null {
  return v === null ? null : round(v, digits);
}

/** The run's summary. `concurrency` is null in open loop; `rate` is null without pacing. */
export function benchmarkSummary(
  data: RunData,
  options: {
    concurrency: number | null;
    rate: number | null;
    pooling?: boolean;
    turns?: TurnSummary;
  },
): PerfSummary {
  const n = data.success;
  const wallS = data.wallMs / 1000;
  const perSuccess = (a: number) => (n > 0 ? round(a / n, 4) : null);
  const perSecond = (a: number) => (wallS > 0 ? round(a / wallS, 4) : null);
  const streamed = data.streamed.view();
  let nStream = 0;
  for (let i = 0; i < streamed.length; i++) nStream += streamed[i];
  // TTFT and TPOT average over streamed successes; over all successes when none streamed.
  const ttft = nStream > 0 ? data.streamOnly(data.ttftMs) : data.ttftMs.view();
  const tpot = nStream > 0 ? data.streamOnly(data.tpotMs) : data.tpotMs.view();
  const avg = (xs: ArrayLike<number>) => (xs.length > 0 ? mean(xs) : null);
  const out: PerfSummary = {
    durationS: round(wallS, 4),
    concurrency: options.concurrency,
    rate: options.rate,
    total: data.total,
    success: n,
    failed: data.failed,
    stream: data.streamTotal,
    nonStream: data.nonStreamTotal,
    rps: perSecond(n),
    avgLatencyS: perSuccess(data.latencyMs.sum() / 1000),
    avgInputTokens: perSuccess(data.promptTokensSum),
    outputTps: perSecond(data.completionTokensSum),
    totalTps: perSecond(data.promptTokensSum + data.completionTokensSum),
    avgTtftMs: roundOrNull(avg(ttft), 2),
    avgTpotMs: roundOrNull(avg(tpot), 2),
    avgItlMs: round(mean(data.itlMs.view(), 0), 2),
    avgOutputTokens: perSuccess(data.completionTokensSum),
  };
  if (options.pooling) {
    const latencyS = data.latencyMs.sum() / 1000;
    Object.assign(out, {
      outputTps: null,
      totalTps: null,
      avgTtftMs: null,
      avgTpotMs: null,
      avgOutputTokens: null,
      inputTps: latencyS > 0 ? round(data.promptTokensSum / latencyS, 4) : null,
      wallInputTps: perSecond(data.promptTokensSum),
      avgItemsPerRequest: perSuccess(data.inputsSum),
      itemsPerS: perSecond(data.inputsSum),
    });
  }
  if (data.withImages > 0 && n > 0) out.avgImagesPerRequest = round(data.imagesSum / n, 4);
  if (data.imageTokensReported > 0) {
    out.avgImageTokens = round(data.imageTokensSum / data.imageTokensReported, 4);
  }
  if (data.decodedPerIter.length > 0) {
    const l = mean(data.decodedPerIter.view());
    out.decodedPerIter = round(l, 4);
    out.specAcceptRate = round(Math.max(0, Math.min(1, 1 - 1 / l)), 4);
  }
  if (data.cacheReported > 0) {
    out.avgCachedTokens = round(data.cachedTokensSum / data.cacheReported, 4);
    out.cacheHitRatePct = data.cacheReportedPromptSum > 0
      ? round((data.cachedTokensSum / data.cacheReportedPromptSum) * 100, 2)
      : 0;
  }
  if (options.turns) Object.assign(out, options.turns);
  return out;
}

/** Successful requests in % of the finished ones; null when none finished. */
export function successRate(summary: Pick<PerfSummary, "total" | "success">): number | null {
  return summary.total > 0 ? (summary.success / summary.total) * 100 : null;
}
