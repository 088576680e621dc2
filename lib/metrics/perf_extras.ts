/**
 * lmeter's statistics beyond EvalScope's summary: send lag against the schedule (coordinated
 * omission), latency measured from the intended send, content TTFT and the failure breakdown.
 * Pure.
 *
 * @module
 */
import { type AchievedConcurrency, achievedConcurrency } from "./concurrency.ts";
import { mean, type PercentileMethod, percentileOf, sortedFinite } from "./percentile.ts";
import { round } from "./round.ts";
import type { RunData } from "./run_data.ts";

/** avg/p50/p90/p99/max of one series; null fields when the series is empty. */
export interface SeriesStats {
  count: number;
  avg: number | null;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

/** lmeter's extra statistics of one run. */
export interface RunExtras {
  /** Actual minus intended send of every counted request, in ms. */
  sendLagMs: SeriesStats;
  /** Requests sent more than 10 ms after their intended time, in % of counted requests. */
  lateSendPct: number;
  /** Requests really in flight (counted ones, send to end); null without any. */
  concurrency: AchievedConcurrency | null;
  /** Completion minus intended send of successes, in s (no coordinated omission). */
  latencyFromIntendedS: SeriesStats;
  /** First non-empty content event minus send, in ms (EvalScope's TTFT counts role-only chunks). */
  contentTtftMs: SeriesStats;
  /** Cancelled in flight by lmeter (Ctrl-C); not counted in the summary. */
  aborted: number;
  /** Streams cut before `[DONE]` (counted as failures). */
  incomplete: number;
  failuresByKind: Record<string, number>;
  /** Prompt tokens served from the server's prefix cache, over the successes whose server said
   * (`reported` of them), and those successes' prompt tokens. */
  promptCache: { reported: number; cachedTokens: number; promptTokens: number };
  /** Counted requests that opened a new connection, and the connect times of those (ms). */
  newConnections: number;
  connectMs: SeriesStats;
  /** The most frequent failure messages, most frequent first. */
  topFailures: { reason: string; count: number }[];
}

/** Late-send threshold for {@linkcode RunExtras.lateSendPct}, in ms. */
export const LATE_SEND_MS = 10;

/** Summary statistics of `values` (unsorted), rounded to `digits`. */
export function seriesStats(
  values: ArrayLike<number>,
  options: { method?: PercentileMethod; digits?: number } = {},
): SeriesStats {
  const sorted = sortedFinite(values);
  const d = options.digits ?? 3;
  const m = options.method ?? "floor";
  const at = (p: number | "max") => {
    const v = percentileOf(sorted, p, m);
    return Number.isFinite(v) ? round(v, d) : null;
  };
  return {
    count: sorted.length,
    avg: sorted.length ? round(mean(sorted), d) : null,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: at("max"),
  };
}

/** The extras of one run. */
export function runExtras(data: RunData, options: { method?: PercentileMethod } = {}): RunExtras {
  const lag = data.sendLagMs.view();
  let late = 0;
  for (let i = 0; i < lag.length; i++) if (lag[i] > LATE_SEND_MS) late++;
  const topFailures = [...data.failureReasons.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([reason, count]) => ({ reason, count }));
  return {
    sendLagMs: seriesStats(lag, options),
    lateSendPct: lag.length ? round((late / lag.length) * 100, 2) : 0,
    concurrency: roundedConcurrency(data),
    latencyFromIntendedS: seriesStats(data.scheduledLatencyMs.view().map((v) => v / 1000), {
      ...options,
      digits: 4,
    }),
    contentTtftMs: seriesStats(data.contentTtftMs.view(), options),
    aborted: data.aborted,
    incomplete: data.incomplete,
    failuresByKind: Object.fromEntries(data.failuresByKind),
    promptCache: {
      reported: data.cacheReported,
      cachedTokens: data.cachedTokensSum,
      promptTokens: data.cacheReportedPromptSum,
    },
    newConnections: data.newConnections,
    connectMs: seriesStats(data.newConnectMs.view(), options),
    topFailures,
  };
}

function roundedConcurrency(data: RunData): AchievedConcurrency | null {
  const c = achievedConcurrency(data.sentAtMs.view(), data.endAtMs.view());
  return c && { max: c.max, mean: round(c.mean, 2) };
}
